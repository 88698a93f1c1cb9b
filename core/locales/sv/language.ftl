# Preferred language and Finnish-only flows (core/src/language.rs).

language-only-finnish = Den här funktionen är för närvarande endast tillgänglig på finska.
language-only-finnish-identification = Stark autentisering i tjänster hos tredje parter är för närvarande endast tillgänglig på finska.
language-only-finnish-signing = Underskriftstjänsten är tills vidare endast tillgänglig på finska.

language-name = svenska

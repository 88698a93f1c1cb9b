# Preferred language and Finnish-only flows (core/src/language.rs).

language-only-finnish = Tämä toiminto on toistaiseksi saatavilla vain suomeksi.
language-only-finnish-identification = Vahva tunnistautuminen kolmansien osapuolten palveluihin on toistaiseksi saatavilla vain suomeksi.
language-only-finnish-signing = Allekirjoituspalvelu on toistaiseksi saatavilla vain suomeksi.

language-name = suomi

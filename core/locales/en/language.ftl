# Preferred language and Finnish-only flows (core/src/language.rs).

language-only-finnish = This service is currently available only in Finnish.
language-only-finnish-identification = Strong identification for third-party services is currently available only in Finnish.
language-only-finnish-signing = The signing service is currently available only in Finnish.

language-name = English

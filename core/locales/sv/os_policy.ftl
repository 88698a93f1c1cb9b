# OS and app version gating (core/src/os_policy/).

os-policy-allowed = Appen fungerar på den här enheten.
os-policy-warn = Enhetens { $os }-version är föråldrad. Av säkerhetsskäl slutar appen fungera på den här enheten från och med { $cutoff }. Uppdatera operativsystemet till minst version { $required }. Nätbankens webbläsarversion kan du använda även i fortsättningen.
os-policy-cannot-install = Appen kan inte installeras på den här enheten eftersom den kräver { $os } { $required } eller nyare. Du kan använda nätbanken i webbläsaren.
os-policy-blocked-unsupported-platform = Appen fungerar inte på enheter med operativsystemet { $os }. Du kan använda nätbanken i webbläsaren.
os-policy-blocked-os-too-old = Appen kan inte längre användas på den här enheten eftersom det kan finnas säkerhetsrisker i enhetens { $os }-version. Uppdatera operativsystemet till minst version { $required } om din enhet stöder det. Nätbankens webbläsarversion kan du använda även i fortsättningen.
os-policy-blocked-app-too-old = Appens version är föråldrad. Uppdatera appen i appbutiken till minst version { $required }. Under tiden kan du använda nätbanken i webbläsaren.
os-policy-fallback-url = Nätbanken: { $url }

os-policy-error-unknown-platform = Enhetens operativsystem kunde inte identifieras.
os-policy-error-invalid-os-version = Operativsystemets version kunde inte läsas.
os-policy-error-invalid-app-version = Appens version kunde inte läsas.
os-policy-error-not-updated = Bankens anvisningar om enheter som stöds kunde inte uppdateras. Appen använder de anvisningar den fått tidigare.

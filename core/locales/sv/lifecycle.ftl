# Profile lifecycle and biometrics (core/protocol/src/lifecycle.rs).

lifecycle-status-pending-unlock = Profilen är låst tills du låser upp den i nätbanken.
lifecycle-status-active = Profilen är i bruk.
lifecycle-status-locked-wrong-pins = Profilen är låst eftersom pinkoden angavs fel för många gånger. Du kan låsa upp den i appen.
lifecycle-status-locked-by-customer = Du låste den här profilen i nätbanken. Du kan låsa upp den med ett nyckeltal på nätbankens sida Kodappen och enheter eller i banken.
lifecycle-status-locked-by-bank = Profilen har låsts i nätbanken. Du kan låsa upp den i nätbanken eller i banken.
lifecycle-status-locked-wrong-key-card-codes = Profilen är låst eftersom säkerhetstalet på kodkortet angavs fel för många gånger. Låset kan öppnas endast i din egen bank.
lifecycle-status-locked-other = Profilen är låst. Kontakta din bank för att låsa upp den.
lifecycle-status-revoked = Profilen har raderats från den här enheten på distans. Om du vill använda appen på den här enheten måste du ta i bruk den på nytt.
lifecycle-status-deleted = Profilen har raderats från den här enheten.
lifecycle-status-unknown = Profilen kan inte användas med den här versionen av appen. Uppdatera appen eller kontakta din bank.

lifecycle-error-illegal-transition = Åtgärden kan inte utföras just nu. { $status }
lifecycle-error-unlock-wrong-pins = Du kan låsa upp profilen i appen, i nätbanken eller i banken.
lifecycle-error-unlock-by-customer = En profil som du själv har låst kan inte låsas upp i appen. Lås upp den på nätbankens sida Kodappen och enheter.
lifecycle-error-unlock-by-bank = En profil som låsts i nätbanken kan inte låsas upp i appen. Lås upp den i nätbanken eller kontakta din bank.
lifecycle-error-unlock-key-card = Låset beror på felaktigt angivna säkerhetstal och kan därför öppnas endast i din egen bank.
lifecycle-error-unlock-other = Det här låset kan öppnas endast i din egen bank.
lifecycle-error-biometrics-need-active = Du kan aktivera biometrisk identifiering först när du har låst upp profilen i nätbanken.
lifecycle-error-illegal-biometric = Inställningen för biometrisk identifiering kan inte ändras just nu.

lifecycle-biometrics-off-fingerprint = Identifiering med fingeravtryck har stängts av eftersom fingeravtrycken som sparats på enheten har ändrats. Logga in med pinkoden. Du kan aktivera fingeravtrycksidentifiering på nytt i inställningarna.
lifecycle-biometrics-off-face = Ansiktsigenkänning har stängts av eftersom ansiktsuppgifterna som sparats på enheten har ändrats. Logga in med pinkoden. Du kan aktivera ansiktsigenkänning på nytt i inställningarna.
lifecycle-biometrics-off-other = Biometrisk identifiering har stängts av eftersom de biometriska uppgifterna som sparats på enheten har ändrats. Logga in med pinkoden. Du kan aktivera den på nytt i inställningarna.

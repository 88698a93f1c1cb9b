# avain demo: identifiering, videomöte, underskrift och meddelanden (bindings/cli/src/cmd_demo.rs).

demo-identification-asked = { $service } ber om identifiering via { $broker }. Appen visar:
demo-identification-received = { $service } fick identifieringen: { $name }.
demo-meeting-booking = Bokning { $code }: { $topic }, med { $expert } ({ $office }).
demo-meeting-clock = Bankens och telefonens klockor flyttades till 10 minuter före mötets början.
demo-meeting-joined = Ansluten: { $url }
demo-meeting-identified = Identifierad i mötet med koden som experten läste upp.
demo-documents = Väntar på din underskrift: { $waiting }; väntande: { $pending }; färdiga: { $completed }.
demo-document-signed = Undertecknat: ”{ $title }”; den andra parten har inte undertecknat ännu.
demo-document-downloaded = Nedladdat { $file } ({ $chars } tecken).
demo-inbox = { $unread } olästa av { $total } meddelanden.
demo-inbox-opened = Öppnat: ”{ $subject }”

# avain demo: tunnistautuminen, verkkoneuvottelu, allekirjoitus ja viestit (bindings/cli/src/cmd_demo.rs).

demo-identification-asked = { $service } pyytää tunnistautumista välittäjän { $broker } kautta. Sovellus näyttää:
demo-identification-received = { $service } sai tunnistustiedot: { $name }.
demo-meeting-booking = Varaus { $code }: { $topic }, asiantuntija { $expert } ({ $office }).
demo-meeting-clock = Pankin ja puhelimen kello siirrettiin 10 minuuttia ennen neuvottelun alkua.
demo-meeting-joined = Liityttiin: { $url }
demo-meeting-identified = Henkilöllisyys vahvistettiin neuvottelussa asiantuntijan antamalla tunnisteella.
demo-documents = Odottaa allekirjoitustasi: { $waiting }; keskeneräiset: { $pending }; valmiit: { $completed }.
demo-document-signed = Allekirjoitettu: ”{ $title }”; toinen osapuoli ei ole vielä allekirjoittanut.
demo-document-downloaded = Ladattu { $file } ({ $chars } merkkiä).
demo-inbox = Lukemattomia { $unread }, viestejä yhteensä { $total }.
demo-inbox-opened = Avattu: ”{ $subject }”

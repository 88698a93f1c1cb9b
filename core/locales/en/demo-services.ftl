# avain demo: the identification, meeting, signing and inbox steps (bindings/cli/src/cmd_demo.rs).

demo-identification-asked = { $service } asks to identify you through { $broker }. The app shows:
demo-identification-received = { $service } received the identification: { $name }.
demo-meeting-booking = Booking { $code }: { $topic }, with { $expert } ({ $office }).
demo-meeting-clock = The bank's clock and the phone's were moved to 10 minutes before the start.
demo-meeting-joined = Joined: { $url }
demo-meeting-identified = Identified in the meeting with the identifier the expert read out.
demo-documents = Waiting for your signature: { $waiting }; pending: { $pending }; completed: { $completed }.
demo-document-signed = Signed "{ $title }"; the other party has not signed yet.
demo-document-downloaded = Downloaded { $file } ({ $chars } characters).
demo-inbox = { $unread } unread of { $total } messages.
demo-inbox-opened = Opened: "{ $subject }"

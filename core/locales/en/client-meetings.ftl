# Video meetings (core/src/client/meetings.rs).

client-meeting-window-not-yet-open = You can join the meeting at the earliest 15 minutes before it starts.
client-meeting-window-open = You can join the meeting now.
client-meeting-window-ended = The meeting has ended.
client-meeting-window-cancelled = The meeting has been cancelled.
client-meeting-recorded = The meeting is recorded.
client-meeting-identify-instruction = After joining, wait for { $expert } to let you in. Keep this screen open: you confirm your identity here with the identifier the expert gives you.
client-error-booking-code-invalid = Check the booking code: it has 8 letters and digits, as in the booking confirmation.
client-error-phone-invalid = Check the phone number, for example 040 123 4567 or +358 40 123 4567.
client-error-meeting-identifier-invalid = The identifier has digits only. Type it as the expert gave it.
client-error-meeting-identifier-wrong = The identifier is wrong. Check it with the expert. { $count ->
    [one] { $count } attempt left.
   *[other] { $count } attempts left.
}
client-error-meeting-identifier-void = The identifier is no longer valid. Ask the expert for a new one.
client-error-meeting-not-found = No booking was found with these details.
client-error-meeting-cannot-change = This booking can no longer be changed. If you need help, call our telephone service.
client-error-meeting-lookup-blocked = Too many attempts with this booking code. Please call our telephone service.
client-error-meeting-edit-empty = Choose what to change.
client-error-meeting-start-invalid = Choose a start time in the future, on the quarter hour.
client-error-meeting-duration-invalid = A meeting lasts 30, 45, 60 or 90 minutes.
client-error-meeting-topic-invalid = The topic must be 1 to 120 characters long.
client-error-meeting-details-invalid = The details can be at most 500 characters long.
client-error-meeting-kind-invalid = Choose a phone meeting, a video meeting or a meeting at the branch.
client-error-meeting-name-invalid = Write the name on one line, at most 100 characters.
client-error-email-invalid = Check the e-mail address, for example name@example.fi.
client-error-meeting-slot-taken = This time is no longer free. Choose another time.
client-error-invitation-code-invalid = Check the invitation code: it has 20 letters and digits, as in the invitation.
client-error-meeting-guest-identification-used = This identification has already been used. Start joining again.

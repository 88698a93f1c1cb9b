// A meeting booked without logging in, from a phone with no profile (before registration):
// the bank's free slots, the booking with name, phone and e-mail, and the confirmation
// with the booking code that the control server reads from the bank's outbox.
package fi.avain.e2e

import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.core.GuestBookingForm
import fi.avain.protocol.MeetingKind
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

class MeetingBookingTest {
    @Test
    fun aMeetingBookedWithoutLoginIsConfirmedWithItsBookingCode() = runBlocking {
        val avain = SandboxControl.phone(SandboxControl.settings())
        val slots = avain.meetings().freeSlots()
        assertTrue(slots.isNotEmpty())
        val form = GuestBookingForm(
            kind = MeetingKind.PHONE,
            startsAt = slots.first().startsAt,
            topic = "Säästäminen",
            name = "Kalle Kotlin",
            phone = "050 777 0001",
            email = null,
        )
        val booked = avain.meetings().bookWithoutLogin(form)
        assertEquals(MeetingKind.PHONE, booked.kind)
        assertEquals(slots.first().startsAt, booked.startsAt)
        assertTrue("no names without login", booked.participants.isEmpty())

        val sms = SandboxControl.lines("/outbox/+358507770001/meeting_booked").toMap()
        assertEquals("sms", sms["channel"])
        assertTrue(sms["text"]!!, sms["text"]!!.contains(booked.bookingCode))

        // The same slot again: taken.
        try {
            avain.meetings().bookWithoutLogin(form.copy(phone = "050 777 0002"))
            fail("expected meeting_slot_taken")
        } catch (e: AvainException.Refused) {
            assertEquals(AvainErrorCode.MEETING_SLOT_TAKEN, e.code)
        }

        // With an e-mail address the confirmation is an e-mail.
        val mailed = avain.meetings().bookWithoutLogin(
            form.copy(kind = MeetingKind.BRANCH, startsAt = slots[1].startsAt, email = "kalle@example.fi"),
        )
        val mail = SandboxControl.lines("/outbox/kalle@example.fi/meeting_booked").toMap()
        assertEquals("email", mail["channel"])
        assertTrue(mail["text"]!!.contains(mailed.bookingCode))

        // Checked on the phone: a broken address never reaches the bank.
        try {
            avain.meetings().bookWithoutLogin(form.copy(startsAt = slots[2].startsAt, email = "kalle@"))
            fail("expected email_invalid")
        } catch (e: AvainException.InvalidInput) {
            assertEquals(AvainErrorCode.EMAIL_INVALID, e.code)
        }
    }
}

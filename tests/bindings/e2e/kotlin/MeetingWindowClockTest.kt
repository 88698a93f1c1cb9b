// A meeting's join window on the injected clocks: the phone's (AvainSettings.clock) and the
// sandbox bank's are moved to the window's edges together, a day ahead, instead of waiting
// for them. The phone computes the window on its clock and the bank checks the join on its
// own, so a join the bank accepts at the window's opening shows that both moved.
package fi.avain.e2e

import fi.avain.Avain
import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.AvainSettings
import fi.avain.protocol.JoinWindow
import fi.avain.protocol.MeetingKind
import java.time.Duration
import java.time.Instant
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

class MeetingWindowClockTest {
    /** The business customer: SandboxFlowTest does not register it. */
    private val user = "50010005"
    private val pin = "472915"


    /** A phone on the test clock with an active profile of [user]; its id. */
    private suspend fun phone(): Pair<Avain, String> =
        SandboxControl.activePhone(user, pin, SandboxControl.settings(), TestClock)

    private inline fun refusedWith(code: AvainErrorCode, block: () -> Unit) {
        try {
            block()
            fail("expected $code")
        } catch (e: AvainException.Refused) {
            assertEquals(code, e.code)
        }
    }

    @Test
    fun theJoinWindowOpensAndClosesOnTheInjectedClocks() = runBlocking {
        val (avain, profileId) = phone()
        try {
            val now = TestClock.freeze(Instant.now())
            avain.loginWithPin(profileId, pin)
            // A meeting tomorrow, on a quarter hour.
            val quarter = 15 * 60L
            val start = Instant.ofEpochSecond((now.plus(Duration.ofDays(1)).epochSecond / quarter + 1) * quarter)
            val booked = avain.meetings().bookMeeting(MeetingKind.VIDEO, start, 30u, "Yrityslaina", null)
            assertEquals(JoinWindow.NotYetOpen(booked.joinOpensAt), booked.joinWindow)

            // A second before the window: closed on the phone. (A day passed: the session
            // is idle on both clocks, so each step logs in again.)
            TestClock.freeze(booked.joinOpensAt.minusSeconds(1))
            avain.loginWithPin(profileId, pin)
            val early = avain.meetings().list().single { it.bookingCode == booked.bookingCode }
            assertEquals(JoinWindow.NotYetOpen(booked.joinOpensAt), early.joinWindow)
            refusedWith(AvainErrorCode.MEETING_NOT_OPEN) { avain.meetings().joinMeeting(booked.bookingCode) }

            // At the opening: open on the phone, and the bank lets the customer in.
            TestClock.freeze(booked.joinOpensAt)
            avain.loginWithPin(profileId, pin)
            assertEquals(JoinWindow.Open, avain.meetings().list().single { it.bookingCode == booked.bookingCode }.joinWindow)
            val join = avain.meetings().joinMeeting(booked.bookingCode)
            assertTrue(join.joinUrl, join.joinUrl.startsWith("https://"))

            // At the end: over.
            TestClock.freeze(booked.endsAt)
            avain.loginWithPin(profileId, pin)
            assertEquals(JoinWindow.Ended, avain.meetings().list().single { it.bookingCode == booked.bookingCode }.joinWindow)
            refusedWith(AvainErrorCode.MEETING_CLOSED) { avain.meetings().joinMeeting(booked.bookingCode) }
        } finally {
            TestClock.real()
        }
    }
}

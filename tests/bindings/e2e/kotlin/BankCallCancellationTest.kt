// Cancelling a Kotlin coroutine during a bank call (docs/concurrency.md, "Cancellation"):
// the phone talks to the sandbox bank through the control server's relay, which holds the
// bank's answer while the test cancels the coroutine, then lets it through. The coroutine
// ends at once with CancellationException; the state afterwards is what the document says
// for that operation.
package fi.avain.e2e

import fi.avain.Avain
import fi.avain.core.AvainException
import fi.avain.protocol.Purpose
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

class BankCallCancellationTest {
    /** The business customer: no other Kotlin test registers it. */
    private val user = "50010005"
    private val pin = "472915"
    private val newPin = "815063"


    /** A relay of the control server between one phone and the bank. */
    private class Relay {
        private val started = SandboxControl.lines("/relay", "POST").toMap()
        val url: String = started.getValue("url")
        private val id: String = started.getValue("id")

        /** Holds the bank's next answer. */
        fun holdNext() = SandboxControl.call("POST", "/relay/$id/hold")

        /** Holds the bank's answer once it accepted one more approval of [purpose]. */
        fun holdOnceApproved(purpose: String) = SandboxControl.call("POST", "/relay/$id/hold/$purpose")

        fun release() = SandboxControl.call("POST", "/relay/$id/release")

        private fun status(key: String) = SandboxControl.value("/relay/$id", key) == "true"

        /** Waits until an answer is held (or has passed). */
        suspend fun held() = until("a held answer") { status("held") }

        /** Waits until the held answer was let through (delivered, or the phone had hung up). */
        suspend fun passed() = until("the held answer to pass") { status("passed") }
    }

    private class Phone(val avain: Avain, val profileId: String, val relay: Relay)

    /** A phone with an active profile of [user], talking to the bank through a relay. */
    private suspend fun phone(): Phone {
        val relay = Relay()
        val (avain, profileId) = SandboxControl.activePhone(user, pin, SandboxControl.settings(relay.url))
        return Phone(avain, profileId, relay)
    }

    /**
     * Cancels [call] once the relay holds the bank's answer and checks that the coroutine
     * ends with CancellationException at once, while the answer is still held; then lets
     * the answer through.
     */
    private suspend fun cancelWhileTheBankHoldsTheAnswer(relay: Relay, call: Deferred<*>) {
        relay.held()
        val started = System.nanoTime()
        call.cancel()
        try {
            withTimeout(5_000) { call.await() }
            fail("expected CancellationException")
        } catch (e: CancellationException) {
            // expected: the coroutine ends while the bank's answer is still held
        }
        val waitedMs = (System.nanoTime() - started) / 1_000_000
        assertTrue("cancellation took $waitedMs ms", waitedMs < 2_000)
        relay.release()
    }

    @Test
    fun aCancelledReadChangesNothing() = runBlocking {
        val phone = phone()
        val avain = phone.avain
        avain.loginWithPin(phone.profileId, pin)
        val accounts = avain.payments().accounts()
        val receipts = avain.receipts().list(phone.profileId, 50u)

        phone.relay.holdNext()
        cancelWhileTheBankHoldsTheAnswer(phone.relay, async(Dispatchers.Default) { avain.payments().accounts() })
        phone.relay.passed()
        // A read is stopped at once: nothing changed here or at the bank.

        assertEquals("still logged in", phone.profileId, avain.loggedInProfile())
        assertEquals(accounts, avain.payments().accounts())
        assertEquals(receipts, avain.receipts().list(phone.profileId, 50u))
    }

    @Test
    fun aLoginCancelledAfterTheBankOpenedTheSessionIsLoggedInHere() = runBlocking {
        val phone = phone()
        val avain = phone.avain

        // The bank's answer to the signed login is held once the bank opened the session.
        phone.relay.holdOnceApproved("login")
        cancelWhileTheBankHoldsTheAnswer(phone.relay, async(Dispatchers.Default) { avain.loginWithPin(phone.profileId, pin) })

        // Nobody waits for the flow any more, but it keeps the session the bank opened.
        until("the session") { avain.loggedInProfile() == phone.profileId }
        assertTrue(avain.receipts().list(phone.profileId, 50u).any { it.purpose == Purpose.LOGIN })
        assertTrue(avain.payments().accounts().isNotEmpty())
    }

    @Test
    fun aPinChangeCancelledBeforeItsConfirmationChangesNothing() = runBlocking {
        val phone = phone()
        val avain = phone.avain
        avain.loginWithPin(phone.profileId, pin)

        // The bank's answer to the change's start is held: the confirmation is never sent.
        phone.relay.holdNext()
        cancelWhileTheBankHoldsTheAnswer(phone.relay, async(Dispatchers.Default) { avain.changePin(pin, newPin, newPin) })
        phone.relay.passed()

        assertTrue(avain.receipts().list(phone.profileId, 50u).none { it.purpose == Purpose.PIN_CHANGE })
        avain.logout()
        try {
            avain.loginWithPin(phone.profileId, newPin)
            fail("the new PIN was never confirmed")
        } catch (e: AvainException.WrongPin) {
            // expected
        }
        avain.loginWithPin(phone.profileId, pin)
        assertEquals(phone.profileId, avain.loggedInProfile())
    }

    @Test
    fun aPinChangeCancelledAfterTheBankCommittedItIsCommittedHereToo() = runBlocking {
        val phone = phone()
        val avain = phone.avain
        avain.loginWithPin(phone.profileId, pin)

        // The bank's answer to the signed confirmation is held once the bank committed it.
        phone.relay.holdOnceApproved("pin_change")
        cancelWhileTheBankHoldsTheAnswer(phone.relay, async(Dispatchers.Default) { avain.changePin(pin, newPin, newPin) })

        // Nobody waits for the flow any more, but it writes the new PIN's parameters and
        // the receipt.
        until("the PIN change's receipt") {
            avain.receipts().list(phone.profileId, 50u).any { it.purpose == Purpose.PIN_CHANGE }
        }
        avain.logout()
        assertNull(avain.loggedInProfile())
        try {
            avain.loginWithPin(phone.profileId, pin)
            fail("the old PIN after the change")
        } catch (e: AvainException.WrongPin) {
            // expected
        }
        avain.loginWithPin(phone.profileId, newPin)
        assertEquals(phone.profileId, avain.loggedInProfile())
    }

    private companion object {
        /** Polls [done] every 10 ms for up to 10 s; fails the test after that. */
        suspend fun until(what: String, done: suspend () -> Boolean) {
            val deadline = System.nanoTime() + 10_000_000_000
            while (!done()) {
                check(System.nanoTime() < deadline) { "waited too long for $what" }
                delay(10)
            }
        }
    }
}

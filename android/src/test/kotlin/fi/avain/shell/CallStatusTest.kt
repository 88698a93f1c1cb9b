package fi.avain.shell

import fi.avain.LogLevel
import fi.avain.LogSink
import fi.avain.checkOsGate
import fi.avain.checkScamMessage
import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.protocol.CalendarDate
import fi.avain.core.Level
import fi.avain.core.Platform
import fi.avain.installLogSink
import fi.avain.protocol.Language
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/**
 * The generated Kotlin reuses one call status per thread (bindings/uniffi-bindgen/src/
 * kotlin_call_status.rs): a failure must never leak into a later call, into a call on
 * another thread, or into the call a Rust callback was made from.
 */
class CallStatusTest {
    private fun tooLongSender(): AvainException.InvalidInput =
        try {
            checkScamMessage("x".repeat(513), "hei", Language.EN)
            throw AssertionError("a 513-character sender must be refused")
        } catch (e: AvainException.InvalidInput) {
            e
        }

    private fun fine() = checkScamMessage("AvainPankki", "Sinulle on uusi viesti verkkopankissa.", Language.FI)

    @Test
    fun aFailureLeavesTheNextCallOnTheThreadClear() {
        repeat(50) {
            assertEquals(AvainErrorCode.SENDER_TOO_LONG, tooLongSender().code)
            assertEquals(Level.OK, fine().level)
        }
    }

    @Test
    fun failuresOnOneThreadNeverReachAnother() {
        val pool = Executors.newFixedThreadPool(2)
        try {
            val failing = pool.submit { repeat(2_000) { tooLongSender() } }
            val passing = pool.submit { repeat(2_000) { assertEquals(Level.OK, fine().level) } }
            failing.get(60, TimeUnit.SECONDS)
            passing.get(60, TimeUnit.SECONDS)
        } finally {
            pool.shutdownNow()
        }
    }

    @Test
    fun callsFromACallbackOnTheSameThreadLeaveTheOuterCallsOwnResult() {
        val inner = mutableListOf<String>()
        // Rust logs the OS gate's error on the calling thread, inside the call; the sink
        // then makes a failing and a succeeding call on that same thread.
        val sink = object : LogSink {
            override fun log(level: LogLevel, target: String, message: String) {
                if (target != "avain::error") return
                inner += tooLongSender().code.name
                inner += fine().level.name
            }
        }
        installLogSink(sink, LogLevel.ERROR)
        try {
            checkOsGate(Platform.ANDROID, "14-beta", null, CalendarDate(2025, 1u, 1u), Language.FI)
            fail("a malformed version must fail")
        } catch (e: AvainException.Internal) {
            assertEquals(AvainErrorCode.INVALID_OS_VERSION, e.code)
        } finally {
            installLogSink(object : LogSink {
                override fun log(level: LogLevel, target: String, message: String) = Unit
            }, LogLevel.ERROR)
        }
        assertEquals(listOf("SENDER_TOO_LONG", "OK"), inner)
        // And the thread's status is clear afterwards.
        assertEquals(Level.OK, fine().level)
        assertTrue(tooLongSender().userMessage.contains("512"))
    }
}

package fi.avain.shell

import fi.avain.core.AvainException
import fi.avain.protocol.CalendarDate
import fi.avain.protocol.Language
import fi.avain.LogLevel
import fi.avain.LogSink
import fi.avain.core.Platform
import fi.avain.checkOsGate
import fi.avain.installLogSink
import java.util.Collections
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test

/** The core's log lines reach a Kotlin LogSink, filtered by level, without personal data. */
class LogSinkTest {
    private class Collecting : LogSink {
        val lines: MutableList<Triple<LogLevel, String, String>> = Collections.synchronizedList(mutableListOf())

        override fun log(level: LogLevel, target: String, message: String) {
            lines.add(Triple(level, target, message))
        }
    }

    private fun provokeAnError() {
        runCatching {
            checkOsGate(Platform.ANDROID, "14-beta", null, CalendarDate(2025, 1u, 1u), Language.FI)
        }.onSuccess { throw AssertionError("a malformed version must fail") }
            .onFailure { assertTrue(it is AvainException.Internal) }
    }

    @Test
    fun errorLinesReachTheSink() {
        val sink = Collecting()
        installLogSink(sink, LogLevel.INFO)
        provokeAnError()
        val line = sink.lines.single { it.second == "avain::error" }
        assertEquals(LogLevel.ERROR, line.first)
        assertTrue(line.third, line.third.contains("code=invalid_os_version"))
        assertFalse("the shell's input is not logged", line.third.contains("14-beta"))
    }

    @Test
    fun aNewSinkReplacesTheOldOneAndLevelsFilter() {
        val first = Collecting()
        installLogSink(first, LogLevel.TRACE)
        val second = Collecting()
        // Errors only: still forwarded.
        installLogSink(second, LogLevel.ERROR)
        provokeAnError()
        assertTrue(first.lines.none { it.second == "avain::error" })
        assertEquals(1, second.lines.count { it.second == "avain::error" })
    }
}

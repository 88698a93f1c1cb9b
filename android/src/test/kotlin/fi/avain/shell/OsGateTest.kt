package fi.avain.shell

import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.protocol.CalendarDate
import fi.avain.core.GateReason
import fi.avain.GateVerdict
import fi.avain.protocol.Language
import fi.avain.core.Platform
import fi.avain.checkOsGate
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/** OS-version gating through the generated bindings: the seeds' cut-off, in every language. */
class OsGateTest {
    private val duringWarning = CalendarDate(2024, 3u, 1u)
    private val afterCutoff = CalendarDate(2025, 1u, 10u)

    @Test
    fun currentPhonesAreAllowed() {
        for ((platform, version) in listOf(Platform.ANDROID to "14", Platform.IOS to "17.5.1", Platform.IPADOS to "16.0")) {
            val gate = checkOsGate(platform, version, "1.0.0", afterCutoff, Language.FI)
            assertEquals(GateVerdict.ALLOWED, gate.verdict)
            assertTrue(gate.mayRun)
            assertNull(gate.reason)
        }
    }

    @Test
    fun iosThirteenFourIsWarnedBeforeTheCutoffInEveryLanguage() {
        val messages = Language.values().map { lang ->
            val gate = checkOsGate(Platform.IOS, "13.4.1", null, duringWarning, lang)
            assertEquals(GateVerdict.WARN, gate.verdict)
            assertTrue("a warned phone still runs", gate.mayRun)
            assertEquals(GateReason.OS_TOO_OLD, gate.reason)
            assertEquals("13.5", gate.requiredVersion)
            assertEquals(CalendarDate(2024, 4u, 15u), gate.cutoff)
            assertTrue(gate.message, gate.message.contains("13.5"))
            assertTrue(gate.message, gate.message.contains("15.4.2024"))
            gate.message
        }
        assertEquals("fi, sv and en texts differ", 3, messages.toSet().size)
    }

    @Test
    fun androidEightIsBlockedAfterTheCutoff() {
        val gate = checkOsGate(Platform.ANDROID, "8.1.0", null, afterCutoff, Language.SV)
        assertEquals(GateVerdict.BLOCKED, gate.verdict)
        assertFalse(gate.mayRun)
        assertEquals(GateReason.OS_TOO_OLD, gate.reason)
        assertEquals("9.0", gate.requiredVersion)
        assertTrue(gate.message, gate.message.contains("Android"))
    }

    @Test
    fun androidFiveCannotInstall() {
        val gate = checkOsGate(Platform.ANDROID, "5.1", null, afterCutoff, Language.EN)
        // Below the run minimum after the cut-off: blocked comes first.
        assertEquals(GateVerdict.BLOCKED, gate.verdict)
        val before = checkOsGate(Platform.ANDROID, "5.1", null, CalendarDate(2024, 1u, 1u), Language.EN)
        assertEquals(GateVerdict.CANNOT_INSTALL, before.verdict)
        assertEquals("6.0", before.requiredVersion)
    }

    @Test
    fun windowsPhonesAreUnsupported() {
        val gate = checkOsGate(Platform.WINDOWS_PHONE, "10.0", null, afterCutoff, Language.FI)
        assertEquals(GateVerdict.BLOCKED, gate.verdict)
        assertEquals(GateReason.UNSUPPORTED_PLATFORM, gate.reason)
        assertNotEquals("", gate.message)
    }

    @Test
    fun aMalformedVersionFromTheShellIsAnInternalError() {
        try {
            checkOsGate(Platform.IOS, "seventeen", null, afterCutoff, Language.FI)
            fail("expected AvainException.Internal")
        } catch (e: AvainException.Internal) {
            assertEquals(AvainErrorCode.INVALID_OS_VERSION, e.code)
            assertEquals("Käyttöjärjestelmän versiota ei voitu lukea.", e.userMessage)
        }
    }

    @Test
    fun aDayThatDoesNotExistIsAnInternalError() {
        val error = runCatching {
            checkOsGate(Platform.IOS, "17.0", null, CalendarDate(2025, 2u, 30u), Language.EN)
        }.exceptionOrNull()
        assertTrue(error is AvainException.Internal)
        assertEquals(AvainErrorCode.INVALID_DATE, (error as AvainException).code)
    }

    @Test
    fun todayIsTheGregorianDateInThePhonesTimeZone() {
        // 2025-12-31 22:30 UTC is already New Year in Helsinki (UTC+2), not in New York.
        val millis = java.time.Instant.parse("2025-12-31T22:30:00Z").toEpochMilli()
        val helsinki = java.util.TimeZone.getTimeZone("Europe/Helsinki")
        val newYork = java.util.TimeZone.getTimeZone("America/New_York")
        assertEquals(CalendarDate(2026, 1u, 1u), calendarDateToday(millis, helsinki))
        assertEquals(CalendarDate(2025, 12u, 31u), calendarDateToday(millis, newYork))
        // A Thai locale's default calendar is Buddhist (year 2568); ours stays Gregorian.
        val default = java.util.Locale.getDefault()
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("th-TH-u-ca-buddhist"))
            assertEquals(2026, calendarDateToday(millis, helsinki).year)
        } finally {
            java.util.Locale.setDefault(default)
        }
    }
}

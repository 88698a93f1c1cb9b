package fi.avain.shell

import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.protocol.CalendarDate
import fi.avain.core.Flow
import fi.avain.protocol.Language
import fi.avain.core.PinReason
import fi.avain.checkHetu
import fi.avain.checkNewPin
import fi.avain.chooseLanguage
import fi.avain.flowLanguage
import fi.avain.pinAdvice
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test

/** PIN rules, the personal identity code and the app's language through the bindings. */
class PinAndLanguageTest {
    @Test
    fun easySeriesAreRefusedWithReasonsInEveryLanguage() {
        val verdicts = Language.values().associateWith { checkNewPin("1234", null, null, it) }
        for ((lang, verdict) in verdicts) {
            assertFalse(verdict.accepted)
            assertEquals(PinReason.SEQUENCE, verdict.problems.first().reason)
            assertTrue("$lang: ${verdict.problems}", verdict.problems.all { it.message.isNotBlank() })
        }
        assertEquals(
            "The PIN contains an easy series of digits, such as 1234, 4321, 2468 or 1111.",
            verdicts.getValue(Language.EN).problems.first().message,
        )
        assertEquals(3, verdicts.values.map { it.problems.first().message }.toSet().size)
    }

    @Test
    fun everyReasonIsReportedInOrder() {
        // Short and not digits: only the form is reported, not the patterns.
        assertEquals(
            listOf(PinReason.LENGTH, PinReason.NOT_DIGITS),
            checkNewPin("12a", null, null, Language.FI).problems.map { it.reason },
        )
        // 1212 repeats a block and is a date (12 December): both, in the fixed order.
        val reasons = checkNewPin("1212", null, null, Language.FI).problems.map { it.reason }
        assertTrue(reasons.toString(), reasons.containsAll(listOf(PinReason.REPETITION, PinReason.DATE)))
        assertEquals(reasons.sortedBy { it.ordinal }, reasons)
    }

    @Test
    fun theCustomersBirthDateIsRefusedInAnyForm() {
        val born = checkHetu("131052-308T", Language.FI).birthDate
        assertEquals(CalendarDate(1952, 10u, 13u), born)
        for (pin in listOf("131052", "1310", "13101952", "19521013")) {
            val verdict = checkNewPin(pin, born, null, Language.SV)
            assertTrue(pin, verdict.problems.any { it.reason == PinReason.BIRTH_DATE })
        }
    }

    @Test
    fun aGoodPinIsAcceptedButNotTwice() {
        val verdict = checkNewPin("583920", null, null, Language.FI)
        assertTrue(verdict.problems.toString(), verdict.accepted)
        assertTrue(verdict.problems.isEmpty())
        val again = checkNewPin("583920", null, "583920", Language.FI)
        assertEquals(listOf(PinReason.SAME_AS_CURRENT), again.problems.map { it.reason })
    }

    @Test
    fun adviceMentionsThePaymentCard() {
        val advice = pinAdvice(Language.EN)
        assertEquals(3, advice.size)
        assertTrue(advice[1], advice[1].contains("payment card"))
    }

    @Test
    fun aMistypedIdentityCodeIsInvalidInputWithoutTheCode() {
        try {
            checkHetu("131052-308U", Language.FI)
            throw AssertionError("expected InvalidInput")
        } catch (e: AvainException.InvalidInput) {
            assertEquals(AvainErrorCode.HETU_CHECK_CHARACTER, e.code)
            assertFalse(e.userMessage.contains("131052"))
            assertFalse(e.message!!.contains("131052"))
        }
    }

    @Test
    fun swedishBeforeFinnishWinsEvenAfterEnglish() {
        assertEquals(Language.SV, chooseLanguage(listOf("en-US", "sv-FI", "fi-FI")))
        assertEquals(Language.SV, chooseLanguage(listOf("sv_FI")))
        assertEquals(Language.FI, chooseLanguage(listOf("en-GB", "fi-FI", "sv-SE")))
        assertEquals(Language.FI, chooseLanguage(listOf("de-DE", "en-US")))
        assertEquals(Language.FI, chooseLanguage(emptyList()))
    }

    @Test
    fun finnishOnlyFlowsComeWithANotice() {
        val identification = flowLanguage(Flow.THIRD_PARTY_IDENTIFICATION, Language.SV)
        assertEquals(Language.FI, identification.shownIn)
        assertTrue(identification.notice!!.isNotBlank())
        val login = flowLanguage(Flow.LOGIN, Language.SV)
        assertEquals(Language.SV, login.shownIn)
        assertNull(login.notice)
    }
}

package fi.avain.shell

import fi.avain.AvainException
import fi.avain.protocol.CalendarDate
import fi.avain.protocol.Language
import fi.avain.core.PinReason
import fi.avain.PinVerdict
import fi.avain.checkNewPin
import java.nio.charset.CharacterCodingException
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/** The direct-mapped PIN check answers exactly as the generated UniFFI call. */
class DirectPinCheckTest {
    private val born = CalendarDate(1952, 10u, 13u)

    private val pins = listOf(
        "583920", "2580", "73950184", // accepted
        "1234", "1212", "0000", "131052", "19521013", "2020", "123123", // patterns, dates
        "", "1", "123456789", "12 34", "12a", // form
        "١٢٣٤", "１２３４", "pinä", "5839€0", "💳💳💳💳", "\u0000123", // not ASCII digits
    )

    private fun assertSame(pin: String, birthDate: CalendarDate?, current: String?, lang: Language) {
        val expected = checkNewPin(pin, birthDate, current, lang)
        val direct = DirectPinCheck.checkNewPin(pin, birthDate, current, lang)
        assertEquals("${pin.codePoints().toArray().toList()} $birthDate $current $lang", expected, direct)
    }

    @Test
    fun sameVerdictsReasonsAndTextsAsTheUniffiCall() {
        for (lang in Language.values()) {
            for (pin in pins) {
                for (birthDate in listOf(null, born)) {
                    for (current in listOf(null, "583920", "")) assertSame(pin, birthDate, current, lang)
                }
            }
        }
    }

    @Test
    fun acceptedAndRefusedAsTheCoreDecides() {
        val ok = DirectPinCheck.checkNewPin("583920", null, null, Language.FI)
        assertEquals(PinVerdict(true, emptyList()), ok)
        val again = DirectPinCheck.checkNewPin("583920", null, "583920", Language.EN)
        assertEquals(listOf(PinReason.SAME_AS_CURRENT), again.problems.map { it.reason })
        assertEquals("same_as_current", again.problems.single().code)
        val birthday = DirectPinCheck.checkNewPin("131052", born, null, Language.SV)
        assertFalse(birthday.accepted)
        assertTrue(birthday.problems.any { it.reason == PinReason.BIRTH_DATE })
        // Empty input: refused for its length only, with the text in the asked language.
        val empty = DirectPinCheck.checkNewPin("", null, null, Language.EN)
        assertEquals(listOf("length"), empty.problems.map { it.code })
        assertEquals(checkNewPin("", null, null, Language.EN).problems.single().message, empty.problems.single().message)
        // Arabic-Indic digits are not the digits 0-9.
        val arabic = DirectPinCheck.checkNewPin("١٢٣٤٥٦", null, null, Language.FI)
        assertEquals(listOf(PinReason.NOT_DIGITS), arabic.problems.map { it.reason })
    }

    @Test
    fun returnedProblemsAreTheCallersOwn() {
        val first = DirectPinCheck.checkNewPin("1234", null, null, Language.FI)
        first.problems.first().message = "changed by the app"
        val second = DirectPinCheck.checkNewPin("1234", null, null, Language.FI)
        assertEquals(checkNewPin("1234", null, null, Language.FI), second)
    }

    @Test
    fun anImpossibleBirthDateFailsAsTheUniffiCallDoes() {
        val wrong = CalendarDate(1985, 2u, 30u)
        val expected = try {
            checkNewPin("583920", wrong, null, Language.SV)
            fail("expected AvainException.Internal")
            return
        } catch (e: AvainException.Internal) {
            e
        }
        try {
            DirectPinCheck.checkNewPin("583920", wrong, null, Language.SV)
            fail("expected AvainException.Internal")
        } catch (e: AvainException.Internal) {
            assertEquals("invalid_date", e.code)
            assertEquals(expected.userMessage, e.userMessage)
        }
    }

    @Test
    fun aLoneSurrogateIsRefusedAsTheUniffiCallRefusesIt() {
        val broken = "12\uD83D34"
        for (call in listOf<() -> Unit>(
            { checkNewPin(broken, null, null, Language.FI) },
            { DirectPinCheck.checkNewPin(broken, null, null, Language.FI) },
            { DirectPinCheck.checkNewPin("583920", null, broken, Language.FI) },
        )) {
            try {
                call()
                fail("expected CharacterCodingException")
            } catch (e: CharacterCodingException) {
                // The generated bindings refuse invalid UTF-16 before reaching Rust.
            }
        }
    }
}

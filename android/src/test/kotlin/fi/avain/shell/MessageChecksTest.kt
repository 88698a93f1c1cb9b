package fi.avain.shell

import fi.avain.core.AlertChannel
import fi.avain.core.AlertViolation
import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.core.FindingCode
import fi.avain.core.Level
import fi.avain.protocol.Language
import fi.avain.checkAlertText
import fi.avain.checkScamMessage
import fi.avain.renderAlert
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/** The scam check and the alert-text check through the bindings: the CLI tests' cases. */
class MessageChecksTest {
    @Test
    fun aLoginLinkFromAPhoneNumberIsDangerous() {
        val report = checkScamMessage("+358 45 231 8890", "Log in at https://tunnus-uusinta.com now", Language.EN)
        assertEquals(Level.DANGEROUS, report.level)
        assertTrue(report.findings.toString(), report.findings.any { it.code == FindingCode.LOGIN_VIA_LINK })
        assertTrue(report.findings.first().message, report.findings.first().message.contains("link"))
        assertTrue(report.advice, report.advice.contains("020 333"))
        assertTrue(report.levelLabel.isNotBlank())
    }

    @Test
    fun theBanksOwnAlertIsOkInSwedish() {
        val report = checkScamMessage("AvainBanken", "Du har ett nytt meddelande i nätbanken.", Language.SV)
        assertEquals(Level.OK, report.level)
        assertTrue(report.findings.isEmpty())
        assertEquals("Inga tecken på bluff", report.levelLabel)
    }

    @Test
    fun aPrizeBehindAShortenerIsDangerous() {
        val ok = checkScamMessage(
            "AvainPankki",
            "Sinulle on uusi viesti verkkopankissa. Avaa sovellus itse ja lue viesti.",
            Language.FI,
        )
        assertEquals(Level.OK, ok.level)
        val prize = checkScamMessage("", "Voitit! Lunasta palkinto: bit.ly/x", Language.FI)
        assertEquals(Level.DANGEROUS, prize.level)
        assertTrue(prize.findings.toString(), prize.findings.any { it.code == FindingCode.LINK_SHORTENER })
    }

    @Test
    fun aSenderTooLongIsATypedInputError() {
        try {
            checkScamMessage("x".repeat(513), "hei", Language.EN)
            fail("a 513-character sender must be refused")
        } catch (e: AvainException.InvalidInput) {
            assertEquals(AvainErrorCode.SENDER_TOO_LONG, e.code)
            assertTrue(e.userMessage, e.userMessage.contains("512"))
        }
    }

    @Test
    fun everyRenderedAlertPassesTheCheck() {
        for (lang in Language.values()) {
            for (channel in AlertChannel.values()) {
                val alert = renderAlert(channel, lang)
                val check = checkAlertText(alert.body, lang)
                assertTrue("$lang $channel: $check", check.ok)
                assertTrue(check.violations.isEmpty())
            }
        }
    }

    @Test
    fun anAlertWithANameAndALinkIsNamedWhatSlippedIn() {
        val check = checkAlertText("Hi Matti, you have a new message: https://avainpankki.fi/m/1", Language.EN)
        assertFalse(check.ok)
        assertEquals(
            listOf(AlertViolation.LINK, AlertViolation.DIGITS, AlertViolation.NOT_A_TEMPLATE),
            check.violations.map { it.violation },
        )
        assertTrue(check.violations.all { it.message.isNotBlank() })
    }
}

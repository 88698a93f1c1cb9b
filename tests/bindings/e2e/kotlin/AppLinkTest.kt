// The online bank's app link from Kotlin: a browser on the sandbox starts "log in with the
// code app", the page's "open the code app on this device" link is handed to the shell's
// AppLinks (as AppLinkActivity would), the core reads it, the phone approves, the browser
// logs in. Lookalike and changed links are refused before anything reaches the bank.
package fi.avain.e2e

import fi.avain.core.ApprovalFactor
import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.protocol.AppLink
import fi.avain.shell.AppLinks
import fi.avain.shell.code
import fi.avain.shell.userMessage
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

class AppLinkTest {
    private val user = "50010006" // Sanna, a seeded customer with SMS on
    private val pin = "385017"

    @Test
    fun thePagesLinkOpensTheBrowserLoginInTheAppOnThisPhone() = runBlocking {
        val (avain, _) = SandboxControl.activePhone(user, pin, SandboxControl.settings())
        val browser = SandboxControl.lines("/browser-login/$user", "POST").toMap()
        val loginId = browser.getValue("request_id")
        val link = browser.getValue("app_link")
        assertEquals("https://localhost/app-login/$loginId", link)
        assertEquals(AppLink.AppLogin(loginId), avain.readAppLink(link))

        // Only an intent that is a tapped link carries a URL.
        assertEquals(link, AppLinks.urlOf(AppLinks.ACTION_VIEW, link))
        assertNull(AppLinks.urlOf("android.intent.action.MAIN", link))
        assertNull(AppLinks.urlOf(AppLinks.ACTION_VIEW, null))

        for ((bad, code) in listOf(
            link.replace("localhost", "localhost.evil.example") to AvainErrorCode.APP_LINK_FOREIGN_HOST,
            link.replace("localhost", "localhost:8443") to AvainErrorCode.APP_LINK_FOREIGN_HOST,
            "https://avainpankki.fi/app-login/$loginId" to AvainErrorCode.APP_LINK_FOREIGN_HOST,
            link.replace("https:", "http:") to AvainErrorCode.APP_LINK_NOT_HTTPS,
            "$link#approve" to AvainErrorCode.APP_LINK_EXTRA_PARTS,
            link.replace("/app-login/", "/login/") to AvainErrorCode.APP_LINK_UNKNOWN_PATH,
            link.dropLast(1) to AvainErrorCode.APP_LINK_BAD_REQUEST_ID,
        )) {
            try {
                AppLinks.open(avain, bad) { fail("no profile is chosen for a refused link"); null }
                fail("$bad: expected a refusal")
            } catch (e: AvainException.Refused) {
                assertEquals(bad, code, e.code)
                assertTrue(e.userMessage, e.userMessage.isNotBlank())
            }
        }
        assertEquals("pending", SandboxControl.call("GET", "/browser-login/$loginId"))

        // One active profile: no choice to make. The prompt is the pushed login's.
        val prompt = AppLinks.open(avain, link) { fail("one profile needs no choice"); null }!!
        assertEquals(loginId, prompt.requestId)
        assertEquals(browser["short_code"], prompt.shortCode)
        assertTrue(prompt.shownText, prompt.shownText.contains(prompt.shortCode))
        avain.identification().approveAppLogin(loginId, ApprovalFactor.Pin(pin))
        assertEquals("approved", SandboxControl.call("GET", "/browser-login/$loginId"))
    }
}

// The online bank's settings seen from Kotlin: a customer without a mobile number is told
// where to add it, adds it and switches the SMS service on in the online bank (through the
// sandbox's control server), registers, then locks the profile there as if the phone were
// lost: the app sees Locked(BY_CUSTOMER) with its own error code, until the customer
// opens it again with a key code.
package fi.avain.e2e

import fi.avain.Avain
import fi.avain.AvainSettings
import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.core.DeviceDetails
import fi.avain.core.Platform
import fi.avain.protocol.LockReason
import fi.avain.protocol.ProfileState
import fi.avain.shell.JvmDeviceKeys
import fi.avain.shell.MemorySecretStore
import fi.avain.shell.NoBiometrics
import java.nio.file.Files
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

class OnlineBankSettingsTest {
    /** Liisa: no mobile number, no SMS service; no other test registers her. */
    private val user = "50010003"
    private val pin = "583920"

    @Test
    fun aMissingNumberIsFixedInTheOnlineBankThenALockedProfileIsSeenAsLockedByTheCustomer() = runBlocking {
        val store = MemorySecretStore()
        val avain = Avain.open(
            AvainSettings(
                dataDir = Files.createTempDirectory("avain-kotlin-settings").toString(),
                bank = SandboxControl.settings(),
                preferredLanguages = listOf("fi-FI"),
                device = DeviceDetails(Platform.ANDROID, "Pixel 8", "14", "1.0.0"),
                pinKdfIterations = 1_000u,
                clock = null,
            ),
            store,
            JvmDeviceKeys(store),
            NoBiometrics(),
        )
        val password = SandboxControl.value("/customer/$user", "password")
        try {
            avain.startRegistration(user, password)
            fail("registration without a number")
        } catch (e: AvainException.Refused) {
            assertEquals(AvainErrorCode.NO_PHONE_NUMBER, e.code)
            assertTrue(e.userMessage, e.userMessage.contains("Ota käyttöön lisäpalvelut"))
        }
        assertEquals("saved", SandboxControl.call("POST", "/phone/$user/0407654321"))
        assertEquals("on", SandboxControl.call("POST", "/sms-service/$user"))
        val profileId = SandboxControl.registerAndUnlock(avain, user, pin, "Liisan puhelin")
        avain.loginWithPin(profileId, pin)
        avain.logout()

        assertEquals("1", SandboxControl.call("POST", "/lock/$user"))
        try {
            avain.loginWithPin(profileId, pin)
            fail("a login with a profile the customer locked")
        } catch (e: AvainException.Locked) {
            assertEquals(AvainErrorCode.PROFILE_LOCKED_BY_CUSTOMER, e.code)
            assertFalse(e.selfService)
            assertTrue(e.userMessage, e.userMessage.contains("Tunnuslukusovellus ja laitteet"))
        }
        val locked = avain.profile(profileId)
        assertEquals(ProfileState.Locked(LockReason.BY_CUSTOMER), locked.state)
        assertTrue(locked.status, locked.status.contains("verkkopankin"))

        assertEquals("1", SandboxControl.call("POST", "/open/$user"))
        avain.loginWithPin(profileId, pin)
        assertEquals(ProfileState.Active, avain.profile(profileId).state)
        avain.close()
    }
}

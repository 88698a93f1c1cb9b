// The secure screen lock from Kotlin: JvmDeviceKeys report a phone whose lock the test
// turns off and on, as the customer would in the settings; the core refuses registration,
// logins and approvals without it (core/src/client/screen_lock.rs) and carries on once it
// is back.
package fi.avain.e2e

import fi.avain.Avain
import fi.avain.AvainSettings
import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.core.DeviceDetails
import fi.avain.core.Platform
import fi.avain.protocol.BiometricKind
import fi.avain.protocol.ProfileState
import fi.avain.shell.JvmDeviceKeys
import fi.avain.shell.MemorySecretStore
import fi.avain.shell.NoBiometrics
import fi.avain.shell.code
import fi.avain.shell.needsScreenLock
import fi.avain.shell.userMessage
import java.nio.file.Files
import java.util.concurrent.atomic.AtomicBoolean
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

class ScreenLockTest {
    // The business customer: SandboxFlowTest asserts Anna's pushes and blocks Mikko's codes.
    private val user = "50010005"
    private val pin = "620184"

    private suspend fun assertLockRequired(what: String, block: suspend () -> Unit) {
        try {
            block()
            fail("$what: expected ScreenLockRequired")
        } catch (e: AvainException.ScreenLockRequired) {
            assertTrue(e.needsScreenLock)
            assertEquals(AvainErrorCode.SCREEN_LOCK_REQUIRED, e.code)
            assertTrue(e.userMessage, e.userMessage.contains("näytön lukitus"))
        }
    }

    @Test
    fun registrationNeedsTheLock() = runBlocking {
        val store = MemorySecretStore()
        val avain = Avain.open(
            AvainSettings(
                dataDir = Files.createTempDirectory("avain-kotlin-e2e").toString(),
                bank = SandboxControl.settings(),
                preferredLanguages = listOf("fi-FI"),
                device = DeviceDetails(Platform.ANDROID, "Pixel 8", "14", "1.0.0"),
                pinKdfIterations = 1_000u,
            ),
            store,
            JvmDeviceKeys(store, secureLockScreen = { false }),
            NoBiometrics(),
        )
        assertLockRequired("registration") {
            avain.startRegistration(user, SandboxControl.value("/customer/$user", "password"))
        }
        assertTrue(avain.profiles().isEmpty())
    }

    @Test
    fun withoutTheLockNothingIsSignedUntilItIsBack() = runBlocking {
        val lockOn = AtomicBoolean(true)
        val (avain, profileId) = SandboxControl.activePhone(
            user, pin, SandboxControl.settings(), secureLockScreen = { lockOn.get() },
        )
        avain.loginWithPin(profileId, pin)
        lockOn.set(false)
        assertLockRequired("enabling biometrics") { avain.enableBiometrics(BiometricKind.FINGERPRINT, pin) }
        avain.logout()
        assertLockRequired("a login") { avain.loginWithPin(profileId, pin) }
        assertEquals(ProfileState.Active, avain.profile(profileId).state)

        lockOn.set(true)
        assertEquals(profileId, avain.loginWithPin(profileId, pin).profile.id)
    }
}

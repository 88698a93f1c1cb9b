// Key attestation from Kotlin (docs/attestation.md): under a bank policy that requires it,
// a phone whose keys come with Keystore's chain (here the sandbox's simulated attestation,
// through JvmDeviceKeys' and SimulatedBiometricKeys' attester) registers, sees the bank's
// verdict in its device list and switches biometrics on; a phone without evidence is
// refused with the typed error and what to do.
package fi.avain.e2e

import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.protocol.BiometricKind
import fi.avain.protocol.KeyProtection
import fi.avain.shell.code
import fi.avain.shell.userMessage
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

class AttestationTest {
    // The company: other tests register it too, and it is never locked or blocked.
    private val user = "50010005"
    private val pin = "620184"

    /** [block] under a policy that requires evidence from both platforms. */
    private fun required(block: suspend () -> Unit) = runBlocking {
        SandboxControl.attestationPolicy("required", "required")
        try {
            block()
        } finally {
            SandboxControl.attestationPolicy("preferred", "preferred")
        }
    }

    @Test
    fun aPhoneWithItsKeysEvidenceRegistersAndSeesTheBanksVerdict() = required {
        val avain = SandboxControl.phone(
            SandboxControl.settings(),
            attester = SandboxControl.androidAttester(),
            biometrics = SimulatedBiometricKeys(SandboxControl.androidAttester("biometric")),
        )
        val profileId = SandboxControl.registerAndUnlock(avain, user, pin, "Attestoitu puhelin")
        avain.loginWithPin(profileId, pin)
        val mine = avain.devices().list().single { it.thisDevice }
        assertEquals(KeyProtection.TRUSTED_ENVIRONMENT, mine.keyProtection)
        assertEquals("Laitteistoon suojattu avain, suojattu suoritusympäristö (TEE)", mine.keyProtectionLabel)
        // K_bio is made with the bank's challenge and its chain goes with it: the bank,
        // which requires evidence, takes it.
        avain.enableBiometrics(BiometricKind.FINGERPRINT, pin)
        assertTrue(avain.profile(profileId).biometricsEnabled)
    }

    @Test
    fun aPhoneWithoutEvidenceIsRefusedWithWhatToDo() = required {
        val avain = SandboxControl.phone(SandboxControl.settings())
        val registration = SandboxControl.registrationUpToName(avain, user, pin)
        try {
            registration.finish("Todistamaton puhelin")
            fail("expected DeviceNotSupported")
        } catch (e: AvainException.DeviceNotSupported) {
            assertEquals(AvainErrorCode.ATTESTATION_REQUIRED, e.code)
            assertTrue(e.userMessage, e.userMessage.contains("verkkopankkia"))
        }
        assertTrue(avain.profiles().isEmpty())
    }
}

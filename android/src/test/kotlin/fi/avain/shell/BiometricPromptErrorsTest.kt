package fi.avain.shell

import fi.avain.protocol.Language
import fi.avain.PlatformException
import fi.avain.biometricPromptTexts
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

/** BiometricPrompt outcomes as the core understands them, and the prompt's button text. */
class BiometricPromptErrorsTest {
    @Test
    fun closingThePromptIsACancelSoThePinIsOffered() {
        for (code in listOf(BiometricPromptError.USER_CANCELED, BiometricPromptError.NEGATIVE_BUTTON, BiometricPromptError.CANCELED, BiometricPromptError.TIMEOUT)) {
            assertTrue("$code", biometricPromptFailure(code) is PlatformException.Cancelled)
        }
    }

    @Test
    fun lockoutAndMissingHardwareMeanBiometricsAreNotAvailable() {
        for (code in listOf(BiometricPromptError.LOCKOUT, BiometricPromptError.LOCKOUT_PERMANENT, BiometricPromptError.NO_BIOMETRICS, BiometricPromptError.HW_NOT_PRESENT, BiometricPromptError.HW_UNAVAILABLE)) {
            assertTrue("$code", biometricPromptFailure(code) is PlatformException.BiometricsNotAvailable)
        }
        val vendor = biometricPromptFailure(BiometricPromptError.VENDOR) as PlatformException.Failure
        assertEquals("biometric_prompt_error_8", vendor.reason)
    }

    @Test
    fun theUsePinButtonComesFromTheCore() {
        assertEquals("Käytä PIN-koodia", biometricPromptTexts(Language.FI).usePinButton)
        assertEquals("Använd PIN-kod", biometricPromptTexts(Language.SV).usePinButton)
        assertEquals("Use PIN", biometricPromptTexts(Language.EN).usePinButton)
    }
}

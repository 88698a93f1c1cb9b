// What an androidx.biometric BiometricPrompt error means to the core. Platform-neutral
// (the codes are androidx.biometric's documented constants), so the mapping is tested on
// the JVM; the Android-only AndroidBiometricKeys calls it.
package fi.avain.shell

import fi.avain.PlatformException

/** androidx.biometric.BiometricPrompt's error codes (BiometricPrompt.ERROR_*). */
object BiometricPromptError {
    const val HW_UNAVAILABLE = 1
    const val UNABLE_TO_PROCESS = 2
    const val TIMEOUT = 3
    const val NO_SPACE = 4
    const val CANCELED = 5
    const val LOCKOUT = 7
    const val VENDOR = 8
    const val LOCKOUT_PERMANENT = 9
    const val USER_CANCELED = 10
    const val NO_BIOMETRICS = 11
    const val HW_NOT_PRESENT = 12
    const val NEGATIVE_BUTTON = 13
    const val NO_DEVICE_CREDENTIAL = 14
    const val SECURITY_UPDATE_REQUIRED = 15
}

/**
 * The [PlatformException] for a BiometricPrompt error: the customer (or the system)
 * closing the prompt is `Cancelled`, so the app offers the PIN; anything that makes
 * biometrics unusable for now is `BiometricsNotAvailable`.
 */
fun biometricPromptFailure(errorCode: Int): PlatformException = when (errorCode) {
    BiometricPromptError.USER_CANCELED,
    BiometricPromptError.NEGATIVE_BUTTON,
    BiometricPromptError.CANCELED,
    BiometricPromptError.TIMEOUT,
    -> PlatformException.Cancelled()
    BiometricPromptError.LOCKOUT,
    BiometricPromptError.LOCKOUT_PERMANENT,
    BiometricPromptError.NO_BIOMETRICS,
    BiometricPromptError.HW_NOT_PRESENT,
    BiometricPromptError.HW_UNAVAILABLE,
    BiometricPromptError.NO_DEVICE_CREDENTIAL,
    BiometricPromptError.SECURITY_UPDATE_REQUIRED,
    -> PlatformException.BiometricsNotAvailable()
    else -> PlatformException.Failure("biometric_prompt_error_$errorCode")
}

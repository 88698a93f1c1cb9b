package fi.avain.shell

import fi.avain.BiometricKeys
import fi.avain.CreatedKey
import fi.avain.PlatformException

/** A phone without biometrics, for the tests: every key call answers "not available". */
class NoBiometrics : BiometricKeys {
    override fun isAvailable() = false
    override fun create(profileId: String, attestationChallenge: ByteArray?): CreatedKey =
        throw PlatformException.BiometricsNotAvailable()
    override fun publicKey(profileId: String): ByteArray? = null
    override fun sign(profileId: String, prompt: String, message: ByteArray): ByteArray =
        throw PlatformException.BiometricsNotAvailable()
    override fun delete(profileId: String) = Unit
}

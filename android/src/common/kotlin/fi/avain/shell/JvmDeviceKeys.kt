// K_dev in software on the JVM (java.security, EC P-256), the keys kept in a SecretStore:
// for unit tests on the desktop JVM and JVM tools. On a phone the shell uses
// AndroidKeystoreDeviceKeys (android/src/main), whose keys never leave the hardware.
package fi.avain.shell

import fi.avain.CreatedKey
import fi.avain.DeviceKeys
import fi.avain.PlatformException
import fi.avain.SecretStore
import java.security.KeyFactory
import java.security.KeyPairGenerator
import java.security.PrivateKey
import java.security.SecureRandom
import java.security.Signature
import java.security.interfaces.ECPublicKey
import java.security.spec.ECGenParameterSpec
import java.security.spec.PKCS8EncodedKeySpec

/**
 * Device keys made by java.security: the private key as PKCS#8 and the public key
 * (uncompressed SEC1) in [store], under names derived from the profile id. A JVM has no
 * screen lock to ask: [secureLockScreen] answers for it (a test passes `{ false }` for a
 * phone whose lock is off), nor a Keystore to attest its keys: a test that wants evidence
 * passes an [attester] (the sandbox's simulated attestation service).
 */
class JvmDeviceKeys(
    private val store: SecretStore,
    private val random: SecureRandom = SecureRandom(),
    private val secureLockScreen: () -> Boolean = { true },
    private val attester: KeyAttester? = null,
) : DeviceKeys {
    override fun hasSecureLockScreen(): Boolean = secureLockScreen()

    /**
     * A key made with an [attestationChallenge] comes with the chain [attester] gives for
     * it; without an attester (a JVM has no Keystore to vouch for its keys) with none.
     */
    override fun create(profileId: String, attestationChallenge: ByteArray?): CreatedKey = platformCall {
        val generator = KeyPairGenerator.getInstance("EC")
        generator.initialize(ECGenParameterSpec("secp256r1"), random)
        val pair = generator.generateKeyPair()
        val publicKey = P256.uncompressedPoint(pair.public as ECPublicKey)
        val pkcs8 = pair.private.encoded
        try {
            store.put(privateName(profileId), pkcs8)
            store.put(publicName(profileId), publicKey)
        } finally {
            pkcs8.fill(0)
        }
        CreatedKey(publicKey, attestationChallenge?.let { attester?.chain(publicKey, it) })
    }

    override fun publicKey(profileId: String): ByteArray? = platformCall {
        store.get(publicName(profileId))
    }

    override fun sign(profileId: String, message: ByteArray): ByteArray = platformCall {
        val key = privateKey(profileId) ?: throw PlatformException.KeyNotFound()
        // ASN.1 DER, as the core and the server expect.
        val signature = Signature.getInstance("SHA256withECDSA")
        signature.initSign(key, random)
        signature.update(message)
        signature.sign()
    }

    override fun delete(profileId: String) = platformCall {
        store.delete(privateName(profileId))
        store.delete(publicName(profileId))
    }

    private fun privateName(profileId: String) = "avain/profile/$profileId/jvm-device-key"

    private fun publicName(profileId: String) = "avain/profile/$profileId/jvm-device-key.pub"

    private fun privateKey(profileId: String): PrivateKey? {
        val pkcs8 = store.get(privateName(profileId)) ?: return null
        try {
            return KeyFactory.getInstance("EC").generatePrivate(PKCS8EncodedKeySpec(pkcs8))
        } finally {
            pkcs8.fill(0)
        }
    }
}

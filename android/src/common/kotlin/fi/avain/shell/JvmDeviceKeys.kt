// K_dev in software on the JVM (java.security, EC P-256), the keys kept in a SecretStore:
// for unit tests on the desktop JVM and JVM tools. On a phone the shell uses
// AndroidKeystoreDeviceKeys (android/src/main), whose keys never leave the hardware.
package fi.avain.shell

import fi.avain.DeviceKeys
import fi.avain.PlatformException
import fi.avain.SecretStore
import java.math.BigInteger
import java.security.AlgorithmParameters
import java.security.KeyFactory
import java.security.KeyPairGenerator
import java.security.PrivateKey
import java.security.SecureRandom
import java.security.Signature
import java.security.interfaces.ECPublicKey
import java.security.spec.ECGenParameterSpec
import java.security.spec.ECParameterSpec
import java.security.spec.ECPoint
import java.security.spec.ECPublicKeySpec
import java.security.spec.PKCS8EncodedKeySpec

/**
 * Device keys made by java.security: the private key as PKCS#8 and the public key
 * (uncompressed SEC1) in [store], under names derived from the profile id.
 */
class JvmDeviceKeys(
    private val store: SecretStore,
    private val random: SecureRandom = SecureRandom(),
) : DeviceKeys {
    override fun create(profileId: String): ByteArray = platformCall {
        val generator = KeyPairGenerator.getInstance("EC")
        generator.initialize(ECGenParameterSpec("secp256r1"), random)
        val pair = generator.generateKeyPair()
        val publicKey = uncompressedPoint(pair.public as ECPublicKey)
        val pkcs8 = pair.private.encoded
        try {
            store.put(privateName(profileId), pkcs8)
            store.put(publicName(profileId), publicKey)
        } finally {
            pkcs8.fill(0)
        }
        publicKey
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

    companion object {
        private val P256: ECParameterSpec by lazy {
            AlgorithmParameters.getInstance("EC")
                .apply { init(ECGenParameterSpec("secp256r1")) }
                .getParameterSpec(ECParameterSpec::class.java)
        }

        /** The uncompressed SEC1 form (0x04 || X || Y, 65 bytes) of a P-256 public key. */
        fun uncompressedPoint(key: ECPublicKey): ByteArray {
            val out = ByteArray(65)
            out[0] = 4
            fixed32(key.w.affineX).copyInto(out, 1)
            fixed32(key.w.affineY).copyInto(out, 33)
            return out
        }

        /** A P-256 public key from its uncompressed SEC1 form, e.g. to verify the core's signatures. */
        fun publicKeyFromPoint(point: ByteArray): ECPublicKey {
            require(point.size == 65 && point[0] == 4.toByte()) { "not an uncompressed P-256 point" }
            val w = ECPoint(BigInteger(1, point.copyOfRange(1, 33)), BigInteger(1, point.copyOfRange(33, 65)))
            return KeyFactory.getInstance("EC").generatePublic(ECPublicKeySpec(w, P256)) as ECPublicKey
        }

        private fun fixed32(value: BigInteger): ByteArray {
            val bytes = value.toByteArray()
            return when {
                bytes.size == 32 -> bytes
                bytes.size > 32 -> bytes.copyOfRange(bytes.size - 32, bytes.size)
                else -> ByteArray(32 - bytes.size) + bytes
            }
        }
    }
}

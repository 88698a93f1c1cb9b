// P-256 public keys in the form the core and the server use: uncompressed SEC1
// (0x04 || X || Y, 65 bytes). java.security speaks X.509/ECPoint; these convert.
package fi.avain.shell

import java.math.BigInteger
import java.security.AlgorithmParameters
import java.security.KeyFactory
import java.security.interfaces.ECPublicKey
import java.security.spec.ECGenParameterSpec
import java.security.spec.ECParameterSpec
import java.security.spec.ECPoint
import java.security.spec.ECPublicKeySpec

/** Conversions between java.security's EC public keys and uncompressed SEC1 bytes. */
object P256 {
    private val params: ECParameterSpec by lazy {
        AlgorithmParameters.getInstance("EC")
            .apply { init(ECGenParameterSpec("secp256r1")) }
            .getParameterSpec(ECParameterSpec::class.java)
    }

    /** The uncompressed SEC1 form (65 bytes) of a P-256 public key. */
    fun uncompressedPoint(key: ECPublicKey): ByteArray {
        val out = ByteArray(65)
        out[0] = 4
        fixed32(key.w.affineX).copyInto(out, 1)
        fixed32(key.w.affineY).copyInto(out, 33)
        return out
    }

    /** A P-256 public key from its uncompressed SEC1 form (to verify the core's signatures). */
    fun publicKey(point: ByteArray): ECPublicKey {
        require(point.size == 65 && point[0] == 4.toByte()) { "not an uncompressed P-256 point" }
        val w = ECPoint(BigInteger(1, point.copyOfRange(1, 33)), BigInteger(1, point.copyOfRange(33, 65)))
        return KeyFactory.getInstance("EC").generatePublic(ECPublicKeySpec(w, params)) as ECPublicKey
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

// K_bio on the JVM for the end-to-end tests: what a phone's biometric hardware does, in
// software. On Android the shell's AndroidBiometricKeys (android/src/main) does this with
// a Keystore key behind BiometricPrompt; there is no sensor on the JVM.
package fi.avain.e2e

import fi.avain.BiometricKeys
import fi.avain.CreatedKey
import fi.avain.PlatformException
import fi.avain.shell.KeyAttester
import fi.avain.shell.P256
import java.security.KeyPair
import java.security.KeyPairGenerator
import java.security.Signature
import java.security.interfaces.ECPublicKey
import java.security.spec.ECGenParameterSpec
import java.util.Collections
import java.util.concurrent.ConcurrentHashMap

/**
 * One P-256 key per profile, bound to the fingers enrolled when it was made: after
 * [enrolNewFinger] every older key refuses to sign with [PlatformException.BiometricSetChanged],
 * as a Keystore key made with `setInvalidatedByBiometricEnrollment(true)` throws
 * `KeyPermanentlyInvalidatedException`. [customerCancels] makes the next prompt end with
 * the customer pressing "Use PIN". Every prompt's text is kept in [prompts]. With an
 * [attester], a key made with an attestation challenge comes with its chain.
 */
class SimulatedBiometricKeys(private val attester: KeyAttester? = null) : BiometricKeys {
    private class Bound(val pair: KeyPair, val enrolment: Int)

    private val keys = ConcurrentHashMap<String, Bound>()

    @Volatile private var enrolment = 0

    /** The next prompt is cancelled by the customer (then prompts pass again). */
    @Volatile var customerCancels = false

    /** The prompt texts the core asked the platform to show, in order. */
    val prompts: MutableList<String> = Collections.synchronizedList(mutableListOf())

    /** The customer adds a fingerprint in the phone's settings. */
    fun enrolNewFinger() {
        enrolment++
    }

    override fun isAvailable() = true

    /** The chain comes from [attester] when the core asks with a challenge (Android's K_bio). */
    override fun create(profileId: String, attestationChallenge: ByteArray?): CreatedKey {
        val generator = KeyPairGenerator.getInstance("EC")
        generator.initialize(ECGenParameterSpec("secp256r1"))
        val pair = generator.generateKeyPair()
        keys[profileId] = Bound(pair, enrolment)
        val publicKey = P256.uncompressedPoint(pair.public as ECPublicKey)
        val chain = attestationChallenge?.let { attester?.chain(publicKey, it) }
        return CreatedKey(publicKey, chain)
    }

    override fun publicKey(profileId: String): ByteArray? =
        keys[profileId]?.let { P256.uncompressedPoint(it.pair.public as ECPublicKey) }

    override fun sign(profileId: String, prompt: String, message: ByteArray): ByteArray {
        val key = keys[profileId] ?: throw PlatformException.KeyNotFound()
        // Android checks the key before it shows the prompt (Signature.initSign throws).
        if (key.enrolment != enrolment) throw PlatformException.BiometricSetChanged()
        prompts += prompt
        if (customerCancels) {
            customerCancels = false
            throw PlatformException.Cancelled()
        }
        val signature = Signature.getInstance("SHA256withECDSA")
        signature.initSign(key.pair.private)
        signature.update(message)
        return signature.sign()
    }

    override fun delete(profileId: String) {
        keys.remove(profileId)
    }
}

// Android Key Attestation for K_dev and K_bio (docs/attestation.md): the key is generated
// with the core's challenge and Keystore's certificate chain goes to the bank, which
// decides what it proves. The app never judges it.
package fi.avain.android

import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.util.Log
import java.security.KeyStore
import java.security.ProviderException

internal object KeyAttestation {
    private const val TAG = "avain"

    /** Attestation needs API 24; older phones make the key without it. */
    private val supported: Boolean = Build.VERSION.SDK_INT >= Build.VERSION_CODES.N

    /**
     * Runs [generate] with [challenge] where the phone can attest, and again without it
     * when generating with one fails (a Keystore whose attestation is broken): no evidence
     * is the bank's call, not a failed key. Returns the challenge the key was made with.
     */
    fun generateWith(challenge: ByteArray?, generate: (ByteArray?) -> Unit): ByteArray? {
        val asked = challenge?.takeIf { supported }
        if (asked == null) {
            generate(null)
            return null
        }
        return try {
            generate(asked)
            asked
        } catch (e: ProviderException) {
            // The exception's class only: its message may name the key.
            Log.w(TAG, "key attestation unavailable: ${e.javaClass.name}")
            generate(null)
            null
        }
    }

    fun setChallenge(spec: KeyGenParameterSpec.Builder, challenge: ByteArray?) {
        if (challenge != null && Build.VERSION.SDK_INT >= Build.VERSION_CODES.N) {
            spec.setAttestationChallenge(challenge)
        }
    }

    /** The key's certificate chain (DER, leaf first) when it was made with a challenge. */
    fun chain(keyStore: KeyStore, alias: String, challenge: ByteArray?): List<ByteArray>? =
        if (challenge == null) null else keyStore.getCertificateChain(alias)?.map { it.encoded }
}

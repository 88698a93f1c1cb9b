// K_bio on Android: an EC P-256 key per profile in the Android Keystore that signs only
// inside a successful strong-biometric BiometricPrompt (CryptoObject), and that Android
// invalidates for good when a fingerprint or face is enrolled.
package fi.avain.android

import android.content.Context
import android.os.Build
import android.os.Handler
import android.os.Looper
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import androidx.biometric.BiometricManager
import androidx.biometric.BiometricManager.Authenticators.BIOMETRIC_STRONG
import androidx.biometric.BiometricPrompt
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity
import fi.avain.BiometricKeys
import fi.avain.CreatedKey
import fi.avain.protocol.Language
import fi.avain.PlatformException
import fi.avain.biometricPromptTexts
import fi.avain.shell.P256
import fi.avain.shell.biometricPromptFailure
import fi.avain.shell.platformCall
import fi.avain.shell.toPlatformException
import java.security.KeyPairGenerator
import java.security.KeyStore
import java.security.PrivateKey
import java.security.Signature
import java.security.interfaces.ECPublicKey
import java.security.spec.ECGenParameterSpec
import java.util.concurrent.CountDownLatch

/**
 * Biometric keys under the alias `fi.avain.kbio.<profile id>`.
 *
 * [activity] returns the activity to show the prompt over (the one in front);
 * [language] the app's language, for the prompt's "use PIN" button (its text comes from
 * the core). [sign] blocks its thread until the customer answers: the core calls it from
 * its own threads, and it refuses to run on the main thread, where it would deadlock.
 */
class AndroidBiometricKeys(
    context: Context,
    private val activity: () -> FragmentActivity?,
    private val language: () -> Language,
) : BiometricKeys {
    private val appContext = context.applicationContext
    private val keyStore: KeyStore = KeyStore.getInstance(ANDROID_KEYSTORE).apply { load(null) }
    private val mainThread = Handler(Looper.getMainLooper())

    override fun isAvailable(): Boolean =
        BiometricManager.from(appContext).canAuthenticate(BIOMETRIC_STRONG) == BiometricManager.BIOMETRIC_SUCCESS

    /**
     * With [attestationChallenge] (the bank's biometric key challenge) the key is
     * generated with `setAttestationChallenge` and its certificate chain returned: it
     * shows the bank that the key needs a strong biometric for every use.
     */
    override fun create(profileId: String, attestationChallenge: ByteArray?): CreatedKey = platformCall {
        val alias = alias(profileId)
        keyStore.deleteEntry(alias)
        val challenge = KeyAttestation.generateWith(attestationChallenge) { withChallenge ->
            generate(alias, withChallenge)
        }
        CreatedKey(
            publicKey = P256.uncompressedPoint(keyStore.getCertificate(alias).publicKey as ECPublicKey),
            attestationChain = KeyAttestation.chain(keyStore, alias, challenge),
        )
    }

    private fun generate(alias: String, challenge: ByteArray?) {
        val spec = KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_SIGN)
            .setAlgorithmParameterSpec(ECGenParameterSpec("secp256r1"))
            .setDigests(KeyProperties.DIGEST_SHA256)
            .setUserAuthenticationRequired(true)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
            // Every signature needs its own strong-biometric check; no PIN fallback.
            spec.setUserAuthenticationParameters(0, KeyProperties.AUTH_BIOMETRIC_STRONG)
        } else {
            @Suppress("DEPRECATION")
            spec.setUserAuthenticationValidityDurationSeconds(-1)
        }
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.N) {
            // The default, said out loud: a new finger or face invalidates the key.
            spec.setInvalidatedByBiometricEnrollment(true)
        }
        KeyAttestation.setChallenge(spec, challenge)
        KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_EC, ANDROID_KEYSTORE).run {
            initialize(spec.build())
            generateKeyPair()
        }
    }

    override fun publicKey(profileId: String): ByteArray? = platformCall {
        keyStore.getCertificate(alias(profileId))?.let { P256.uncompressedPoint(it.publicKey as ECPublicKey) }
    }

    override fun sign(profileId: String, prompt: String, message: ByteArray): ByteArray {
        if (Looper.myLooper() == Looper.getMainLooper()) {
            throw PlatformException.Failure("biometric_sign_on_main_thread")
        }
        val signature = platformCall {
            val key = keyStore.getKey(alias(profileId), null) as? PrivateKey
                ?: throw PlatformException.KeyNotFound()
            Signature.getInstance("SHA256withECDSA").apply {
                try {
                    initSign(key)
                } catch (e: KeyPermanentlyInvalidatedException) {
                    // The biometric set changed since the key was made: the core switches
                    // biometrics off for the profile; the PIN still works.
                    throw PlatformException.BiometricSetChanged()
                }
            }
        }
        val host = activity() ?: throw PlatformException.Failure("no_activity_for_biometric_prompt")
        val done = CountDownLatch(1)
        var outcome: Result<ByteArray> = Result.failure(PlatformException.Cancelled())
        mainThread.post {
            val callback = object : BiometricPrompt.AuthenticationCallback() {
                override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
                    outcome = runCatching {
                        val unlocked = result.cryptoObject?.signature
                            ?: throw PlatformException.Failure("no_crypto_object")
                        unlocked.update(message)
                        unlocked.sign()
                    }.recoverCatching { throw it.toPlatformException() }
                    done.countDown()
                }

                override fun onAuthenticationError(errorCode: Int, errString: CharSequence) {
                    outcome = Result.failure(biometricPromptFailure(errorCode))
                    done.countDown()
                }
                // onAuthenticationFailed (a finger not recognised): the prompt stays up and
                // the customer tries again; BiometricPrompt locks out after too many.
            }
            val info = BiometricPrompt.PromptInfo.Builder()
                .setTitle(prompt)
                .setNegativeButtonText(biometricPromptTexts(language()).usePinButton)
                .setAllowedAuthenticators(BIOMETRIC_STRONG)
                .setConfirmationRequired(false)
                .build()
            BiometricPrompt(host, ContextCompat.getMainExecutor(host), callback)
                .authenticate(info, BiometricPrompt.CryptoObject(signature))
        }
        done.await()
        return outcome.getOrThrow()
    }

    override fun delete(profileId: String) = platformCall { keyStore.deleteEntry(alias(profileId)) }

    private fun alias(profileId: String) = "fi.avain.kbio.$profileId"

    private companion object {
        const val ANDROID_KEYSTORE = "AndroidKeyStore"
    }
}

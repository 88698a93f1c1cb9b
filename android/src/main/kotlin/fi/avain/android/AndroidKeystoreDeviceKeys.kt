// K_dev on Android: an EC P-256 signing key per profile in the Android Keystore, in
// StrongBox (a separate secure chip) when the phone has one, else in the TEE. The private
// key never leaves the hardware. Made with the bank's attestation challenge at
// registration, so Keystore's certificate chain tells the bank where the key lives.
package fi.avain.android

import android.app.KeyguardManager
import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import fi.avain.CreatedKey
import fi.avain.DeviceKeys
import fi.avain.PlatformException
import fi.avain.shell.P256
import fi.avain.shell.platformCall
import java.security.KeyPairGenerator
import java.security.KeyStore
import java.security.PrivateKey
import java.security.Signature
import java.security.interfaces.ECPublicKey
import java.security.spec.ECGenParameterSpec

/**
 * Device keys in the Android Keystore under the alias `fi.avain.kdev.<profile id>`.
 * Creating a key may take a second in StrongBox: the core calls from its own threads.
 */
class AndroidKeystoreDeviceKeys(context: Context) : DeviceKeys {
    private val hasStrongBox: Boolean = Build.VERSION.SDK_INT >= Build.VERSION_CODES.P &&
        context.packageManager.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE)
    private val keyStore: KeyStore = KeyStore.getInstance(ANDROID_KEYSTORE).apply { load(null) }
    private val keyguard: KeyguardManager = context.getSystemService(KeyguardManager::class.java)

    /**
     * A PIN, pattern or password locks the screen (API 23+; a swipe does not count). Asked
     * each time: the customer may turn it off in the settings while the app runs.
     */
    override fun hasSecureLockScreen(): Boolean = keyguard.isDeviceSecure

    /**
     * With [attestationChallenge] (at registration) the key is generated with
     * `setAttestationChallenge` and its certificate chain returned for the bank to verify
     * ([KeyAttestation]); a phone that cannot attest gives the key without it.
     */
    override fun create(profileId: String, attestationChallenge: ByteArray?): CreatedKey = platformCall {
        val alias = alias(profileId)
        keyStore.deleteEntry(alias)
        val challenge = KeyAttestation.generateWith(attestationChallenge) { withChallenge ->
            try {
                generate(alias, strongBox = hasStrongBox, challenge = withChallenge)
            } catch (e: StrongBoxUnavailableException) {
                // Advertised but busy or refusing P-256: the TEE is the next best place.
                generate(alias, strongBox = false, challenge = withChallenge)
            }
        }
        val certificate = keyStore.getCertificate(alias)
        CreatedKey(
            publicKey = P256.uncompressedPoint(certificate.publicKey as ECPublicKey),
            attestationChain = KeyAttestation.chain(keyStore, alias, challenge),
        )
    }

    override fun publicKey(profileId: String): ByteArray? = platformCall {
        val certificate = keyStore.getCertificate(alias(profileId)) ?: return@platformCall null
        P256.uncompressedPoint(certificate.publicKey as ECPublicKey)
    }

    override fun sign(profileId: String, message: ByteArray): ByteArray = platformCall {
        val key = keyStore.getKey(alias(profileId), null) as? PrivateKey
            ?: throw PlatformException.KeyNotFound()
        Signature.getInstance("SHA256withECDSA").run {
            initSign(key)
            update(message)
            sign()
        }
    }

    override fun delete(profileId: String) = platformCall { keyStore.deleteEntry(alias(profileId)) }

    private fun generate(alias: String, strongBox: Boolean, challenge: ByteArray?) {
        KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_EC, ANDROID_KEYSTORE).run {
            val spec = KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_SIGN)
                .setAlgorithmParameterSpec(ECGenParameterSpec("secp256r1"))
                .setDigests(KeyProperties.DIGEST_SHA256)
            if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) spec.setIsStrongBoxBacked(strongBox)
            KeyAttestation.setChallenge(spec, challenge)
            initialize(spec.build())
            generateKeyPair()
        }
    }

    private fun alias(profileId: String) = "fi.avain.kdev.$profileId"

    private companion object {
        const val ANDROID_KEYSTORE = "AndroidKeyStore"
    }
}

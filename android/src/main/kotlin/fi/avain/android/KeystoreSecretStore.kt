// The SecretStore on Android: values encrypted with AES-256-GCM under a key that lives in
// the Android Keystore (never in app memory), stored in private SharedPreferences.
package fi.avain.android

import android.content.Context
import android.content.SharedPreferences
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.util.Base64
import fi.avain.PlatformException
import fi.avain.SecretStore
import fi.avain.shell.platformCall
import java.security.KeyStore
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * Secrets in `SharedPreferences` file [fileName], each value sealed with AES-256-GCM under
 * the Keystore key [keyAlias], with the secret's name as associated data (so a value
 * copied under another name does not decrypt). Values are lost when the app's data is
 * cleared, and are not in backups worth anything: the key stays in this device's
 * Keystore (exclude [fileName] from Auto Backup anyway, see docs/bindings.md).
 *
 * The Keystore key needs no user authentication: the core's secrets are protected by the
 * PIN-derived key design, not by the screen lock. Writes use `commit()`, so a value is on
 * disk when `put` returns. Called by the core from its own threads.
 */
class KeystoreSecretStore(
    context: Context,
    private val fileName: String = "fi.avain.secrets",
    private val keyAlias: String = "fi.avain.secret-store.v1",
) : SecretStore {
    private val prefs: SharedPreferences =
        context.applicationContext.getSharedPreferences(fileName, Context.MODE_PRIVATE)
    private val keyStore: KeyStore = KeyStore.getInstance(ANDROID_KEYSTORE).apply { load(null) }

    override fun get(name: String): ByteArray? = platformCall {
        val sealed = prefs.getString(name, null) ?: return@platformCall null
        val bytes = Base64.decode(sealed, Base64.NO_WRAP)
        if (bytes.size < IV_BYTES + TAG_BYTES) throw PlatformException.Failure("sealed_value_too_short")
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, key(), GCMParameterSpec(TAG_BYTES * 8, bytes, 0, IV_BYTES))
        cipher.updateAAD(name.toByteArray(Charsets.US_ASCII))
        cipher.doFinal(bytes, IV_BYTES, bytes.size - IV_BYTES)
    }

    override fun put(name: String, value: ByteArray) = platformCall {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        // The Keystore picks the IV (callers may not supply one for GCM keys).
        cipher.init(Cipher.ENCRYPT_MODE, key())
        cipher.updateAAD(name.toByteArray(Charsets.US_ASCII))
        val sealed = cipher.iv + cipher.doFinal(value)
        if (!prefs.edit().putString(name, Base64.encodeToString(sealed, Base64.NO_WRAP)).commit()) {
            throw PlatformException.Failure("shared_preferences_commit_failed")
        }
    }

    override fun delete(name: String) = platformCall {
        if (!prefs.edit().remove(name).commit()) {
            throw PlatformException.Failure("shared_preferences_commit_failed")
        }
    }

    @Synchronized
    private fun key(): SecretKey {
        (keyStore.getKey(keyAlias, null) as? SecretKey)?.let { return it }
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, ANDROID_KEYSTORE)
        generator.init(
            KeyGenParameterSpec.Builder(keyAlias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
                .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                .setKeySize(256)
                .setRandomizedEncryptionRequired(true)
                .build(),
        )
        return generator.generateKey()
    }

    private companion object {
        const val ANDROID_KEYSTORE = "AndroidKeyStore"
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val IV_BYTES = 12
        const val TAG_BYTES = 16
    }
}

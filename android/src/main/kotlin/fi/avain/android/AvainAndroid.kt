// The Android platform pieces together: what an app passes to the core.
package fi.avain.android

import android.content.Context
import androidx.fragment.app.FragmentActivity
import fi.avain.Avain
import fi.avain.AvainSettings
import fi.avain.BiometricKeys
import fi.avain.DeviceKeys
import fi.avain.protocol.Language
import fi.avain.LogLevel
import fi.avain.PlatformCheck
import fi.avain.SecretStore
import fi.avain.checkPlatform
import fi.avain.installLogSink

/**
 * The Keystore-backed secret store, device keys and biometric keys of this app, made once
 * (in `Application.onCreate`) and passed to the core.
 */
class AvainAndroid(
    context: Context,
    activity: () -> FragmentActivity?,
    private val language: () -> Language = { AndroidDevice.language() },
    logLevel: LogLevel = LogLevel.INFO,
) {
    val secretStore: SecretStore = KeystoreSecretStore(context)
    val deviceKeys: DeviceKeys = AndroidKeystoreDeviceKeys(context)
    val biometricKeys: BiometricKeys = AndroidBiometricKeys(context, activity, language)

    init {
        installLogSink(LogcatSink(), logLevel)
    }

    /**
     * Opens the core with this app's Keystore-backed parts: once, at start-up. Suspends
     * while the local database opens. Throws [fi.avain.core.AvainException] subclasses.
     */
    suspend fun open(settings: AvainSettings): Avain =
        Avain.open(settings, secretStore, deviceKeys, biometricKeys)

    /**
     * Checks before registration that the keystore works on this phone. Suspends; cancel
     * the coroutine to stop it. Throws [fi.avain.core.AvainException] subclasses.
     */
    suspend fun checkPlatform(): PlatformCheck =
        checkPlatform(secretStore, deviceKeys, biometricKeys, language(), null)
}

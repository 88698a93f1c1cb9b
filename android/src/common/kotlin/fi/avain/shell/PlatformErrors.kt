// How the shell reports platform failures to the core: every exception a keystore, a
// biometric prompt or the file system throws inside an implementation of a foreign trait
// (SecretStore, DeviceKey, BiometricKey) becomes a PlatformException, so the core can
// tell the user what happened in their language. Nothing here writes user-facing text.
//
// Platform-neutral: Android's exception types are recognised by name, so this compiles
// and is tested on a plain JVM.
package fi.avain.shell

import fi.avain.PlatformException
import kotlin.coroutines.cancellation.CancellationException

/** Android's keystore exceptions that mean something specific to the core. */
private const val KEY_PERMANENTLY_INVALIDATED =
    "android.security.keystore.KeyPermanentlyInvalidatedException"
private const val USER_NOT_AUTHENTICATED =
    "android.security.keystore.UserNotAuthenticatedException"

/**
 * The [PlatformException] that reports this exception to the core. Only the exception's
 * class name travels on (as `reason`): platform messages may contain aliases or paths.
 */
fun Throwable.toPlatformException(): PlatformException = when {
    this is PlatformException -> this
    isA(KEY_PERMANENTLY_INVALIDATED) -> PlatformException.BiometricSetChanged()
    // A per-use biometric key used without a successful prompt.
    isA(USER_NOT_AUTHENTICATED) -> PlatformException.BiometricsNotAvailable()
    // KeyStoreException, AEADBadTagException, IOException, a bug in the shell...
    else -> PlatformException.Failure(javaClass.name)
}

/**
 * Runs a platform operation for the core, turning any failure into a [PlatformException].
 * Coroutine cancellation passes through untouched.
 */
inline fun <T> platformCall(block: () -> T): T =
    try {
        block()
    } catch (e: CancellationException) {
        throw e
    } catch (e: Exception) {
        throw e.toPlatformException()
    }

private fun Throwable.isA(className: String): Boolean {
    var type: Class<*>? = javaClass
    while (type != null) {
        if (type.name == className) return true
        type = type.superclass
    }
    return false
}

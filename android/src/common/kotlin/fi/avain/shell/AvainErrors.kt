// Idiomatic access to the core's public error (the generated sealed AvainException).
package fi.avain.shell

import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException

/**
 * The stable code of any [AvainException], for the app to branch on, for analytics and
 * support ([AvainErrorCode]; `code.name.lowercase()` is the snake_case form in logs).
 */
val AvainException.code: AvainErrorCode
    get() = when (this) {
        is AvainException.InvalidInput -> code
        is AvainException.PinRejected -> code
        is AvainException.WrongPin -> code
        is AvainException.Locked -> code
        is AvainException.PendingUnlock -> code
        is AvainException.LoggedOut -> code
        is AvainException.ProfileRemoved -> code
        is AvainException.DeviceNotSupported -> code
        is AvainException.ScreenLockRequired -> code
        is AvainException.BiometricsUnavailable -> code
        is AvainException.Refused -> code
        is AvainException.TryLater -> code
        is AvainException.Network -> code
        is AvainException.Untrusted -> code
        is AvainException.Cancelled -> code
        is AvainException.Internal -> code
    }

/**
 * The text to show the user, already in their language (the core writes it; the app never
 * translates). Kotlin's own `message` of a generated exception is a debug description.
 */
val AvainException.userMessage: String
    get() = when (this) {
        is AvainException.InvalidInput -> userMessage
        is AvainException.PinRejected -> userMessage
        is AvainException.WrongPin -> userMessage
        is AvainException.Locked -> userMessage
        is AvainException.PendingUnlock -> userMessage
        is AvainException.LoggedOut -> userMessage
        is AvainException.ProfileRemoved -> userMessage
        is AvainException.DeviceNotSupported -> userMessage
        is AvainException.ScreenLockRequired -> userMessage
        is AvainException.BiometricsUnavailable -> userMessage
        is AvainException.Refused -> userMessage
        is AvainException.TryLater -> userMessage
        is AvainException.Network -> userMessage
        is AvainException.Untrusted -> userMessage
        is AvainException.Cancelled -> userMessage
        is AvainException.Internal -> userMessage
    }

/**
 * Whether the app should offer to open the phone's security settings (Android
 * `Settings.ACTION_SECURITY_SETTINGS`): the phone has no secure screen lock, and the core
 * signs nothing until it has one.
 */
val AvainException.needsScreenLock: Boolean
    get() = this is AvainException.ScreenLockRequired

/** Whether the app should offer the PIN instead (biometrics cannot be used now). */
val AvainException.shouldUsePin: Boolean
    get() = this is AvainException.BiometricsUnavailable

/**
 * Whether trying the same call again later may help (no connection, no answer, or too many
 * attempts: then not before `TryLater.retryAfterS` seconds).
 */
val AvainException.isRetryable: Boolean
    get() = this is AvainException.Network || this is AvainException.TryLater

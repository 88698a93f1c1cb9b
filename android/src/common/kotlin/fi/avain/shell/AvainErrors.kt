// Idiomatic access to the core's public error (the generated sealed AvainException).
package fi.avain.shell

import fi.avain.AvainException

/** The stable snake_case code of any [AvainException], for analytics, support and tests. */
val AvainException.code: String
    get() = when (this) {
        is AvainException.InvalidInput -> code
        is AvainException.BiometricsUnavailable -> code
        is AvainException.Cancelled -> code
        is AvainException.DeviceKeyLost -> code
        is AvainException.DeviceFailure -> code
        is AvainException.Internal -> code
    }

/**
 * The text to show the user, already in their language (the core writes it; the app never
 * translates). Kotlin's own `message` of a generated exception is a debug description.
 */
val AvainException.userMessage: String
    get() = when (this) {
        is AvainException.InvalidInput -> userMessage
        is AvainException.BiometricsUnavailable -> userMessage
        is AvainException.Cancelled -> userMessage
        is AvainException.DeviceKeyLost -> userMessage
        is AvainException.DeviceFailure -> userMessage
        is AvainException.Internal -> userMessage
    }

/** Whether the app should offer the PIN instead (biometrics cannot be used now). */
val AvainException.shouldUsePin: Boolean
    get() = this is AvainException.BiometricsUnavailable

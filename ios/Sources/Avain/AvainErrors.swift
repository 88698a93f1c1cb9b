// Idiomatic access to the core's public error (the generated `AvainError`).
import Foundation

extension AvainError {
    /// The stable code, for the app to branch on, for analytics and support.
    public var code: AvainErrorCode {
        switch self {
        case .InvalidInput(let code, _),
             .PinRejected(let code, _, _),
             .WrongPin(let code, _, _),
             .Locked(let code, _, _),
             .PendingUnlock(let code, _),
             .LoggedOut(let code, _),
             .ProfileRemoved(let code, _),
             .DeviceNotSupported(let code, _),
             .ScreenLockRequired(let code, _),
             .BiometricsUnavailable(let code, _),
             .Refused(let code, _),
             .TryLater(let code, _, _),
             .Network(let code, _),
             .Untrusted(let code, _),
             .Cancelled(let code, _),
             .Internal(let code, _):
            return code
        }
    }

    /// The text to show the user, already in their language (the core writes it; the app
    /// never translates).
    public var userMessage: String {
        switch self {
        case .InvalidInput(_, let value),
             .PinRejected(_, _, let value),
             .WrongPin(_, _, let value),
             .Locked(_, _, let value),
             .PendingUnlock(_, let value),
             .LoggedOut(_, let value),
             .ProfileRemoved(_, let value),
             .DeviceNotSupported(_, let value),
             .ScreenLockRequired(_, let value),
             .BiometricsUnavailable(_, let value),
             .Refused(_, let value),
             .TryLater(_, _, let value),
             .Network(_, let value),
             .Untrusted(_, let value),
             .Cancelled(_, let value),
             .Internal(_, let value):
            return value
        }
    }

    /// Whether the app should send the customer to the Settings app to turn on a passcode:
    /// the phone has no secure screen lock, and the core signs nothing until it has one.
    public var needsScreenLock: Bool {
        if case .ScreenLockRequired = self { return true }
        return false
    }

    /// Whether the app should offer the PIN instead (biometrics cannot be used now).
    public var shouldUsePin: Bool {
        if case .BiometricsUnavailable = self { return true }
        return false
    }

    /// Whether trying the same call again later may help (no connection, no answer, or
    /// too many attempts: then not before `retryAfterS` seconds).
    public var isRetryable: Bool {
        switch self {
        case .Network, .TryLater: return true
        default: return false
        }
    }
}

// `error.localizedDescription` is the core's text (uniffi.toml turns off the generated
// conformance, which would return a debug description).
extension AvainError: LocalizedError {
    public var errorDescription: String? { userMessage }
}

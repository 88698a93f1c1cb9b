// Idiomatic access to the core's public error (the generated `AvainError`).
import Foundation

extension AvainError {
    /// The stable snake_case code, for analytics, support and tests.
    public var code: String {
        switch self {
        case .InvalidInput(let code, _), .BiometricsUnavailable(let code, _),
             .Cancelled(let code, _), .DeviceKeyLost(let code, _),
             .DeviceFailure(let code, _), .Internal(let code, _):
            return code
        }
    }

    /// The text to show the user, already in their language (the core writes it; the app
    /// never translates).
    public var userMessage: String {
        switch self {
        case .InvalidInput(_, let message), .BiometricsUnavailable(_, let message),
             .Cancelled(_, let message), .DeviceKeyLost(_, let message),
             .DeviceFailure(_, let message), .Internal(_, let message):
            return message
        }
    }

    /// Whether the app should offer the PIN instead (biometrics cannot be used now).
    public var shouldUsePin: Bool {
        if case .BiometricsUnavailable = self { return true }
        return false
    }
}

// `error.localizedDescription` is the core's text (uniffi.toml turns off the generated
// conformance, which would return a debug description).
extension AvainError: LocalizedError {
    public var errorDescription: String? { userMessage }
}

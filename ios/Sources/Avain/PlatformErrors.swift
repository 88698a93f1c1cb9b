// How the shell reports platform failures to the core: every error the Keychain, the
// Secure Enclave or LocalAuthentication returns inside an implementation of a foreign
// protocol (SecretStore, DeviceKey, BiometricKey) becomes a `PlatformError`, so the core
// can tell the user what happened in their language. Nothing here writes user-facing
// text.
//
// Platform-neutral: Apple's errors are recognised by their NSError domain and code (the
// numbers are Apple's documented constants), so this compiles and is tested on Linux.
import Foundation

/// Security framework status codes (SecBase.h) that mean something to the core.
enum SecStatus {
    static let itemNotFound: Int = -25300  // errSecItemNotFound
    static let userCanceled: Int = -128  // errSecUserCanceled
    static let authFailed: Int = -25293  // errSecAuthFailed
    static let interactionNotAllowed: Int = -25308  // errSecInteractionNotAllowed
}

/// LocalAuthentication's `LAError.Code` raw values.
enum LAErrorCode {
    static let domain = "com.apple.LocalAuthentication"
    static let authenticationFailed = -1
    static let userCancel = -2
    static let userFallback = -3
    static let systemCancel = -4
    static let passcodeNotSet = -5
    static let biometryNotAvailable = -6
    static let biometryNotEnrolled = -7
    static let biometryLockout = -8
    static let appCancel = -9
    static let invalidContext = -10
}

extension PlatformError {
    /// The `PlatformError` that reports `error` to the core. Only the error's domain and
    /// code travel on (as `reason`): descriptions may contain account names or labels.
    public static func from(_ error: Error) -> PlatformError {
        if let platform = error as? PlatformError { return platform }
        if error is CancellationError { return .Cancelled }
        let ns = error as NSError
        switch ns.domain {
        case LAErrorCode.domain:
            switch ns.code {
            case LAErrorCode.userCancel, LAErrorCode.systemCancel, LAErrorCode.appCancel,
                 LAErrorCode.userFallback:
                return .Cancelled
            case LAErrorCode.biometryNotAvailable, LAErrorCode.biometryNotEnrolled,
                 LAErrorCode.biometryLockout, LAErrorCode.passcodeNotSet,
                 LAErrorCode.authenticationFailed:
                return .BiometricsNotAvailable
            default:
                return .Failure(reason: "\(ns.domain) \(ns.code)")
            }
        case NSOSStatusErrorDomain:
            return fromStatus(ns.code)
        default:
            return .Failure(reason: "\(ns.domain) \(ns.code)")
        }
    }

    /// The `PlatformError` for a failed Security framework call's `OSStatus`.
    public static func fromStatus(_ status: Int) -> PlatformError {
        switch status {
        case SecStatus.itemNotFound: return .KeyNotFound
        case SecStatus.userCanceled: return .Cancelled
        // The device is locked and the item is readable only when unlocked: try again
        // after the customer unlocks the phone.
        case SecStatus.interactionNotAllowed: return .Unavailable
        // The biometric check of a key's access control failed.
        case SecStatus.authFailed: return .BiometricsNotAvailable
        default: return .Failure(reason: "OSStatus \(status)")
        }
    }
}

/// Runs a platform operation for the core, turning any failure into a `PlatformError`.
public func platformCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw PlatformError.from(error)
    }
}

/// The async form of `platformCall`.
public func platformCall<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw PlatformError.from(error)
    }
}

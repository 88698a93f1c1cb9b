// Swift-native entry points for the core's long-running calls: cancelling the Swift task
// cancels the work in the core. (UniFFI's generated Swift does not forward task
// cancellation to Rust, so the shell passes a `Cancellation` and flips it.)
import Foundation

/// Runs `body` with a `Cancellation` that is cancelled when the current task is. A call
/// stopped that way throws `CancellationError`, as Swift code expects.
public func withAvainCancellation<T>(
    _ body: (Cancellation) async throws -> T
) async throws -> T {
    let cancellation = Cancellation()
    return try await withTaskCancellationHandler {
        do {
            return try await body(cancellation)
        } catch let error as AvainError where cancellation.isCancelled() && error.code == AvainErrorCode.cancelled {
            throw CancellationError()
        }
    } onCancel: {
        cancellation.cancel()
    }
}

/// Checks that the shell's secret store and device keys work on this phone before
/// registration (see the core's `checkPlatform`); cancel the task to stop it.
public func checkPlatform(
    secretStore: SecretStore,
    deviceKeys: DeviceKeys,
    biometricKeys: BiometricKeys,
    lang: Language
) async throws -> PlatformCheck {
    try await withAvainCancellation { cancellation in
        try await checkPlatform(
            secretStore: secretStore, deviceKeys: deviceKeys, biometricKeys: biometricKeys,
            lang: lang, cancellation: cancellation)
    }
}

// App Attest on iPhone and iPad (docs/attestation.md): DCAppAttestService vouches for this
// app instance on a genuine device. The core decides when to ask (registration, and
// approvals whose challenge asks for an assertion), computes the client data hash and
// keeps the key id per profile in the Keychain secret store; this wraps Apple's three
// calls. A failure is no evidence, never a failed registration: the bank decides.
#if canImport(DeviceCheck) && os(iOS)
import DeviceCheck
import Foundation

/// Apple's App Attest service for the core. The core calls from its own threads, never
/// the main thread, so each call waits for Apple's completion handler.
@available(iOS 14.0, *)
public final class AppleAppAttest: AppAttest, @unchecked Sendable {
    public init() {}

    /// False on the Simulator, which has no App Attest.
    public func isSupported() -> Bool {
        #if targetEnvironment(simulator)
        return false
        #else
        return DCAppAttestService.shared.isSupported
        #endif
    }

    public func generateKey() throws -> String {
        try waitFor { done in DCAppAttestService.shared.generateKey(completionHandler: done) }
    }

    public func attestKey(keyId: String, clientDataHash: Data) throws -> Data {
        try waitFor { done in
            DCAppAttestService.shared.attestKey(keyId, clientDataHash: clientDataHash, completionHandler: done)
        }
    }

    public func generateAssertion(keyId: String, clientDataHash: Data) throws -> Data {
        try waitFor { done in
            DCAppAttestService.shared.generateAssertion(keyId, clientDataHash: clientDataHash, completionHandler: done)
        }
    }
}

/// Starts a DeviceCheck call and blocks until its completion handler answers.
private func waitFor<T>(_ start: (@escaping (T?, Error?) -> Void) -> Void) throws -> T {
    let answered = DispatchSemaphore(value: 0)
    var value: T?
    var failure: Error?
    start { result, error in
        value = result
        failure = error
        answered.signal()
    }
    answered.wait()
    if let value { return value }
    throw appAttestError(failure)
}

/// The DCError case as the reason code the core logs (never the key id or any bytes).
private func appAttestError(_ error: Error?) -> PlatformError {
    guard let error = error as? DCError else { return .Failure(reason: "app_attest_failed") }
    switch error.code {
    case .featureUnsupported: return .Failure(reason: "DCError.featureUnsupported")
    case .invalidKey: return .Failure(reason: "DCError.invalidKey")
    case .invalidInput: return .Failure(reason: "DCError.invalidInput")
    case .serverUnavailable: return .Failure(reason: "DCError.serverUnavailable")
    case .unknownSystemFailure: return .Failure(reason: "DCError.unknownSystemFailure")
    @unknown default: return .Failure(reason: "DCError.\(error.code.rawValue)")
    }
}
#endif

import Foundation
import XCTest
@testable import Avain

/// The core using a secret store and device keys implemented in Swift.
final class CorePlatformTests: XCTestCase {
    /// Counts the core's calls into a Swift store.
    final class CountingStore: SecretStore, @unchecked Sendable {
        let inner = MemorySecretStore()
        private let lock = NSLock()
        private(set) var calls: [String] = []

        private func record(_ call: String) { lock.lock(); calls.append(call); lock.unlock() }
        func get(name: String) throws -> Data? { record("get"); return try inner.get(name: name) }
        func put(name: String, value: Data) throws { record("put"); try inner.put(name: name, value: value) }
        func delete(name: String) throws { record("delete"); try inner.delete(name: name) }
    }

    func testTheCheckTellsOfAPhoneWithoutAScreenLock() async throws {
        let keys = SwiftDeviceKeys(store: MemorySecretStore(), secureLockScreen: false)
        let check = try await checkPlatform(secretStore: MemorySecretStore(), deviceKeys: keys,
                                            biometricKeys: NoBiometrics(), lang: .fi)
        // The keystore works; registration would still be refused until the lock is on.
        XCTAssertFalse(check.secureLockScreen)
    }

    func testTheCoreChecksASwiftStoreAndSwiftDeviceKeys() async throws {
        let store = CountingStore()
        let keys = SwiftDeviceKeys(store: MemorySecretStore())
        let check = try await checkPlatform(secretStore: store, deviceKeys: keys,
                                            biometricKeys: NoBiometrics(), lang: .fi)
        XCTAssertFalse(check.biometricsAvailable)
        XCTAssertTrue(check.secureLockScreen)
        XCTAssertTrue(Set(store.calls).isSuperset(of: ["put", "get", "delete"]), "\(store.calls)")
        XCTAssertEqual(store.inner.names, [], "nothing left behind")
        XCTAssertEqual(keys.calls.first, "create")
        XCTAssertTrue(keys.calls.contains("sign"))
        XCTAssertEqual(keys.calls.last, "delete")
    }

    func testTheCoresSoftwareKeysLiveInTheSwiftStore() throws {
        let store = MemorySecretStore()
        let keys = softwareDeviceKeys(store: store)
        let created = try keys.create(profileId: "0123abcd", attestationChallenge: Data(repeating: 7, count: 32))
        XCTAssertNil(created.attestationChain, "software keys cannot be attested")
        let publicKey = created.publicKey
        XCTAssertEqual(publicKey.count, 65)
        XCTAssertEqual(publicKey.first, 0x04)
        XCTAssertEqual(store.names, ["avain/profile/0123abcd/device-key"])
        XCTAssertEqual(try keys.publicKey(profileId: "0123abcd"), publicKey)
        let signature = try keys.sign(profileId: "0123abcd", message: Data("Hyväksy".utf8))
        XCTAssertEqual(signature.first, 0x30, "ASN.1 DER sequence")
        try keys.delete(profileId: "0123abcd")
        XCTAssertEqual(store.names, [])
        XCTAssertThrowsError(try keys.sign(profileId: "0123abcd", message: Data())) { error in
            XCTAssertEqual(error as? PlatformError, .KeyNotFound)
        }
    }

    func testALockedKeychainBecomesAnInternalErrorWithTheCoresMessage() async {
        final class Locked: SecretStore, @unchecked Sendable {
            func get(name: String) throws -> Data? { throw PlatformError.fromStatus(-25308) }
            func put(name: String, value: Data) throws {
                // errSecInteractionNotAllowed: the phone is locked.
                throw PlatformError.Unavailable
            }
            func delete(name: String) throws {}
        }
        do {
            _ = try await checkPlatform(secretStore: Locked(), deviceKeys: SwiftDeviceKeys(store: MemorySecretStore()),
                                        biometricKeys: NoBiometrics(), lang: .sv)
            XCTFail("expected Internal")
        } catch let error as AvainError {
            guard case .Internal = error else { return XCTFail("\(error)") }
            XCTAssertEqual(error.code, AvainErrorCode.secretStoreUnavailable)
            XCTAssertFalse(error.userMessage.isEmpty)
            XCTAssertEqual(error.localizedDescription, error.userMessage)
        } catch {
            XCTFail("\(error)")
        }
    }

    func testAnUnexpectedSwiftErrorIsStillATypedError() async {
        struct ShellBug: Error { let detail = "PIN 1234" }
        final class Buggy: SecretStore, @unchecked Sendable {
            func get(name: String) throws -> Data? { nil }
            func put(name: String, value: Data) throws { throw ShellBug() }
            func delete(name: String) throws {}
        }
        do {
            _ = try await checkPlatform(secretStore: Buggy(), deviceKeys: SwiftDeviceKeys(store: MemorySecretStore()),
                                        biometricKeys: NoBiometrics(), lang: .fi)
            XCTFail("expected an error")
        } catch let error as AvainError {
            guard case .Internal = error else { return XCTFail("\(error)") }
            XCTAssertFalse("\(error)".contains("1234"))
        } catch {
            XCTFail("\(error)")
        }
    }
}

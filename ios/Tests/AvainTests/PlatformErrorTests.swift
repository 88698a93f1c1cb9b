import Foundation
import XCTest
@testable import Avain

/// Apple platform errors -> PlatformError, recognised by NSError domain and code so the
/// mapping runs on Linux too.
final class PlatformErrorTests: XCTestCase {
    func testBiometricPromptOutcomes() {
        let la = { (code: Int) in PlatformError.from(NSError(domain: "com.apple.LocalAuthentication", code: code)) }
        XCTAssertEqual(la(-2), .Cancelled)  // userCancel
        XCTAssertEqual(la(-4), .Cancelled)  // systemCancel
        XCTAssertEqual(la(-3), .Cancelled)  // userFallback: the app shows the PIN pad
        XCTAssertEqual(la(-7), .BiometricsNotAvailable)  // biometryNotEnrolled
        XCTAssertEqual(la(-8), .BiometricsNotAvailable)  // biometryLockout
        XCTAssertEqual(la(-1000), .Failure(reason: "com.apple.LocalAuthentication -1000"))
    }

    func testKeychainStatuses() {
        XCTAssertEqual(PlatformError.fromStatus(-25300), .KeyNotFound)  // errSecItemNotFound
        XCTAssertEqual(PlatformError.fromStatus(-128), .Cancelled)  // errSecUserCanceled
        XCTAssertEqual(PlatformError.fromStatus(-25308), .Unavailable)  // errSecInteractionNotAllowed: locked
        XCTAssertEqual(PlatformError.fromStatus(-25293), .BiometricsNotAvailable)  // errSecAuthFailed
        XCTAssertEqual(PlatformError.fromStatus(-34018), .Failure(reason: "OSStatus -34018"))
        let status = NSError(domain: NSOSStatusErrorDomain, code: -25300)
        XCTAssertEqual(PlatformError.from(status), .KeyNotFound)
    }

    func testOnlyTheDomainAndCodeTravel() {
        let error = NSError(domain: "MyShell", code: 7,
                            userInfo: [NSLocalizedDescriptionKey: "PIN 1234 for 131052-308T"])
        XCTAssertEqual(PlatformError.from(error), .Failure(reason: "MyShell 7"))
    }

    func testPlatformCallWrapsFailures() async throws {
        struct Broken: Error {}
        XCTAssertThrowsError(try platformCall { () throws -> Int in throw CancellationError() }) { error in
            XCTAssertEqual(error as? PlatformError, .Cancelled)
        }
        XCTAssertEqual(try platformCall { 42 }, 42)
        do {
            _ = try await platformCall { () async throws -> Int in throw PlatformError.BiometricSetChanged }
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error as? PlatformError, .BiometricSetChanged)
        }
    }
}

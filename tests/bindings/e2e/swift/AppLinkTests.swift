// The online bank's app link from Swift: a browser on the sandbox starts "log in with the
// code app", the page's "open the code app on this device" link is handed to the shell's
// AppLinks (as the scene delegate would with the universal link's activity), the core
// reads it, the phone approves, the browser logs in. Lookalike and changed links are
// refused before anything reaches the bank.
import Foundation
import XCTest
@testable import Avain

final class AppLinkTests: XCTestCase {
    let user = "50010006" // Sanna, a seeded customer with SMS on
    let pin = "385017"

    func testThePagesLinkOpensTheBrowserLoginInTheAppOnThisPhone() async throws {
        let (avain, _) = try await SandboxControl.activePhone(user: user, pin: pin, bank: try SandboxControl.settings())
        let browser = try SandboxControl.values("POST", "/browser-login/\(user)")
        let loginId = try XCTUnwrap(browser["request_id"])
        let link = try XCTUnwrap(browser["app_link"])
        XCTAssertEqual(link, "https://localhost/app-login/\(loginId)")
        XCTAssertEqual(try avain.readAppLink(url: link), .appLogin(requestId: loginId))

        // Only a universal-link activity carries a URL.
        XCTAssertEqual(AppLinks.url(activityType: AppLinks.browsingWeb, webpageURL: URL(string: link)), link)
        XCTAssertNil(AppLinks.url(activityType: "fi.avain.other", webpageURL: URL(string: link)))
        XCTAssertNil(AppLinks.url(activityType: AppLinks.browsingWeb, webpageURL: nil))

        let refused: [(String, AvainErrorCode)] = [
            (link.replacingOccurrences(of: "localhost", with: "localhost.evil.example"), .appLinkForeignHost),
            (link.replacingOccurrences(of: "localhost", with: "user@localhost"), .appLinkForeignHost),
            ("https://avainpankki.fi/app-login/\(loginId)", .appLinkForeignHost),
            (link.replacingOccurrences(of: "https:", with: "http:"), .appLinkNotHttps),
            (link + "?next=/home", .appLinkExtraParts),
            (link.replacingOccurrences(of: "/app-login/", with: "/login/"), .appLinkUnknownPath),
            (String(link.dropLast()), .appLinkBadRequestId),
        ]
        for (bad, code) in refused {
            let error = try await avainError(bad) {
                _ = try await AppLinks.open(avain: avain, url: bad) { _ in
                    XCTFail("no profile is chosen for a refused link")
                    return nil
                }
            }
            guard case .Refused = error else { return XCTFail("\(bad): \(error)") }
            XCTAssertEqual(error.code, code, bad)
            XCTAssertFalse(error.userMessage.isEmpty)
        }
        XCTAssertEqual(try SandboxControl.call("GET", "/browser-login/\(loginId)"), "pending")

        // One active profile: no choice to make. The prompt is the pushed login's.
        let prompt = try await AppLinks.open(avain: avain, url: link) { _ in
            XCTFail("one profile needs no choice")
            return nil
        }
        let opened = try XCTUnwrap(prompt)
        XCTAssertEqual(opened.requestId, loginId)
        XCTAssertEqual(opened.shortCode, browser["short_code"])
        XCTAssertTrue(opened.shownText.contains(opened.shortCode))
        try await avain.identification().approveAppLogin(requestId: loginId, factor: .pin(pin: pin))
        XCTAssertEqual(try SandboxControl.call("GET", "/browser-login/\(loginId)"), "approved")
    }
}

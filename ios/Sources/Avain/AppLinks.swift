// The online bank's app link on iOS, the platform-neutral part: which user activities
// carry one, and handing the URL to the core, which reads it strictly and opens the browser
// login it names (avain_protocol::app_link; docs/protocol.md, "App link"). The associated
// domain is in ios/AppLinks.entitlements; `AppLinks.url(of:)` for an `NSUserActivity` is
// in Apple/AppLinkActivity.swift.
import Foundation

/// Opening the app from the bank's universal link.
public enum AppLinks {
    /// `NSUserActivityTypeBrowsingWeb`: the activity type a tapped universal link arrives
    /// with (`scene(_:continue:)`, `application(_:continue:restorationHandler:)`).
    public static let browsingWeb = "NSUserActivityTypeBrowsingWeb"

    /// The URL a user activity carries when it is a tapped link (`browsingWeb` with a
    /// `webpageURL`), else nil. Whether it is the bank's link is the core's to decide.
    public static func url(activityType: String, webpageURL: URL?) -> String? {
        guard activityType == browsingWeb, let url = webpageURL else { return nil }
        return url.absoluteString
    }

    /// A profile that may approve: active, or registered and waiting for the online bank's
    /// unlock (the phone learns that the bank opened it only at the next challenge).
    public static func isUsable(_ state: ProfileState) -> Bool {
        state == .active || state == .pendingUnlock
    }

    /// Reads `url` in the core and opens the browser login it names: with the one usable
    /// profile on this phone, else the one `chooseProfile` picks among the usable ones
    /// (several, or none: then the app offers registration and answers nil). Returns the
    /// prompt to show, then `identification().approveAppLogin` or `rejectAppLogin`; nil
    /// when no profile was chosen. A link that is not the bank's throws
    /// `AvainError.Refused` (an `.appLink...` code) before anything is sent.
    public static func open(
        avain: Avain, url: String, chooseProfile: ([ProfileInfo]) async -> String?
    ) async throws -> AppLoginPrompt? {
        switch try avain.readAppLink(url: url) {
        case .appLogin: break
        }
        let usable = try await avain.profiles().filter { isUsable($0.state) }
        let chosen: String?
        if usable.count == 1 {
            chosen = usable[0].id
        } else {
            chosen = await chooseProfile(usable)
        }
        guard let profileId = chosen else { return nil }
        return try await avain.identification().openAppLink(profileId: profileId, url: url)
    }
}

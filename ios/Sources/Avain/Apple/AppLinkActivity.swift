// The universal link's arrival on Apple platforms: the app's scene delegate passes the
// `NSUserActivity` here and hands the URL to `AppLinks.open` (AppLinks.swift).
#if canImport(Security)
import Foundation

extension AppLinks {
    /// The URL of a universal-link activity (`scene(_:continue:)` or
    /// `application(_:continue:restorationHandler:)`), or nil for any other activity.
    public static func url(of activity: NSUserActivity) -> String? {
        url(activityType: activity.activityType, webpageURL: activity.webpageURL)
    }
}
#endif

// What the core needs to know about this device: the OS version, the preferred languages,
// today's date. Foundation only, so it also runs (and is tested) on Linux; the platform
// (iPhone or iPad) comes from UIKit in Apple/AppleDevice.swift.
import Foundation

/// This device, as the core's rules take it.
public struct DeviceInfo: Sendable, Equatable {
    /// The platform the core's OS policy applies.
    public var platform: Platform
    /// The OS version, e.g. "17.5.1".
    public var osVersion: String
    /// The preferred languages in order, as BCP 47 tags ("sv-FI", "en-US").
    public var preferredLanguages: [String]

    public init(platform: Platform, osVersion: String, preferredLanguages: [String]) {
        self.platform = platform
        self.osVersion = osVersion
        self.preferredLanguages = preferredLanguages
    }

    /// The running system's version and the user's language list.
    public static func current(platform: Platform) -> DeviceInfo {
        DeviceInfo(
            platform: platform,
            osVersion: osVersionString(ProcessInfo.processInfo.operatingSystemVersion),
            preferredLanguages: Locale.preferredLanguages
        )
    }

    /// "17.5.1", or "17.5" when there is no patch number.
    static func osVersionString(_ version: OperatingSystemVersion) -> String {
        var text = "\(version.majorVersion).\(version.minorVersion)"
        if version.patchVersion != 0 { text += ".\(version.patchVersion)" }
        return text
    }

    /// The app's language: Swedish when Swedish comes before Finnish, else Finnish.
    public var language: Language { chooseLanguage(preferred: preferredLanguages) }

    /// May the app run on this device today (the built-in OS policy)?
    public func osGate(appVersion: String?, today: CalendarDate = .today()) throws -> OsGate {
        try checkOsGate(platform: platform, osVersion: osVersion, appVersion: appVersion,
                        today: today, lang: language)
    }
}

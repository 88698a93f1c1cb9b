// iPhone or iPad: which platform the core's OS policy applies, and where log lines go.
#if canImport(UIKit)
import UIKit

extension DeviceInfo {
    /// This iPhone or iPad. Call on the main actor (UIKit).
    @MainActor
    public static var thisDevice: DeviceInfo {
        current(platform: UIDevice.current.userInterfaceIdiom == .pad ? .ipados : .ios)
    }
}
#endif

#if canImport(os)
import os

/// The core's log lines in the unified log (Console.app), subsystem `fi.avain`.
public final class OSLogSink: LogSink, @unchecked Sendable {
    private let logger: Logger

    public init(subsystem: String = "fi.avain", category: String = "core") {
        logger = Logger(subsystem: subsystem, category: category)
    }

    public func log(level: LogLevel, target: String, message: String) {
        // The core never logs personal data, so the text may be public in the log.
        switch level {
        case .error: logger.error("\(target, privacy: .public): \(message, privacy: .public)")
        case .warn: logger.warning("\(target, privacy: .public): \(message, privacy: .public)")
        case .info: logger.info("\(target, privacy: .public): \(message, privacy: .public)")
        case .debug, .trace: logger.debug("\(target, privacy: .public): \(message, privacy: .public)")
        }
    }
}
#endif

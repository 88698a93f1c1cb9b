// The iPhone and iPad platform pieces together: what an app passes to the core.
#if canImport(LocalAuthentication) && canImport(Security)
import Foundation

/// The Keychain secret store, the Secure Enclave device keys (software keys in the
/// Keychain on the Simulator), the biometric keys and App Attest of this app, made once
/// at start-up.
public struct ApplePlatform: Sendable {
    public let secretStore: SecretStore
    public let deviceKeys: DeviceKeys
    public let biometricKeys: BiometricKeys
    /// App Attest (iOS 14 and later; it reports itself unsupported on the Simulator).
    public let appAttest: AppAttest?

    /// `language`: the app's language now, for the biometric prompt's buttons.
    public init(language: @escaping @Sendable () -> Language, logLevel: LogLevel = .info) {
        let store = KeychainSecretStore()
        secretStore = store
        deviceKeys = SecureEnclaveDeviceKeys.platformDefault()
        biometricKeys = SecureEnclaveBiometricKeys(store: store, language: language)
        #if canImport(DeviceCheck) && os(iOS)
        if #available(iOS 14.0, *) { appAttest = AppleAppAttest() } else { appAttest = nil }
        #else
        appAttest = nil
        #endif
        #if canImport(os)
        installLogSink(sink: OSLogSink(), maxLevel: logLevel)
        #endif
    }

    /// Opens the core with these parts (App Attest unless the settings bring their own):
    /// once, at start-up.
    public func open(_ settings: AvainSettings) async throws -> Avain {
        var settings = settings
        if settings.appAttest == nil { settings.appAttest = appAttest }
        return try await Avain.open(settings: settings, secretStore: secretStore,
                                    deviceKeys: deviceKeys, biometricKeys: biometricKeys)
    }

    /// Checks before registration that the keychain and the Secure Enclave work on this
    /// device; cancel the task to stop it.
    /// (Named apart from the global `checkPlatform`, which a member of the same name
    /// would hide.)
    public func runPlatformCheck(lang: Language) async throws -> PlatformCheck {
        try await checkPlatform(secretStore: secretStore, deviceKeys: deviceKeys,
                                biometricKeys: biometricKeys, lang: lang)
    }
}
#endif

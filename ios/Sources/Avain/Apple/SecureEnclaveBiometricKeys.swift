// K_bio on iPhone and iPad: a Secure Enclave P-256 key per profile usable only after Face
// ID or Touch ID with the biometrics enrolled when it was made (.biometryCurrentSet).
#if canImport(LocalAuthentication) && canImport(Security)
import Foundation
import LocalAuthentication
import Security

/// Face ID, Touch ID or Optic ID: which one the device has, to name it in the UI.
public enum BiometryKind: Sendable, Equatable {
    case none
    case touchID
    case faceID
    case opticID

    /// The biometry of this device (none when nothing is enrolled or there is no sensor).
    public static var current: BiometryKind {
        let context = LAContext()
        guard context.canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: nil) else {
            return .none
        }
        switch context.biometryType {
        case .faceID: return .faceID
        case .touchID: return .touchID
        default:
            if #available(iOS 17, macOS 14, *), context.biometryType == .opticID { return .opticID }
            return .none
        }
    }
}

/// Biometric keys tagged `fi.avain.kbio.<profile id>`.
///
/// `store` keeps each key's enrolment fingerprint (LAContext's `evaluatedPolicyDomainState`,
/// which changes when a finger or face is added or removed), so a changed set is reported
/// as `BiometricSetChanged` before the Secure Enclave would refuse the key anyway.
/// `sign` blocks its thread until the customer answers the prompt: the core calls it from
/// its own threads.
public final class SecureEnclaveBiometricKeys: BiometricKeys, @unchecked Sendable {
    private let store: SecretStore
    private let language: @Sendable () -> Language

    public init(store: SecretStore = KeychainSecretStore(),
                language: @escaping @Sendable () -> Language) {
        self.store = store
        self.language = language
    }

    static func tag(_ profileId: String) -> Data { Data("fi.avain.kbio.\(profileId)".utf8) }
    static func stateName(_ profileId: String) -> String { "avain/profile/\(profileId)/kbio-domain-state" }

    public func isAvailable() -> Bool {
        LAContext().canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: nil)
    }

    /// No chain: the Secure Enclave does not certify K_bio; on iOS the approval that
    /// registers it carries an App Attest assertion where the bank asks.
    public func create(profileId: String, attestationChallenge: Data?) throws -> CreatedKey {
        try delete(profileId: profileId)
        let context = LAContext()
        var laError: NSError?
        guard context.canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &laError),
              let state = context.evaluatedPolicyDomainState
        else { throw laError.map(PlatformError.from) ?? .BiometricsNotAvailable }
        var error: Unmanaged<CFError>?
        guard let access = SecAccessControlCreateWithFlags(
            nil, kSecAttrAccessibleWhenPasscodeSetThisDeviceOnly,
            [.privateKeyUsage, .biometryCurrentSet], &error)
        else { throw securityError(error) }
        let attributes: [String: Any] = [
            kSecAttrKeyType as String: kSecAttrKeyTypeECSECPrimeRandom,
            kSecAttrKeySizeInBits as String: 256,
            kSecAttrTokenID as String: kSecAttrTokenIDSecureEnclave,
            kSecPrivateKeyAttrs as String: [
                kSecAttrIsPermanent as String: true,
                kSecAttrApplicationTag as String: Self.tag(profileId),
                kSecAttrAccessControl as String: access,
            ],
        ]
        guard let key = SecKeyCreateRandomKey(attributes as CFDictionary, &error) else {
            throw securityError(error)
        }
        try store.put(name: Self.stateName(profileId), value: state)
        return CreatedKey(publicKey: try publicKeyData(of: key), attestationChain: nil)
    }

    public func publicKey(profileId: String) throws -> Data? {
        guard let key = try privateKey(profileId, context: nil) else { return nil }
        return try publicKeyData(of: key)
    }

    public func sign(profileId: String, prompt: String, message: Data) throws -> Data {
        let context = LAContext()
        context.localizedCancelTitle = biometricPromptTexts(lang: language()).usePinButton
        var laError: NSError?
        guard context.canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &laError) else {
            throw laError.map(PlatformError.from) ?? .BiometricsNotAvailable
        }
        if let saved = try store.get(name: Self.stateName(profileId)),
           let current = context.evaluatedPolicyDomainState, saved != current {
            throw PlatformError.BiometricSetChanged
        }
        // Ask first, then sign with the authenticated context: one prompt, our text.
        let answered = DispatchSemaphore(value: 0)
        var failure: Error?
        context.evaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, localizedReason: prompt) { ok, error in
            if !ok { failure = error ?? PlatformError.Cancelled }
            answered.signal()
        }
        answered.wait()
        if let failure { throw PlatformError.from(failure) }
        guard let key = try privateKey(profileId, context: context) else {
            // With .biometryCurrentSet the item is gone for good once the set changed.
            throw PlatformError.BiometricSetChanged
        }
        var error: Unmanaged<CFError>?
        guard let signature = SecKeyCreateSignature(
            key, .ecdsaSignatureMessageX962SHA256, message as CFData, &error)
        else { throw securityError(error) }
        return signature as Data
    }

    public func delete(profileId: String) throws {
        let query: [String: Any] = [
            kSecClass as String: kSecClassKey,
            kSecAttrApplicationTag as String: Self.tag(profileId),
        ]
        let status = SecItemDelete(query as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else {
            throw PlatformError.fromStatus(Int(status))
        }
        try store.delete(name: Self.stateName(profileId))
    }

    private func privateKey(_ profileId: String, context: LAContext?) throws -> SecKey? {
        var query: [String: Any] = [
            kSecClass as String: kSecClassKey,
            kSecAttrApplicationTag as String: Self.tag(profileId),
            kSecAttrKeyType as String: kSecAttrKeyTypeECSECPrimeRandom,
            kSecReturnRef as String: true,
        ]
        if let context { query[kSecUseAuthenticationContext as String] = context }
        var item: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &item)
        switch status {
        case errSecSuccess: return (item as! SecKey)  // a key query returns SecKey refs
        case errSecItemNotFound: return nil
        default: throw PlatformError.fromStatus(Int(status))
        }
    }
}
#endif

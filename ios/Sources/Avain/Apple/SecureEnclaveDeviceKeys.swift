// K_dev on iPhone and iPad: a P-256 key per profile made inside the Secure Enclave, which
// signs without ever releasing it. On the Simulator (no Secure Enclave) the same code makes
// a software P-256 key in the Keychain instead (the phone library carries no software
// keys of its own: they are a test feature of avain-ffi).
#if canImport(Security)
import Foundation
import Security
#if canImport(LocalAuthentication)
import LocalAuthentication
#endif

/// Device keys in the Secure Enclave, tagged `fi.avain.kdev.<profile id>`.
public final class SecureEnclaveDeviceKeys: DeviceKeys, @unchecked Sendable {
    /// Whether keys are made in the Secure Enclave; `false` only on the Simulator.
    let inSecureEnclave: Bool

    public init() { inSecureEnclave = true }

    init(inSecureEnclave: Bool) { self.inSecureEnclave = inSecureEnclave }

    /// The device keys to use on this device: the Secure Enclave's, or software keys in
    /// the Keychain where there is none (the Simulator).
    public static func platformDefault() -> DeviceKeys {
        #if targetEnvironment(simulator)
        return SecureEnclaveDeviceKeys(inSecureEnclave: false)
        #else
        return SecureEnclaveDeviceKeys()
        #endif
    }

    /// Whether a passcode locks the device (Face ID and Touch ID need one): the device-owner
    /// policy can be evaluated. Asked each time, without a prompt: the customer may turn
    /// the passcode off while the app runs.
    public func hasSecureLockScreen() -> Bool {
        #if canImport(LocalAuthentication)
        return LAContext().canEvaluatePolicy(.deviceOwnerAuthentication, error: nil)
        #else
        return false
        #endif
    }

    static func tag(_ profileId: String) -> Data { Data("fi.avain.kdev.\(profileId)".utf8) }

    /// The attestation challenge is Android's: the Secure Enclave does not certify its
    /// keys, and App Attest vouches for the registration instead (`AppleAppAttest`), so
    /// no chain comes back.
    public func create(profileId: String, attestationChallenge: Data?) throws -> CreatedKey {
        try delete(profileId: profileId)
        var error: Unmanaged<CFError>?
        // `.privateKeyUsage` exists only for Secure Enclave keys.
        guard let access = SecAccessControlCreateWithFlags(
            nil, kSecAttrAccessibleWhenUnlockedThisDeviceOnly,
            inSecureEnclave ? .privateKeyUsage : [], &error)
        else { throw securityError(error) }
        var attributes: [String: Any] = [
            kSecAttrKeyType as String: kSecAttrKeyTypeECSECPrimeRandom,
            kSecAttrKeySizeInBits as String: 256,
            kSecPrivateKeyAttrs as String: [
                kSecAttrIsPermanent as String: true,
                kSecAttrApplicationTag as String: Self.tag(profileId),
                kSecAttrAccessControl as String: access,
            ],
        ]
        if inSecureEnclave {
            attributes[kSecAttrTokenID as String] = kSecAttrTokenIDSecureEnclave
        }
        guard let key = SecKeyCreateRandomKey(attributes as CFDictionary, &error) else {
            throw securityError(error)
        }
        return CreatedKey(publicKey: try publicKeyData(of: key), attestationChain: nil)
    }

    public func publicKey(profileId: String) throws -> Data? {
        guard let key = try privateKey(profileId) else { return nil }
        return try publicKeyData(of: key)
    }

    public func sign(profileId: String, message: Data) throws -> Data {
        guard let key = try privateKey(profileId) else { throw PlatformError.KeyNotFound }
        var error: Unmanaged<CFError>?
        // ECDSA with SHA-256 over the message, ASN.1 DER (X9.62), as the core expects.
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
    }

    func privateKey(_ profileId: String) throws -> SecKey? {
        let query: [String: Any] = [
            kSecClass as String: kSecClassKey,
            kSecAttrApplicationTag as String: Self.tag(profileId),
            kSecAttrKeyType as String: kSecAttrKeyTypeECSECPrimeRandom,
            kSecReturnRef as String: true,
        ]
        var item: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &item)
        switch status {
        case errSecSuccess: return (item as! SecKey)  // a key query returns SecKey refs
        case errSecItemNotFound: return nil
        default: throw PlatformError.fromStatus(Int(status))
        }
    }
}

/// The PlatformError for a failed Security framework call's CFError.
func securityError(_ error: Unmanaged<CFError>?) -> PlatformError {
    guard let error else { return .Failure(reason: "security_framework") }
    return PlatformError.from(error.takeRetainedValue() as Error)
}

/// The uncompressed X9.63 form (0x04 || X || Y, 65 bytes) of a private key's public half.
func publicKeyData(of key: SecKey) throws -> Data {
    guard let publicKey = SecKeyCopyPublicKey(key) else { throw PlatformError.Failure(reason: "no_public_key") }
    var error: Unmanaged<CFError>?
    guard let data = SecKeyCopyExternalRepresentation(publicKey, &error) else {
        throw securityError(error)
    }
    return data as Data
}
#endif

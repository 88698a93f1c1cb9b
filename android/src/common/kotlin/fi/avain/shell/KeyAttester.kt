// Key attestation for the JVM test doubles (JvmDeviceKeys, the e2e tests' biometric keys):
// a JVM has no Android Keystore to vouch for its software keys, so a test that wants
// evidence hands them a service that plays Keystore's attestation (the sandbox's simulated
// one, under a test root only the sandbox trusts). On a phone, AndroidKeystoreDeviceKeys
// asks the real Keystore.
package fi.avain.shell

/** Makes the attestation evidence a platform would give for a new key. */
fun interface KeyAttester {
    /**
     * The certificate chain (DER, leaf first) for the key [publicKey] (uncompressed SEC1)
     * generated with [challenge], or `null` for none.
     */
    fun chain(publicKey: ByteArray, challenge: ByteArray): List<ByteArray>?
}

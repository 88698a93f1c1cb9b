// The core's software K_dev (`softwareDeviceKeys`), exported only by a library built with
// avain-ffi's test feature `software-keys` (tests/bindings/generate builds it so; the
// phone library and so the Android build's generated bindings leave it out, which is why
// this test is not under android/src/test).
package fi.avain.e2e

import fi.avain.PlatformException
import fi.avain.shell.MemorySecretStore
import fi.avain.shell.P256
import fi.avain.softwareDeviceKeys
import java.security.Signature
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/** The core's software keys in a Kotlin secret store, checked by java.security. */
class SoftwareKeysTest {
    @Test
    fun theCoresSoftwareKeysLiveInTheKotlinStoreAndJavaVerifiesThem() {
        val store = MemorySecretStore()
        val keys = softwareDeviceKeys(store)
        val created = keys.create("0123abcd", ByteArray(32) { 7 })
        // Software keys cannot be attested: a challenge gets no chain.
        assertEquals(null, created.attestationChain)
        val publicKey = created.publicKey
        assertEquals(listOf("avain/profile/0123abcd/device-key"), store.names())
        assertArrayEquals(publicKey, keys.publicKey("0123abcd"))
        val message = "Hyväksy maksu 14 505,94 €".toByteArray()
        val signature = keys.sign("0123abcd", message)
        val verifier = Signature.getInstance("SHA256withECDSA")
        verifier.initVerify(P256.publicKey(publicKey))
        verifier.update(message)
        assertTrue("ring's signature verifies in java.security", verifier.verify(signature))
        keys.delete("0123abcd")
        assertEquals(emptyList<String>(), store.names())
        try {
            keys.sign("0123abcd", message)
            fail("a deleted key cannot sign")
        } catch (e: PlatformException.KeyNotFound) {
            // expected
        }
    }
}

package fi.avain.shell

import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.protocol.Language
import fi.avain.PlatformException
import fi.avain.SecretStore
import fi.avain.checkPlatform
import java.security.KeyStoreException
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/** The core using a secret store and device keys implemented in Kotlin. */
class CorePlatformTest {
    /** No biometric hardware (a JVM); availability is all the platform check asks. */

    /** Counts the core's calls into the Kotlin store. */
    private class CountingStore(val inner: MemorySecretStore = MemorySecretStore()) : SecretStore by inner {
        val calls = mutableListOf<String>()

        override fun get(name: String): ByteArray? = synchronized(calls) { calls.add("get"); inner.get(name) }
        override fun put(name: String, value: ByteArray) = synchronized(calls) { calls.add("put"); inner.put(name, value) }
        override fun delete(name: String) = synchronized(calls) { calls.add("delete"); inner.delete(name) }
    }

    @Test
    fun theCoreChecksAKotlinStoreAndJavaSecurityKeys() = runBlocking {
        val store = CountingStore()
        val keys = JvmDeviceKeys(MemorySecretStore())
        // The core stores, reads back and deletes through the Kotlin store, makes a key
        // with java.security and verifies its signature with ring.
        val check = checkPlatform(store, keys, NoBiometrics(), Language.FI, null)
        assertFalse(check.biometricsAvailable)
        assertTrue(check.secureLockScreen)
        assertTrue(store.calls.toString(), store.calls.containsAll(listOf("put", "get", "delete")))
        assertEquals("nothing left behind", emptyList<String>(), store.inner.names())
    }

    @Test
    fun theCheckTellsOfAPhoneWithoutAScreenLock() = runBlocking {
        val keys = JvmDeviceKeys(MemorySecretStore(), secureLockScreen = { false })
        val check = checkPlatform(MemorySecretStore(), keys, NoBiometrics(), Language.FI, null)
        // The keystore works; registration would still be refused until the lock is on.
        assertFalse(check.secureLockScreen)
    }

    @Test
    fun aLockedKeystoreBecomesAnInternalErrorWithTheCoresMessage() = runBlocking {
        val locked = object : SecretStore {
            override fun get(name: String): ByteArray? = throw PlatformException.Unavailable()
            override fun put(name: String, value: ByteArray) = throw PlatformException.Unavailable()
            override fun delete(name: String) = Unit
        }
        try {
            checkPlatform(locked, JvmDeviceKeys(MemorySecretStore()), NoBiometrics(), Language.EN, null)
            fail("expected Internal")
        } catch (e: AvainException.Internal) {
            assertEquals(AvainErrorCode.SECRET_STORE_UNAVAILABLE, e.code)
            assertEquals("The device's keystore is not available. Unlock the device and try again.", e.userMessage)
        }
    }

    @Test
    fun aKeystoreExceptionFromKotlinBecomesAnInternalError() = runBlocking {
        val broken = object : SecretStore {
            override fun get(name: String): ByteArray? = null
            override fun put(name: String, value: ByteArray) = platformCall { throw KeyStoreException("alias avain-1") }
            override fun delete(name: String) = Unit
        }
        val error = runCatching {
            checkPlatform(broken, JvmDeviceKeys(MemorySecretStore()), NoBiometrics(), Language.SV, null)
        }.exceptionOrNull()
        assertTrue(error.toString(), error is AvainException.Internal)
        assertEquals(AvainErrorCode.SECRET_STORE_PLATFORM, (error as AvainException).code)
        assertFalse(error.userMessage.isEmpty())
    }

    @Test
    fun anUnexpectedKotlinExceptionIsStillATypedError() = runBlocking {
        // A shell bug: not a PlatformException. UniFFI hands it over as an unexpected
        // callback error; the core keeps only the class name.
        val buggy = object : SecretStore {
            override fun get(name: String): ByteArray? = null
            override fun put(name: String, value: ByteArray) = throw IllegalStateException("PIN 1234")
            override fun delete(name: String) = Unit
        }
        val error = runCatching {
            checkPlatform(buggy, JvmDeviceKeys(MemorySecretStore()), NoBiometrics(), Language.FI, null)
        }.exceptionOrNull()
        assertTrue(error.toString(), error is AvainException.Internal)
        assertFalse("the exception's text stays out", error!!.message!!.contains("1234"))
    }

    @Test
    fun aDeviceKeySigningWithAnotherKeyIsCaught() = runBlocking {
        val store = MemorySecretStore()
        val honest = JvmDeviceKeys(store)
        val swapping = object : fi.avain.DeviceKeys by honest {
            override fun sign(profileId: String, message: ByteArray): ByteArray {
                honest.create("other", null)
                return honest.sign("other", message)
            }
        }
        val error = runCatching {
            checkPlatform(MemorySecretStore(), swapping, NoBiometrics(), Language.FI, null)
        }.exceptionOrNull()
        assertTrue(error.toString(), error is AvainException.Internal)
        assertEquals(AvainErrorCode.KEY_SIGNING_FAILED, (error as AvainException).code)
    }
}

package fi.avain.shell

import fi.avain.BiometricKeys
import fi.avain.CreatedKey
import fi.avain.protocol.Language
import fi.avain.SecretStore
import fi.avain.checkPlatform
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/** Cancelling the coroutine of an async export stops the core's work and cleans up. */
class CancellationTest {
    private class NoBiometrics : BiometricKeys {
        override fun isAvailable() = false
        override fun create(profileId: String, attestationChallenge: ByteArray?) = CreatedKey(ByteArray(0))
        override fun publicKey(profileId: String): ByteArray? = null
        override fun sign(profileId: String, prompt: String, message: ByteArray) = ByteArray(0)
        override fun delete(profileId: String) = Unit
    }

    /** A keystore whose first write hangs (a StrongBox busy elsewhere) until released. */
    private class SlowStore : SecretStore {
        val inner = MemorySecretStore()
        val writing = CountDownLatch(1)
        val release = CountDownLatch(1)
        val deleted = CountDownLatch(1)
        val calls = java.util.Collections.synchronizedList(mutableListOf<String>())

        override fun get(name: String): ByteArray? { calls.add("get"); return inner.get(name) }
        override fun put(name: String, value: ByteArray) {
            calls.add("put")
            writing.countDown()
            release.await(10, TimeUnit.SECONDS)
            inner.put(name, value)
        }
        override fun delete(name: String) { calls.add("delete"); inner.delete(name); deleted.countDown() }
    }

    @Test
    fun cancellingTheCoroutineReturnsAtOnceAndTheCoreCleansUp() = runBlocking {
        val store = SlowStore()
        val check = async(Dispatchers.Default) {
            checkPlatform(store, JvmDeviceKeys(MemorySecretStore()), NoBiometrics(), Language.FI, null)
        }
        assertTrue("the core reached the keystore", store.writing.await(10, TimeUnit.SECONDS))
        val started = System.nanoTime()
        check.cancel()
        try {
            withTimeout(5_000) { check.await() }
            fail("expected cancellation")
        } catch (e: CancellationException) {
            // expected: the coroutine ends while the keystore call is still hanging
        }
        val waitedMs = (System.nanoTime() - started) / 1_000_000
        assertTrue("cancellation took $waitedMs ms", waitedMs < 2_000)
        assertEquals(1L, store.release.count)
        // The hanging call finishes; the core then stops and deletes what it wrote.
        store.release.countDown()
        assertTrue(store.deleted.await(10, TimeUnit.SECONDS))
        Thread.sleep(50)
        assertEquals(listOf("put", "delete"), store.calls.toList())
        assertEquals(emptyList<String>(), store.inner.names())
    }
}

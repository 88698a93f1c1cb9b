package fi.avain.shell

import fi.avain.PlatformException
import java.security.InvalidKeyException
import java.security.KeyStoreException
import javax.crypto.AEADBadTagException
import kotlinx.coroutines.CancellationException
import org.junit.Assert.assertEquals
import org.junit.Assert.assertSame
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/**
 * Platform exceptions -> PlatformException. Android's keystore exceptions come from
 * android.jar in Gradle unit tests and from tests/bindings/kotlin-jvm-stand-ins on the
 * plain JVM here.
 */
class PlatformErrorsTest {
    @Test
    fun keystoreFailuresKeepOnlyTheClassName() {
        val error = KeyStoreException("alias avain-profile-1234 for 131052-308T").toPlatformException()
        assertTrue(error is PlatformException.Failure)
        assertEquals("java.security.KeyStoreException", (error as PlatformException.Failure).reason)
        val tag = AEADBadTagException("tag mismatch").toPlatformException() as PlatformException.Failure
        assertEquals("javax.crypto.AEADBadTagException", tag.reason)
    }

    @Test
    fun anInvalidatedBiometricKeyMeansTheBiometricSetChanged() {
        val error = android.security.keystore.KeyPermanentlyInvalidatedException().toPlatformException()
        assertTrue(error is PlatformException.BiometricSetChanged)
        // A plain InvalidKeyException is just a failure.
        assertTrue(InvalidKeyException("x").toPlatformException() is PlatformException.Failure)
    }

    @Test
    fun anUnauthenticatedKeyMeansBiometricsAreNotAvailable() {
        val error = android.security.keystore.UserNotAuthenticatedException().toPlatformException()
        assertTrue(error is PlatformException.BiometricsNotAvailable)
    }

    @Test
    fun platformExceptionsPassThroughUnchanged() {
        val cancelled = PlatformException.Cancelled()
        assertSame(cancelled, cancelled.toPlatformException())
    }

    @Test
    fun platformCallWrapsFailuresButNotCancellation() {
        try {
            platformCall { throw IllegalStateException("secret detail") }
            fail("expected PlatformException")
        } catch (e: PlatformException.Failure) {
            assertEquals("java.lang.IllegalStateException", e.reason)
        }
        try {
            platformCall { throw CancellationException("job cancelled") }
            fail("expected CancellationException")
        } catch (e: CancellationException) {
            assertEquals("job cancelled", e.message)
        }
        assertEquals(42, platformCall { 42 })
    }
}

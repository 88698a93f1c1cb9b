// End to end from Kotlin: the generated bindings, the shell's Kotlin secret store and
// java.security device keys, the core's Avain object, and the sandbox bank over HTTPS on
// loopback (started by tests/bindings/with-sandbox, which tests/bindings/kotlin uses).
package fi.avain.e2e

import fi.avain.Avain
import fi.avain.AvainException
import fi.avain.AvainSettings
import fi.avain.BankSettings
import fi.avain.BiometricKeys
import fi.avain.DeviceDetails
import fi.avain.Language
import fi.avain.PinReason
import fi.avain.Platform
import fi.avain.PlatformException
import fi.avain.PolicyKey
import fi.avain.RegistrationStep
import fi.avain.shell.JvmDeviceKeys
import fi.avain.shell.MemorySecretStore
import fi.avain.shell.code
import fi.avain.shell.userMessage
import java.net.HttpURLConnection
import java.net.URI
import java.nio.file.Files
import java.util.Base64
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

class SandboxFlowTest {
    /** The customer's other hand: the sandbox's control server (browser, SMS inbox, card). */
    private object Bank {
        val control: String = System.getenv("AVAIN_SANDBOX_CONTROL")
            ?: error("AVAIN_SANDBOX_CONTROL is not set: run through tests/bindings/with-sandbox")

        fun call(method: String, path: String): String {
            val connection = URI("$control$path").toURL().openConnection() as HttpURLConnection
            connection.requestMethod = method
            val status = connection.responseCode
            val body = (if (status < 400) connection.inputStream else connection.errorStream)
                .bufferedReader().readText()
            check(status == 200) { "$method $path: HTTP $status $body" }
            return body.trim()
        }

        /** `key value` lines; a key may repeat. */
        fun lines(path: String): List<Pair<String, String>> =
            call("GET", path).lines().filter { it.isNotBlank() }.map { it.substringBefore(' ') to it.substringAfter(' ') }

        fun settings(): BankSettings {
            val lines = lines("/bank")
            val value = { key: String -> lines.first { it.first == key }.second }
            val decode = { text: String -> Base64.getDecoder().decode(text) }
            return BankSettings(
                url = value("url"),
                useSystemRoots = false,
                extraRoots = listOf(decode(value("root_ca"))),
                pinnedSpkiSha256 = emptyList(),
                challengeKey = decode(value("challenge_key")),
                policyKeys = lines.filter { it.first == "policy_key" }.map {
                    PolicyKey(it.second.substringBefore(' '), decode(it.second.substringAfter(' ')))
                },
            )
        }
    }

    private class NoBiometrics : BiometricKeys {
        override fun isAvailable() = false
        override fun create(profileId: String): ByteArray = throw PlatformException.BiometricsNotAvailable()
        override fun publicKey(profileId: String): ByteArray? = null
        override fun sign(profileId: String, prompt: String, message: ByteArray): ByteArray =
            throw PlatformException.BiometricsNotAvailable()
        override fun delete(profileId: String) = Unit
    }

    private suspend fun openPhone(store: MemorySecretStore, languages: List<String>): Avain =
        Avain.open(
            AvainSettings(
                dataDir = Files.createTempDirectory("avain-kotlin-e2e").toString(),
                bank = Bank.settings(),
                preferredLanguages = languages,
                device = DeviceDetails(Platform.ANDROID, "Pixel 8", "14", "1.0.0"),
                // Fast PBKDF2 for tests; apps leave it to the core's default.
                pinKdfIterations = 1_000u,
            ),
            store,
            JvmDeviceKeys(store),
            NoBiometrics(),
        )

    @Test
    fun registerUnlockInTheOnlineBankAndLogIn() = runBlocking {
        val user = "50010001" // Anna, a seeded customer with a phone number and SMS on
        val password = Bank.lines("/customer/$user").first { it.first == "password" }.second
        val store = MemorySecretStore()
        val avain = openPhone(store, listOf("sv-FI", "fi-FI"))
        assertEquals(Language.SV, avain.language())

        val registration = avain.startRegistration(user, password)
        val keyCard = registration.step() as RegistrationStep.KeyCardCode
        var step = registration.submitKeyCardCode(Bank.call("GET", "/key-card/$user/${keyCard.keyCardIndex}"))
        assertTrue(step.toString(), step is RegistrationStep.SmsCode)
        step = registration.submitSmsCode(Bank.call("GET", "/sms/$user/registration_sms_code"))
        assertTrue(step.toString(), (step as RegistrationStep.ChoosePin).advice.isNotEmpty())

        // An easy PIN is refused with the policy's reasons, in Swedish.
        assertTrue(registration.checkPin("1234").any { it.reason == PinReason.SEQUENCE })
        try {
            registration.choosePin("1234")
            fail("1234 must be refused")
        } catch (e: AvainException.PinRejected) {
            assertEquals("pin_rejected", e.code)
            assertTrue(e.reasons.any { it.reason == PinReason.SEQUENCE })
            assertTrue(e.userMessage.isNotBlank())
        }
        step = registration.choosePin("583920")
        assertTrue(step.toString(), step is RegistrationStep.ProfileName)
        val pending = registration.finish("Annas telefon") as RegistrationStep.PendingUnlock
        val profileId = pending.profile.id
        assertEquals("pending_unlock", pending.profile.state)
        assertTrue(pending.instruction.isNotBlank())
        // The core keeps its secrets in the Kotlin store; K_dev lives there too.
        assertTrue(store.names().toString(), store.names().any { it.endsWith("/jvm-device-key") })

        // Not before the online bank unlocks the profile.
        try {
            avain.loginWithPin(profileId, "583920")
            fail("the profile is still locked")
        } catch (e: AvainException.PendingUnlock) {
            assertEquals("profile_pending_unlock", e.code)
        }
        assertEquals("1", Bank.call("POST", "/unlock/$user"))

        val login = avain.loginWithPin(profileId, "583920")
        assertEquals("active", login.profile.state)
        assertTrue(login.customerName.isNotBlank())
        assertEquals(profileId, avain.loggedInProfile())
        assertEquals(listOf(profileId), avain.profiles().map { it.id })
        val devices = avain.devices()
        assertEquals(1, devices.count { it.thisDevice })
        assertEquals("Pixel 8", devices.single { it.thisDevice }.model)

        avain.logout()
        assertNull(avain.loggedInProfile())

        // A wrong PIN: the bank counts it and the core says how many attempts are left.
        try {
            avain.loginWithPin(profileId, "583921")
            fail("a wrong PIN must fail")
        } catch (e: AvainException.WrongPin) {
            assertNotNull(e.attemptsLeft)
            assertTrue(e.userMessage.isNotBlank())
        }
        assertFalse(avain.blockingNumbers().isBlank())
        avain.close()
    }
}

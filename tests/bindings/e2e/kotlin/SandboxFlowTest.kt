// End to end from Kotlin: the generated bindings, the shell's Kotlin secret store and
// java.security device keys, the core's Avain object, and the sandbox bank over HTTPS on
// loopback (started by tests/bindings/with-sandbox, which tests/bindings/kotlin uses).
package fi.avain.e2e

import fi.avain.ApprovalFactor
import fi.avain.Avain
import fi.avain.AvainException
import fi.avain.AvainSettings
import fi.avain.BiometricKind
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
import fi.avain.shell.shouldUsePin
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

    private suspend fun openPhone(
        store: MemorySecretStore,
        languages: List<String>,
        biometrics: BiometricKeys = NoBiometrics(),
    ): Avain =
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
            biometrics,
        )

    /** Registers [user] with [pin] and has the online bank unlock the profile; its id. */
    private suspend fun registerAndUnlock(avain: Avain, user: String, pin: String, name: String): String {
        val password = Bank.lines("/customer/$user").first { it.first == "password" }.second
        val registration = avain.startRegistration(user, password)
        val keyCard = registration.step() as RegistrationStep.KeyCardCode
        registration.submitKeyCardCode(Bank.call("GET", "/key-card/$user/${keyCard.keyCardIndex}"))
        registration.submitSmsCode(Bank.call("GET", "/sms/$user/registration_sms_code"))
        registration.choosePin(pin)
        val pending = registration.finish(name) as RegistrationStep.PendingUnlock
        assertEquals("1", Bank.call("POST", "/unlock/$user"))
        return pending.profile.id
    }

    private inline fun <reified E : AvainException> assertFails(what: String, block: () -> Unit): E {
        try {
            block()
        } catch (e: AvainException) {
            if (e is E) return e
            throw AssertionError("$what: expected ${E::class.simpleName}, got $e", e)
        }
        throw AssertionError("$what: no exception")
    }

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
        val registered = registration.finish("Annas telefon") as RegistrationStep.PendingUnlock
        val profileId = registered.profile.id
        assertEquals("pending_unlock", registered.profile.state)
        assertTrue(registered.instruction.isNotBlank())
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

        // PIN change: the new PIN goes through the same rules, the old one stops working.
        assertFails<AvainException.PinRejected>("an easy new PIN") { avain.changePin("583920", "0000") }
        assertFails<AvainException.WrongPin>("a wrong current PIN") { avain.changePin("583921", "719304") }
        avain.changePin("583920", "719304")
        avain.logout()
        assertNull(avain.loggedInProfile())
        assertFails<AvainException.WrongPin>("the old PIN after the change") { avain.loginWithPin(profileId, "583920") }
        assertEquals(profileId, avain.loginWithPin(profileId, "719304").profile.id)

        // An e-invoice paid from its virtual barcode. The biller is a new payee, so the bank
        // sends an SMS code that the approval must carry.
        val account = avain.accounts().first { it.kind == "current" }
        val invoice = avain.eInvoices().single { it.billerName == "Elisa Oyj" } // RF reference, version 5
        val form = avain.readBarcode(invoice.virtualBarcode)
        assertEquals(invoice.iban.replace(" ", ""), form.draft.payeeIban.replace(" ", ""))
        assertEquals(invoice.reference.replace(" ", ""), form.draft.reference.replace(" ", ""))
        var draft = form.draft.copy(fromAccountId = account.accountId, invoiceId = invoice.invoiceId)
        assertEquals(listOf("payee_name"), avain.checkPayment(draft).map { it.field })
        draft = draft.copy(payeeName = invoice.billerName)
        assertTrue(avain.checkPayment(draft).isEmpty())
        assertFails<AvainException.InvalidInput>("a damaged barcode") {
            avain.readBarcode(invoice.virtualBarcode.dropLast(1) + "x")
        }
        val pending = avain.startPayment(draft)
        assertTrue(pending.smsCodeRequired)
        assertEquals(invoice.amountCents, pending.payment.amountCents)
        assertEquals("awaiting_approval", pending.payment.status)
        assertTrue(pending.confirmationText, pending.confirmationText.contains(invoice.billerName))
        assertEquals(listOf(pending), avain.pendingPayments(profileId))
        val sms = Bank.call("GET", "/sms/$user/payment_sms_code")
        val done = avain.confirmPayment(pending.paymentId, ApprovalFactor.Pin("719304"), sms)
        assertTrue(done.payment.status, done.payment.status in setOf("scheduled", "booked"))
        assertTrue(done.message.isNotBlank())
        assertTrue(avain.pendingPayments(profileId).isEmpty())
        assertFalse(avain.eInvoices().any { it.invoiceId == invoice.invoiceId })

        // The receipt keeps the exact text approved; "this was not me" reaches the bank.
        val receipt = avain.receipts(profileId, 10u).single { it.receiptId == done.receiptId }
        assertEquals("payment", receipt.purpose)
        assertEquals("pin", receipt.factor)
        assertEquals(pending.confirmationText, receipt.shownText)
        assertNull(receipt.reportedNotMeAt)
        val report = avain.reportNotMe(receipt.receiptId, "Jag känner inte igen betalningen")
        assertTrue(report.reportId.isNotBlank())
        assertTrue(report.message.isNotBlank())
        assertNotNull(avain.receipts(profileId, 10u).single { it.receiptId == done.receiptId }.reportedNotMeAt)
        avain.logout()

        // A wrong PIN: the bank counts it and the core says how many attempts are left.
        try {
            avain.loginWithPin(profileId, "583929")
            fail("a wrong PIN must fail")
        } catch (e: AvainException.WrongPin) {
            assertNotNull(e.attemptsLeft)
            assertTrue(e.userMessage.isNotBlank())
        }
        assertFalse(avain.blockingNumbers().isBlank())
        avain.close()
    }

    @Test
    fun biometricsOnOffAfterAnEnrolmentChangeAndRemovingThisDevice() = runBlocking {
        val user = "50010006" // Sanna, a seeded Swedish-speaking customer with SMS on
        val store = MemorySecretStore()
        val sensor = SimulatedBiometricKeys()
        val avain = openPhone(store, listOf("en-GB", "sv-SE", "fi-FI"), sensor)
        assertEquals(Language.SV, avain.language())
        val profileId = registerAndUnlock(avain, user, "605918", "Sannas telefon")
        assertFails<AvainException.LoggedOut>("enabling without a session") {
            avain.enableBiometrics(BiometricKind.FINGERPRINT, "605918")
        }
        avain.loginWithPin(profileId, "605918")
        assertTrue(avain.biometricsOffered(profileId))
        assertFails<AvainException.WrongPin>("enabling with a wrong PIN") {
            avain.enableBiometrics(BiometricKind.FINGERPRINT, "605919")
        }
        avain.enableBiometrics(BiometricKind.FINGERPRINT, "605918")
        assertTrue(avain.profile(profileId).biometricsEnabled)
        avain.logout()

        // A fingerprint logs in; the prompt's text comes from the core, in Swedish.
        val login = avain.loginWithBiometrics(profileId)
        assertEquals(profileId, avain.loggedInProfile())
        assertEquals("active", login.profile.state)
        assertEquals(1, sensor.prompts.size)
        assertTrue(sensor.prompts.single().isNotBlank())
        avain.logout()

        // "Use PIN" on the prompt: no login, the app offers the PIN.
        sensor.customerCancels = true
        val cancelled = assertFails<AvainException.BiometricsUnavailable>("a cancelled prompt") {
            avain.loginWithBiometrics(profileId)
        }
        assertTrue(cancelled.shouldUsePin)
        assertNull(avain.loggedInProfile())
        assertTrue(avain.profile(profileId).biometricsEnabled)

        // A new fingerprint in the phone's settings: biometrics switch off with a notice.
        sensor.enrolNewFinger()
        val changed = assertFails<AvainException.BiometricsUnavailable>("after an enrolment change") {
            avain.loginWithBiometrics(profileId)
        }
        assertEquals("key_biometric_set_changed", changed.code)
        val off = avain.profile(profileId)
        assertFalse(off.biometricsEnabled)
        assertNotNull(off.notice)
        avain.acknowledgeBiometricNotice(profileId)
        assertNull(avain.profile(profileId).notice)
        assertFails<AvainException.BiometricsUnavailable>("biometrics are off") {
            avain.loginWithBiometrics(profileId)
        }

        // The PIN always works; biometrics can be turned on again with a new key, and off.
        avain.loginWithPin(profileId, "605918")
        avain.enableBiometrics(BiometricKind.FINGERPRINT, "605918")
        assertTrue(avain.profile(profileId).biometricsEnabled)
        avain.disableBiometrics()
        assertFalse(avain.profile(profileId).biometricsEnabled)
        assertNull(sensor.publicKey(profileId))

        // Removing this device at the bank deletes the profile here too.
        val thisDevice = avain.devices().single { it.thisDevice }
        assertEquals("active", thisDevice.state)
        avain.removeDevice(thisDevice.deviceId, ApprovalFactor.Pin("605918"))
        assertTrue(avain.profiles().isEmpty())
        assertNull(avain.loggedInProfile())
        assertFails<AvainException.ProfileRemoved>("a removed profile") { avain.loginWithPin(profileId, "605918") }
        avain.close()
    }
}

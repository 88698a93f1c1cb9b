// End to end from Kotlin: the generated bindings, the shell's Kotlin secret store and
// java.security device keys, the core's Avain object, and the sandbox bank over HTTPS on
// loopback (started by tests/bindings/with-sandbox, which tests/bindings/kotlin uses).
package fi.avain.e2e

import fi.avain.core.ApprovalFactor
import fi.avain.protocol.AccountKind
import fi.avain.protocol.DocumentStatus
import fi.avain.protocol.Factor
import fi.avain.protocol.LockReason
import fi.avain.protocol.MeetingKind
import fi.avain.protocol.MeetingStatus
import fi.avain.protocol.PaymentStatus
import fi.avain.protocol.ProfileState
import fi.avain.protocol.Purpose
import fi.avain.Avain
import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.AvainSettings
import fi.avain.protocol.BiometricKind
import fi.avain.BiometricKeys
import fi.avain.core.DeviceDetails
import fi.avain.protocol.JoinWindow
import fi.avain.protocol.Language
import fi.avain.core.MeetingEdit
import fi.avain.core.PaymentField
import fi.avain.core.PinReason
import fi.avain.core.Platform
import fi.avain.core.RegistrationStep
import fi.avain.documentDownloadable
import fi.avain.meetingJoinWindow
import fi.avain.normalizeBookingCode
import fi.avain.normalizePhone
import fi.avain.shell.JvmDeviceKeys
import fi.avain.shell.MemorySecretStore
import fi.avain.shell.NoBiometrics
import fi.avain.shell.code
import fi.avain.shell.shouldUsePin
import fi.avain.shell.userMessage
import java.nio.file.Files
import java.time.Duration
import java.time.Instant
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

class SandboxFlowTest {
    private suspend fun openPhone(
        store: MemorySecretStore,
        languages: List<String>,
        biometrics: BiometricKeys = NoBiometrics(),
    ): Avain =
        Avain.open(
            AvainSettings(
                dataDir = Files.createTempDirectory("avain-kotlin-e2e").toString(),
                bank = SandboxControl.settings(),
                preferredLanguages = languages,
                device = DeviceDetails(Platform.ANDROID, "Pixel 8", "14", "1.0.0"),
                // Fast PBKDF2 for tests; apps leave it to the core's default.
                pinKdfIterations = 1_000u,
                clock = TestClock,
            ),
            store,
            JvmDeviceKeys(store),
            biometrics,
        )


    /** The first quarter hour after [at] (a meeting's start must be on one). */
    private fun nextQuarterHour(at: Instant): Instant {
        val quarter = 15 * 60L
        return Instant.ofEpochSecond((at.epochSecond / quarter + 1) * quarter)
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
        val password = SandboxControl.lines("/customer/$user").first { it.first == "password" }.second
        val store = MemorySecretStore()
        val avain = openPhone(store, listOf("sv-FI", "fi-FI"))
        assertEquals(Language.SV, avain.language())
        // "More" shows the core's version and the app's: the one given in DeviceDetails,
        // which is also what the OS gate compares with the policy's minimum app version.
        val versions = avain.versions()
        assertEquals("1.0.0", versions.app)
        assertTrue(versions.core, Regex("""\d+\.\d+\.\d+.*""").matches(versions.core))
        // The shell hands over the platform's push token (FCM); the registration carries it.
        avain.setPushToken("fcm-token-from-the-platform")

        val registration = avain.startRegistration(user, password)
        val keyCard = registration.step() as RegistrationStep.KeyCardCode
        var step = registration.submitKeyCardCode(SandboxControl.call("GET", "/key-card/$user/${keyCard.keyCardIndex}"))
        assertTrue(step.toString(), step is RegistrationStep.SmsCode)
        step = registration.submitSmsCode(SandboxControl.call("GET", "/sms/$user/registration_sms_code"))
        assertTrue(step.toString(), (step as RegistrationStep.ChoosePin).advice.isNotEmpty())

        // An easy PIN is refused with the policy's reasons, in Swedish.
        assertTrue(registration.checkPin("1234").any { it.reason == PinReason.SEQUENCE })
        try {
            registration.choosePin("1234", "1234")
            fail("1234 must be refused")
        } catch (e: AvainException.PinRejected) {
            assertEquals(AvainErrorCode.PIN_REJECTED, e.code)
            assertTrue(e.reasons.any { it.reason == PinReason.SEQUENCE })
            assertTrue(e.userMessage.isNotBlank())
        }
        // The PIN is typed twice: a repetition that differs is refused, and the step stays.
        try {
            registration.choosePin("583920", "583902")
            fail("a different repetition must be refused")
        } catch (e: AvainException.InvalidInput) {
            assertEquals(AvainErrorCode.PIN_MISMATCH, e.code)
            assertTrue(e.userMessage.isNotBlank())
        }
        assertTrue(registration.step().toString(), registration.step() is RegistrationStep.ChoosePin)
        step = registration.choosePin("583920", "583920")
        assertTrue(step.toString(), step is RegistrationStep.ProfileName)
        val registered = registration.finish("Annas telefon") as RegistrationStep.PendingUnlock
        val profileId = registered.profile.id
        assertEquals(ProfileState.PendingUnlock, registered.profile.state)
        assertTrue(registered.instruction.isNotBlank())
        // The core keeps its secrets in the Kotlin store; K_dev lives there too.
        assertTrue(store.names().toString(), store.names().any { it.endsWith("/jvm-device-key") })

        // Not before the online bank unlocks the profile.
        try {
            avain.loginWithPin(profileId, "583920")
            fail("the profile is still locked")
        } catch (e: AvainException.PendingUnlock) {
            assertEquals(AvainErrorCode.PROFILE_PENDING_UNLOCK, e.code)
        }
        assertEquals("1", SandboxControl.call("POST", "/unlock/$user"))
        // The bank tells the phone (a push without text) that the profile was unlocked.
        assertEquals(listOf("profile_unlocked"), SandboxControl.lines("/pushes/$user").map { it.second })

        val login = avain.loginWithPin(profileId, "583920")
        assertEquals(ProfileState.Active, login.profile.state)
        assertTrue(login.customerName.isNotBlank())
        assertEquals(profileId, avain.loggedInProfile())
        assertEquals(listOf(profileId), avain.profiles().map { it.id })
        val devices = avain.devices().list()
        assertEquals(1, devices.count { it.thisDevice })
        assertEquals("Pixel 8", devices.single { it.thisDevice }.model)

        // PIN change: the new PIN goes through the same rules, the old one stops working.
        assertFails<AvainException.PinRejected>("an easy new PIN") { avain.changePin("583920", "0000", "0000") }
        assertFails<AvainException.WrongPin>("a wrong current PIN") { avain.changePin("583921", "719304", "719304") }
        val mismatch = assertFails<AvainException.InvalidInput>("a different repetition") {
            avain.changePin("583920", "719304", "719340")
        }
        assertEquals(AvainErrorCode.PIN_MISMATCH, mismatch.code)
        avain.changePin("583920", "719304", "719304")
        avain.logout()
        assertNull(avain.loggedInProfile())
        assertFails<AvainException.WrongPin>("the old PIN after the change") { avain.loginWithPin(profileId, "583920") }
        assertEquals(profileId, avain.loginWithPin(profileId, "719304").profile.id)

        // An e-invoice paid from its virtual barcode. The biller is a new payee, so the bank
        // sends an SMS code that the approval must carry.
        val account = avain.payments().accounts().first { it.kind == AccountKind.CURRENT }
        val invoice = avain.payments().eInvoices().single { it.billerName == "Elisa Oyj" } // RF reference, version 5
        val form = avain.payments().readBarcode(invoice.virtualBarcode)
        assertEquals(invoice.iban.replace(" ", ""), form.draft.payeeIban.replace(" ", ""))
        assertEquals(invoice.reference.replace(" ", ""), form.draft.reference.replace(" ", ""))
        var draft = form.draft.copy(fromAccountId = account.accountId, invoiceId = invoice.invoiceId)
        assertEquals(listOf(PaymentField.PAYEE_NAME), avain.payments().checkPayment(draft).map { it.field })
        draft = draft.copy(payeeName = invoice.billerName)
        assertTrue(avain.payments().checkPayment(draft).isEmpty())
        assertFails<AvainException.InvalidInput>("a damaged barcode") {
            avain.payments().readBarcode(invoice.virtualBarcode.dropLast(1) + "x")
        }
        // The same kind of invoice from its EPC QR code: the name comes with it.
        val qr = avain.payments().readQr(
            "BCD\n002\n1\nSCT\n\nHelsingin Energia Oy\nFI2112345600000785\nEUR145.50\n\nRF18539007547034",
        )
        assertEquals("Helsingin Energia Oy", qr.draft.payeeName)
        assertEquals("145,50", qr.draft.amount)
        assertEquals(2.toUByte(), qr.version)
        assertTrue(avain.payments().checkPayment(qr.draft.copy(fromAccountId = account.accountId)).isEmpty())
        val pending = avain.payments().startPayment(draft)
        assertTrue(pending.smsCodeRequired)
        assertEquals(invoice.amountCents, pending.payment.amountCents)
        assertEquals(PaymentStatus.AWAITING_APPROVAL, pending.payment.status)
        assertTrue(pending.confirmationText, pending.confirmationText.contains(invoice.billerName))
        assertEquals(listOf(pending), avain.payments().pendingPayments(profileId))
        val sms = SandboxControl.call("GET", "/sms/$user/payment_sms_code")
        val done = avain.payments().confirmPayment(pending.paymentId, ApprovalFactor.Pin("719304"), sms)
        assertTrue(done.payment.status.toString(), done.payment.status in setOf(PaymentStatus.SCHEDULED, PaymentStatus.BOOKED))
        assertTrue(done.message.isNotBlank())
        assertTrue(avain.payments().pendingPayments(profileId).isEmpty())
        assertFalse(avain.payments().eInvoices().any { it.invoiceId == invoice.invoiceId })

        // The receipt keeps the exact text approved; "this was not me" reaches the bank.
        val receipt = avain.receipts().list(profileId, 10u).single { it.receiptId == done.receiptId }
        assertEquals(Purpose.PAYMENT, receipt.purpose)
        assertEquals(Factor.PIN, receipt.factor)
        assertEquals(pending.confirmationText, receipt.shownText)
        assertNull(receipt.reportedNotMeAt)
        val report = avain.receipts().reportNotMe(receipt.receiptId, "Jag känner inte igen betalningen")
        assertTrue(report.reportId.isNotBlank())
        assertTrue(report.message.isNotBlank())
        assertNotNull(avain.receipts().list(profileId, 10u).single { it.receiptId == done.receiptId }.reportedNotMeAt)
        avain.logout()

        // A wrong PIN: the bank counts it and the core says how many attempts are left.
        try {
            avain.loginWithPin(profileId, "583929")
            fail("a wrong PIN must fail")
        } catch (e: AvainException.WrongPin) {
            assertNotNull(e.attemptsLeft)
            assertTrue(e.userMessage.isNotBlank())
        }
        assertFalse(avain.blockingService().numbersText().isBlank())
        avain.close()
    }

    @Test
    fun biometricsOnOffAfterAnEnrolmentChangeAndRemovingThisDevice() = runBlocking {
        val user = "50010006" // Sanna, a seeded Swedish-speaking customer with SMS on
        val store = MemorySecretStore()
        val sensor = SimulatedBiometricKeys()
        val avain = openPhone(store, listOf("en-GB", "sv-SE", "fi-FI"), sensor)
        assertEquals(Language.SV, avain.language())
        val profileId = SandboxControl.registerAndUnlock(avain, user, "605918", "Sannas telefon")
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
        assertEquals(ProfileState.Active, login.profile.state)
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
        assertEquals(AvainErrorCode.KEY_BIOMETRIC_SET_CHANGED, changed.code)
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
        val thisDevice = avain.devices().list().single { it.thisDevice }
        assertEquals(ProfileState.Active, thisDevice.state)
        assertEquals(Platform.ANDROID, thisDevice.platform)
        avain.devices().removeDevice(thisDevice.deviceId, ApprovalFactor.Pin("605918"))
        assertTrue(avain.profiles().isEmpty())
        assertNull(avain.loggedInProfile())
        assertFails<AvainException.ProfileRemoved>("a removed profile") { avain.loginWithPin(profileId, "605918") }
        avain.close()
    }

    @Test
    fun identificationBrowserLoginMeetingsDocumentsInboxAndBlocking() = runBlocking {
        // Mikko: co-signer of the joint proxy and the loan contract, an unread price notice.
        val user = "50010002"
        val pin = "640271"
        val avain = openPhone(MemorySecretStore(), listOf("sv-FI", "fi-FI"))
        val profileId = SandboxControl.registerAndUnlock(avain, user, pin, "Mikkos telefon")
        val withPin = ApprovalFactor.Pin(pin)

        // A third party's identification, answered without an app login: the text is in
        // Finnish (the flow exists only in Finnish), with a notice in the phone's Swedish.
        val requestId = SandboxControl.lines("/broker/$user/Verohallinto", "POST").toMap().getValue("request_id")
        val unopened = assertFails<AvainException.InvalidInput>("approving before opening") {
            avain.identification().approveIdentification(requestId, withPin)
        }
        assertEquals(AvainErrorCode.IDENTIFICATION_NOT_OPENED, unopened.code)
        val identification = avain.identification().openIdentificationRequest(profileId, requestId)
        assertEquals(requestId, identification.requestId)
        assertEquals("Verohallinto", identification.requester)
        assertEquals("Tunnistuspalvelu Oy", identification.broker)
        assertTrue(identification.shownText, identification.shownText.contains("Verohallinto"))
        assertTrue(identification.shownText, identification.shownText.contains("Tunnistuspalvelu Oy"))
        assertEquals(Language.FI, identification.textLanguage)
        assertTrue(identification.finnishOnly)
        assertFalse(identification.languageNotice.isNullOrBlank())
        assertEquals(2, identification.attributes.size)
        assertTrue(identification.expiresAt.isAfter(Instant.now()))
        avain.identification().approveIdentification(requestId, withPin)
        val broker = SandboxControl.lines("/broker/$requestId").toMap()
        assertEquals("approved", broker["status"])
        assertEquals("Mikko Virtanen", broker["name"])
        val answered = assertFails<AvainException.Refused>("an answered request") {
            avain.identification().openIdentificationRequest(profileId, requestId)
        }
        assertEquals(AvainErrorCode.IDENTIFICATION_ANSWERED, answered.code)
        // One the customer did not ask for: rejected, the service learns no name.
        val kela = SandboxControl.lines("/broker/$user/Kela", "POST").toMap().getValue("request_id")
        assertEquals("Kela", avain.identification().openIdentificationRequest(profileId, kela).requester)
        avain.identification().rejectIdentification(profileId, kela)
        assertEquals(mapOf("request_id" to kela, "status" to "rejected"), SandboxControl.lines("/broker/$kela").toMap())
        assertFails<AvainException.InvalidInput>("the rejected prompt is void") { avain.identification().approveIdentification(kela, withPin) }

        // A browser waits for the code app: the phone shows the browser's code, a wrong PIN
        // spends the approval, the right one logs the browser in.
        val browser = SandboxControl.lines("/browser-login/$user", "POST").toMap()
        val loginId = browser.getValue("request_id")
        assertEquals("pending", SandboxControl.call("GET", "/browser-login/$loginId"))
        val appLogin = avain.identification().openAppLogin(profileId, loginId)
        assertEquals(browser["short_code"], appLogin.shortCode)
        assertTrue(appLogin.shownText.contains(appLogin.shortCode))
        assertEquals(Language.SV, appLogin.textLanguage)
        assertFails<AvainException.WrongPin>("a wrong PIN") { avain.identification().approveAppLogin(loginId, ApprovalFactor.Pin("640279")) }
        assertEquals("pending", SandboxControl.call("GET", "/browser-login/$loginId"))
        avain.identification().openAppLogin(profileId, loginId)
        avain.identification().approveAppLogin(loginId, withPin)
        assertEquals("approved", SandboxControl.call("GET", "/browser-login/$loginId"))
        val stranger = SandboxControl.lines("/browser-login/$user", "POST").toMap().getValue("request_id")
        avain.identification().openAppLogin(profileId, stranger)
        avain.identification().rejectAppLogin(profileId, stranger)
        assertEquals("rejected", SandboxControl.call("GET", "/browser-login/$stranger"))
        val receipts = avain.receipts().list(profileId, 20u)
        assertEquals(identification.shownText, receipts.single { it.purpose == Purpose.THIRD_PARTY_IDENTIFICATION }.shownText)
        assertTrue(receipts.any { it.purpose == Purpose.LOGIN && it.shownText == appLogin.shownText })

        // Video meetings: the shared meeting in two days is listed but cannot be joined yet.
        avain.loginWithPin(profileId, pin)
        val shared = avain.meetings().list().single { it.bookingCode == "7QH4TNP2" }
        assertEquals("Lainat, Rakentaminen", shared.topic)
        assertEquals("Matleena Malliharju", shared.expertName)
        assertEquals(3, shared.participants.size)
        assertEquals(Duration.ofMinutes(60), Duration.between(shared.startsAt, shared.endsAt))
        assertEquals(JoinWindow.NotYetOpen(shared.startsAt.minus(Duration.ofMinutes(15))), shared.joinWindow)
        assertEquals(shared.joinOpensAt, (shared.joinWindow as JoinWindow.NotYetOpen).opensAt)
        assertTrue(shared.recorded)
        assertFalse(shared.recordingNotice.isNullOrBlank())
        val early = assertFails<AvainException.Refused>("joining two days early") { avain.meetings().joinMeeting(shared.bookingCode) }
        assertEquals(AvainErrorCode.MEETING_NOT_OPEN, early.code)
        // The card's window, ticking on the phone without the bank.
        assertEquals(JoinWindow.Open, meetingJoinWindow(shared.startsAt, shared.endsAt, false, shared.joinOpensAt, Language.SV).window)
        assertEquals(JoinWindow.Ended, meetingJoinWindow(shared.startsAt, shared.endsAt, false, shared.endsAt, Language.SV).window)
        assertEquals(shared.joinMessage, meetingJoinWindow(shared.startsAt, shared.endsAt, false, Instant.now(), Language.SV).message)
        assertEquals("2KMEVE6X", normalizeBookingCode("2kme-ve6x"))
        assertNull(normalizeBookingCode("2KMEVE0X"))
        assertEquals("+358501112233", normalizePhone("050 111 2233"))
        assertNull(normalizePhone("puhelin"))

        // A meeting booked for the next quarter hour is open at once (15 minutes before).
        // The phone's and the bank's clocks stand still meanwhile: no booking across the quarter.
        val start = nextQuarterHour(TestClock.freeze(Instant.now()))
        val booked = avain.meetings().bookMeeting(MeetingKind.VIDEO, start, 30u, "Säästäminen", "Rahastot")
        assertEquals(start, booked.startsAt)
        assertEquals(30u, booked.durationMinutes)
        assertEquals(JoinWindow.Open, booked.joinWindow)
        assertEquals(MeetingStatus.BOOKED, booked.status)
        assertEquals(listOf("Mikko Virtanen"), booked.participants.map { it.name })
        val uneven = assertFails<AvainException.InvalidInput>("a start off the quarter hour") {
            avain.meetings().bookMeeting(MeetingKind.VIDEO, start.plusSeconds(7 * 60), 30u, "Säästäminen", null)
        }
        assertEquals(AvainErrorCode.MEETING_START_INVALID, uneven.code)
        val found = avain.meetings().lookUpMeeting(booked.bookingCode.lowercase(), "050 111 2233")
        assertEquals("Säästäminen", found.topic)
        assertTrue("no names without login", found.participants.isEmpty())
        val edited = avain.meetings().editMeeting(booked.bookingCode, MeetingEdit(details = "Rahastot ja osakkeet"))
        assertEquals("Rahastot ja osakkeet", edited.details)
        assertEquals(start, edited.startsAt)
        val join = avain.meetings().joinMeeting(booked.bookingCode)
        assertTrue(join.joinUrl, join.joinUrl.startsWith("https://"))
        assertTrue(join.identificationRequired)
        assertEquals(booked.recorded, join.recorded)
        assertTrue(join.instructions.isNotEmpty() && join.instructions.all { it.isNotBlank() })
        val identifier = SandboxControl.call("POST", "/meetings/${booked.bookingCode}/identifier/$user")
        val wrongIdentifier = assertFails<AvainException.InvalidInput>("a wrong identifier") {
            avain.meetings().identifyInMeeting(booked.bookingCode, if (identifier == "000000") "111111" else "000000")
        }
        assertEquals(AvainErrorCode.IDENTIFIER_WRONG, wrongIdentifier.code)
        val identified = avain.meetings().identifyInMeeting(booked.bookingCode, identifier.chunked(3).joinToString(" "))
        assertEquals(listOf(true), identified.participants.map { it.identified })
        assertEquals("participant true Mikko Virtanen", SandboxControl.call("GET", "/meetings/${booked.bookingCode}"))
        val cancelled = avain.meetings().cancelMeetingByCode(booked.bookingCode, "+358 50 111 2233")
        assertEquals(MeetingStatus.CANCELLED, cancelled.status)
        assertEquals(JoinWindow.Cancelled, cancelled.joinWindow)
        val closed = assertFails<AvainException.Refused>("joining a cancelled meeting") { avain.meetings().joinMeeting(booked.bookingCode) }
        assertEquals(AvainErrorCode.MEETING_CLOSED, closed.code)
        TestClock.real()

        // Signing: the joint proxy (Anna signed) completes with Mikko's signature and can be
        // downloaded; the loan contract waits for Anna after his.
        val lists = avain.documents().list()
        val proxy = lists.waiting.single { it.title == "Valtakirja yhteiseen tiliin" }
        val loan = lists.waiting.single { it.title == "Asuntolainasopimus" }
        assertEquals(listOf(true, false), proxy.parties.map { it.signedAt != null })
        assertFalse(proxy.downloadable)
        assertFails<AvainException.InvalidInput>("signing unread") { avain.documents().signDocument(proxy.documentId, withPin) }
        val view = avain.documents().openDocument(proxy.documentId)
        assertTrue(view.content, view.content.startsWith("VALTAKIRJA"))
        assertTrue(view.shownText!!, view.shownText!!.contains("Valtakirja yhteiseen tiliin"))
        assertTrue(view.finnishOnly)
        assertFalse(view.languageNotice.isNullOrBlank())
        val signed = avain.documents().signDocument(proxy.documentId, withPin)
        assertEquals(DocumentStatus.COMPLETED, signed.status)
        assertTrue(signed.parties.all { it.signedAt != null })
        assertTrue(signed.downloadable)
        assertEquals(Duration.ofDays(30), Duration.between(signed.completedAt, signed.downloadUntil))
        assertTrue(documentDownloadable(signed.downloadUntil, Instant.now()))
        assertFalse(documentDownloadable(signed.downloadUntil, signed.downloadUntil!!))
        val file = avain.documents().downloadDocument(proxy.documentId)
        assertEquals("Valtakirja_yhteiseen_tiliin.txt", file.fileName)
        assertEquals(view.content, file.content)
        avain.documents().openDocument(loan.documentId)
        assertEquals(DocumentStatus.PENDING, avain.documents().signDocument(loan.documentId, withPin).status)
        val notYet = assertFails<AvainException.Refused>("downloading before Anna signs") { avain.documents().downloadDocument(loan.documentId) }
        assertEquals(AvainErrorCode.DOWNLOAD_UNAVAILABLE, notYet.code)
        val after = avain.documents().list()
        assertTrue(after.waiting.isEmpty())
        assertEquals(listOf(loan.documentId), after.pending.map { it.documentId })
        assertEquals(listOf(proxy.documentId), after.completed.map { it.documentId })
        assertEquals(2, avain.receipts().list(profileId, 20u).count { it.purpose == Purpose.DOCUMENT_SIGNING })

        // The secure inbox: the bank's price notice is read here; a question goes to the bank.
        val inbox = avain.inbox().list()
        val notice = inbox.messages.single { it.subject == "Palveluhinnastomme muuttuu 1.3." }
        assertTrue(notice.fromBank && notice.important && !notice.read)
        assertEquals(inbox.messages.count { it.fromBank && !it.read }.toUInt(), inbox.unread)
        val opened = avain.inbox().openMessage(notice.messageId)
        assertTrue(opened.info.read)
        assertTrue(opened.body, opened.body.contains("palveluhinnastomme muuttuu 1.3."))
        assertEquals(inbox.unread - 1u, avain.inbox().list().unread)
        val blank = assertFails<AvainException.InvalidInput>("a blank subject") { avain.inbox().sendMessage("  ", "Hei") }
        assertEquals(AvainErrorCode.MESSAGE_SUBJECT_INVALID, blank.code)
        val question = "Hei,\nkoskeeko muutos myös yhteistä tiliämme?"
        val sent = avain.inbox().sendMessage("Kysymys hinnastosta", question)
        assertFalse(sent.fromBank)
        assertEquals("Kysymys hinnastosta", sent.subject)
        assertEquals(sent.messageId, avain.inbox().list().messages.first().messageId)
        assertEquals(question, avain.inbox().openMessage(sent.messageId).body)

        // The blocking service: its numbers, then the codes and the card blocked at once.
        val numbers = avain.blockingService().numbers()
        assertEquals("020 333", numbers.fromFinland)
        assertEquals("+358 20 333", numbers.fromAbroad)
        assertTrue(numbers.text, numbers.text.contains("020 333") && numbers.text.contains("+358 20 333"))
        assertEquals(AvainErrorCode.BLOCK_NOTHING_CHOSEN, assertFails<AvainException.InvalidInput>("nothing chosen") { avain.blockingService().block(false, false) }.code)
        val blocked = avain.blockingService().block(true, true)
        assertTrue(blocked.codesBlocked)
        assertEquals(1u, blocked.cardsBlocked)
        assertTrue(blocked.message.isNotBlank())
        assertNull(avain.loggedInProfile())
        assertEquals(ProfileState.Locked(LockReason.BY_BANK), avain.profile(profileId).state)
        val locked = assertFails<AvainException.Locked>("logging in with blocked codes") { avain.loginWithPin(profileId, pin) }
        assertFalse(locked.selfService)
        avain.close()
    }
}

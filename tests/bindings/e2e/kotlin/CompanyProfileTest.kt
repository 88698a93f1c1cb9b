// A personal and a company profile on one phone, from Kotlin: Anna's own codes and
// Malliharjun Puutyö Oy's in one data directory, each with its own PIN and accounts; the
// picker shows which is the company's (ProfileInfo.customerKind); the company moves money
// between its own accounts (no payee, no SMS code, both accounts in the signed text);
// deleting one profile leaves the other working, and reopening the directory shows both.
package fi.avain.e2e

import fi.avain.Avain
import fi.avain.AvainSettings
import fi.avain.core.ApprovalFactor
import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.core.DeviceDetails
import fi.avain.core.PaymentField
import fi.avain.core.Platform
import fi.avain.core.TransferDraft
import fi.avain.protocol.CustomerKind
import fi.avain.protocol.PaymentKind
import fi.avain.protocol.PaymentStatus
import fi.avain.shell.JvmDeviceKeys
import fi.avain.shell.MemorySecretStore
import fi.avain.shell.NoBiometrics
import fi.avain.shell.code
import java.nio.file.Files
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

class CompanyProfileTest {
    private val anna = "50010001"
    private val company = "50010005"
    private val annaPin = "583927"
    private val companyPin = "472916"

    private suspend fun open(store: MemorySecretStore, dataDir: String): Avain =
        Avain.open(
            AvainSettings(
                dataDir = dataDir,
                bank = SandboxControl.settings(),
                preferredLanguages = listOf("fi-FI"),
                device = DeviceDetails(Platform.ANDROID, "Pixel 8", "14", "1.0.0"),
                pinKdfIterations = 1_000u,
                clock = null,
            ),
            store,
            JvmDeviceKeys(store),
            NoBiometrics(),
        )

    @Test
    fun aPersonalAndACompanyProfileOnOnePhone() = runBlocking {
        val store = MemorySecretStore()
        val dataDir = Files.createTempDirectory("avain-kotlin-profiles").toString()
        val avain = open(store, dataDir)
        val annaId = SandboxControl.registerAndUnlock(avain, anna, annaPin, "Oma")
        val companyId = SandboxControl.registerAndUnlock(avain, company, companyPin, "Yritys")

        // Anna: her own accounts; the company's account is never her "own".
        avain.loginWithPin(annaId, annaPin)
        assertEquals(
            listOf("acc_anna_current", "acc_anna_savings", "acc_joint"),
            avain.payments().accounts().map { it.accountId },
        )
        try {
            avain.payments().startTransfer(TransferDraft("acc_anna_current", "acc_puutyo_business", "10", "", ""))
            fail("someone else's account as an own account")
        } catch (e: AvainException) {
            assertEquals(AvainErrorCode.NOT_FOUND, e.code)
        }

        // The company: its own PIN (Anna's is wrong for it), its own accounts.
        try {
            avain.loginWithPin(companyId, annaPin)
            fail("Anna's PIN on the company's profile")
        } catch (e: AvainException.WrongPin) {
            assertEquals(4u, e.attemptsLeft)
        }
        val login = avain.loginWithPin(companyId, companyPin)
        assertEquals(CustomerKind.BUSINESS, login.profile.customerKind)
        assertEquals("Malliharjun Puutyö Oy", login.customerName)
        assertEquals(
            listOf("acc_puutyo_business", "acc_puutyo_tax"),
            avain.payments().accounts().map { it.accountId },
        )
        assertTrue(avain.payments().eInvoices().any { it.billerName == "Sahatavara Oy" })

        // A transfer between the company's own accounts: the form is checked offline, the
        // confirmation shows both accounts, and the PIN alone approves it.
        val same = TransferDraft("acc_puutyo_business", "acc_puutyo_business", "250", "", "")
        assertEquals(listOf(PaymentField.TO_ACCOUNT_ID), avain.payments().checkTransfer(same).map { it.field })
        assertEquals(AvainErrorCode.TRANSFER_SAME_ACCOUNT, avain.payments().checkTransfer(same).single().code)
        val pending = avain.payments().startTransfer(same.copy(toAccountId = "acc_puutyo_tax", message = "ALV-varaus"))
        assertEquals(PaymentKind.OWN_TRANSFER, pending.payment.kind)
        assertFalse(pending.smsCodeRequired)
        assertTrue(pending.confirmationText, pending.confirmationText.startsWith("Vahvista siirto omien tilien välillä"))
        assertTrue(pending.confirmationText, pending.confirmationText.contains("Tilille: Verovaraustili"))
        val done = avain.payments().confirmPayment(pending.paymentId, ApprovalFactor.Pin(companyPin), null)
        assertEquals(PaymentStatus.BOOKED, done.payment.status)
        assertEquals("Siirto on tehty.", done.message)

        // The picker: both profiles, the company's marked as such.
        val kinds = avain.profiles().associate { it.id to it.customerKind }
        assertEquals(mapOf(annaId to CustomerKind.PERSONAL, companyId to CustomerKind.BUSINESS), kinds)
        avain.logout()

        // The app restarts on the same data directory: both profiles are there.
        val reopened = open(store, dataDir)
        assertEquals(kinds, reopened.profiles().associate { it.id to it.customerKind })
        // Deleting the company's profile here leaves Anna's working.
        reopened.deleteProfileLocally(companyId)
        assertEquals(listOf(annaId), reopened.profiles().map { it.id })
        assertTrue(store.names().none { it.contains(companyId) })
        assertEquals(annaId, reopened.loginWithPin(annaId, annaPin).profile.id)
        assertEquals(CustomerKind.PERSONAL, reopened.profile(annaId).customerKind)
    }
}

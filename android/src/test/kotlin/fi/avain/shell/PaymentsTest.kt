package fi.avain.shell

import fi.avain.core.AvainErrorCode
import fi.avain.core.AvainException
import fi.avain.protocol.CalendarDate
import fi.avain.protocol.Language
import fi.avain.ReferenceKind
import fi.avain.createFinnishReference
import fi.avain.domesticAccountToIban
import fi.avain.formatMoney
import fi.avain.parseBarcode
import fi.avain.parseEpcQr
import fi.avain.parseIban
import fi.avain.parseMoney
import fi.avain.parseReference
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/** The payment form's formats through the generated bindings. */
class PaymentsTest {
    private val today = CalendarDate(2025, 6u, 1u)

    @Test
    fun aPastedBarcodeFillsThePayment() {
        // Finance Finland's bank barcode guide, example invoice 1.
        val payment = parseBarcode("479440520200360820048831500000000868516259619897100612", today, Language.FI)
        assertEquals(4.toUByte(), payment.version)
        assertEquals("FI79 4405 2020 0360 82", payment.iban.printForm)
        assertEquals(488_315L, payment.amountCents)
        assertEquals("4\u00a0883,15\u00a0€", formatMoney(payment.amountCents!!, Language.FI))
        assertEquals(ReferenceKind.FINNISH, payment.reference.kind)
        assertEquals("86851 62596 19897", payment.reference.displayForm)
        assertEquals(CalendarDate(2010, 6u, 12u), payment.dueDate)
    }

    @Test
    fun aVersion5BarcodeWithoutAmountLeavesTheAmountToTheCustomer() {
        val payment = parseBarcode("573313130010000580000000010000000000000000868624130809", today, Language.SV)
        assertEquals(5.toUByte(), payment.version)
        assertNull("never prefill 0,00 €", payment.amountCents)
        assertEquals(ReferenceKind.RF, payment.reference.kind)
        assertEquals("RF10868624", payment.reference.electronic)
    }

    @Test
    fun aDamagedBarcodeIsInvalidInputInTheUsersLanguage() {
        val messages = Language.values().map { lang ->
            try {
                parseBarcode("4794405202003608200488315", today, lang)
                fail("expected InvalidInput")
                ""
            } catch (e: AvainException.InvalidInput) {
                assertEquals(AvainErrorCode.BARCODE_BAD_LENGTH, e.code)
                assertTrue(e.message!!.contains(AvainErrorCode.BARCODE_BAD_LENGTH.name))
                e.userMessage
            }
        }
        assertEquals(3, messages.toSet().size)
    }

    @Test
    fun anInvoicesEpcQrCodeFillsThePayment() {
        // The EPC guideline's example (EPC069-12), version 002, with CRLF line endings.
        val guideline = listOf(
            "BCD", "002", "1", "SCT", "BPOTBEB1", "Red Cross of Belgium", "BE72000000001616",
            "EUR1", "CHAR", "", "Urgency fund", "Sample EPC QR code",
        ).joinToString("\r\n")
        val payment = parseEpcQr(guideline, today, Language.EN)
        assertEquals(2.toUByte(), payment.version)
        assertEquals("BPOTBEB1", payment.bic)
        assertEquals("Red Cross of Belgium", payment.name)
        assertEquals("BE72000000001616", payment.iban.electronic)
        assertEquals(100L, payment.amountCents)
        assertNull(payment.reference)
        assertEquals("Urgency fund", payment.message)
        // A Finnish invoice: RF reference and the due date in the information line.
        val finnish = "BCD\n001\n1\nSCT\nNDEAFIHH\nHelsingin Energia Oy\nFI2112345600000785\n" +
            "EUR145.50\n\nRF18539007547034\n\nReqdExctnDt/2025-06-30"
        val invoice = parseEpcQr(finnish, today, Language.FI)
        assertEquals(ReferenceKind.RF, invoice.reference!!.kind)
        assertEquals(14_550L, invoice.amountCents)
        assertEquals(CalendarDate(2025, 6u, 30u), invoice.dueDate)
        val error = runCatching { parseEpcQr(finnish.replace("NDEAFIHH", "OKOYFIHH"), today, Language.SV) }
            .exceptionOrNull() as AvainException.InvalidInput
        assertEquals(AvainErrorCode.QR_BIC_MISMATCH, error.code)
    }

    @Test
    fun ibansReferencesAndMoney() {
        val iban = parseIban("fi21 1234 5600 0007 85", today, Language.FI)
        assertEquals("FI2112345600000785", iban.electronic)
        assertEquals("NDEAFIHH", iban.bic)
        assertEquals(true, iban.accountCheckOk)
        assertEquals("FI2112345600000785", domesticAccountToIban("123456-785", today, Language.FI).electronic)
        assertEquals("1234561", createFinnishReference("123456", Language.FI).electronic)
        assertEquals("RF18 5390 0754 7034", parseReference("rf18539007547034", Language.EN).displayForm)
        assertEquals(123_450L, parseMoney("1 234,50", Language.FI))
        assertEquals("€14,505.94", formatMoney(1_450_594, Language.EN))
        val error = runCatching { parseMoney("12,345", Language.FI) }.exceptionOrNull() as AvainException
        assertEquals(AvainErrorCode.AMOUNT_TOO_MANY_DECIMALS, error.code)
    }
}

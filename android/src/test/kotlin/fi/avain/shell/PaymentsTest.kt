package fi.avain.shell

import fi.avain.AvainException
import fi.avain.protocol.CalendarDate
import fi.avain.protocol.Language
import fi.avain.ReferenceKind
import fi.avain.createFinnishReference
import fi.avain.domesticAccountToIban
import fi.avain.formatMoney
import fi.avain.parseBarcode
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
                assertEquals("barcode_bad_length", e.code)
                assertTrue(e.message!!.contains("barcode_bad_length"))
                e.userMessage
            }
        }
        assertEquals(3, messages.toSet().size)
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
        assertEquals("money_too_many_decimals", error.code)
    }
}

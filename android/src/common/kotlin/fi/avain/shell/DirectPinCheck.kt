// The PIN check at every keystroke, without UniFFI's per-call cost on the JVM.
package fi.avain.shell

import com.sun.jna.Native
import fi.avain.protocol.CalendarDate
import fi.avain.protocol.Language
import fi.avain.PinProblem
import fi.avain.PinVerdict
import fi.avain.allPinProblems
import java.nio.ByteBuffer
import java.nio.CharBuffer
import java.nio.charset.CharacterCodingException
import java.nio.charset.CodingErrorAction
import java.util.concurrent.atomic.AtomicReferenceArray

/**
 * The same answers as the generated [fi.avain.checkNewPin], for checking the PIN as the customer
 * types it: about a microsecond per call instead of tens of microseconds.
 *
 * Why: through UniFFI's Kotlin, one `checkNewPin` is six JNA calls (a `RustBuffer`
 * allocated for each argument, the call, freeing the result), each passing JNA
 * `Structure`s by value, which JNA converts by reflection. This object calls one plain C
 * function of the same library, `avain_ffi_check_new_pin_reasons`, through JNA's direct
 * mapping ([Native.register]) with only a byte array and integers, and gets the reasons
 * back as a bit set. The rules stay in the core (the C function runs the core's check, as
 * `checkNewPin` does); the codes and texts of the reasons come from the core too,
 * through [allPinProblems], once per language. docs/bindings.md has the figures.
 *
 * Whatever the fast path cannot answer (a PIN with a lone UTF-16 surrogate, a birth date
 * that does not exist, a failure in Rust) goes to [fi.avain.checkNewPin] itself, so errors are the
 * same [fi.avain.AvainException]s and exceptions too.
 */
object DirectPinCheck {
    /** Bit `i` of the answer is the reason at index `i` of [allPinProblems]. */
    private const val REASONS = 8

    /** The C function's answer when it cannot answer (see `bindings/ffi/src/pin_direct.rs`). */
    private const val USE_UNIFFI_CALL = -1

    /** Each language's problems, fetched once; index = [Language.ordinal]. */
    private val problems = AtomicReferenceArray<List<PinProblem>>(Language.values().size)

    init {
        // The library UniFFI's bindings load, honouring the same override property.
        val library = System.getProperty("uniffi.component.avain.libraryOverride") ?: "avain_ffi"
        Native.register(DirectPinCheck::class.java, library)
    }

    /** See `avain_ffi_check_new_pin_reasons` in `bindings/ffi/src/pin_direct.rs`. */
    @Suppress("FunctionName", "LongParameterList")
    private external fun avain_ffi_check_new_pin_reasons(
        pin: ByteArray,
        pinLen: Int,
        current: ByteArray?,
        currentLen: Int,
        birthYear: Int,
        birthMonth: Int,
        birthDay: Int,
    ): Int

    /**
     * Checks a PIN the customer is choosing, exactly as [fi.avain.checkNewPin] does: [birthDate]
     * refuses the customer's own birth date in any form, [currentPin] the same PIN again.
     * Throws what [fi.avain.checkNewPin] throws (an impossible [birthDate] is
     * `AvainException.Internal` with code `invalid_date`).
     */
    fun checkNewPin(pin: String, birthDate: CalendarDate?, currentPin: String?, lang: Language): PinVerdict {
        val pinBytes = utf8(pin) ?: return fi.avain.checkNewPin(pin, birthDate, currentPin, lang)
        val currentBytes = currentPin?.let { utf8(it) ?: return fi.avain.checkNewPin(pin, birthDate, currentPin, lang) }
        val bits = try {
            avain_ffi_check_new_pin_reasons(
                pinBytes, pinBytes.size,
                currentBytes, currentBytes?.size ?: -1,
                birthDate?.year ?: 0, birthDate?.month?.toInt() ?: 0, birthDate?.day?.toInt() ?: 0,
            )
        } finally {
            pinBytes.fill(0)
            currentBytes?.fill(0)
        }
        if (bits == USE_UNIFFI_CALL) return fi.avain.checkNewPin(pin, birthDate, currentPin, lang)
        if (bits == 0) return PinVerdict(accepted = true, problems = emptyList())
        val all = problemsIn(lang)
        val refused = ArrayList<PinProblem>(Integer.bitCount(bits))
        for (i in 0 until REASONS) {
            // A copy: the generated records are mutable, the cached ones must stay as they are.
            if (bits and (1 shl i) != 0) refused.add(all[i].copy())
        }
        return PinVerdict(accepted = false, problems = refused)
    }

    /** [allPinProblems] for [lang], asked once. */
    private fun problemsIn(lang: Language): List<PinProblem> =
        problems.get(lang.ordinal) ?: allPinProblems(lang).also {
            kotlin.check(it.size == REASONS) { "the core reports ${it.size} PIN reasons, this shell knows $REASONS" }
            problems.compareAndSet(lang.ordinal, null, it)
        }

    /**
     * [text] as UTF-8 in an array the caller wipes, or null for a lone surrogate (which the
     * generated bindings refuse with a [CharacterCodingException]). PINs are ASCII digits
     * but for typos: those are copied as they are, anything else goes through the encoder.
     */
    private fun utf8(text: String): ByteArray? {
        val ascii = ByteArray(text.length)
        for (i in text.indices) {
            val code = text[i].code
            if (code >= 0x80) {
                ascii.fill(0)
                return encoded(text)
            }
            ascii[i] = code.toByte()
        }
        return ascii
    }

    private fun encoded(text: String): ByteArray? {
        val encoder = Charsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
        val buffer = ByteBuffer.allocate(text.length * 3)
        val fits = !encoder.encode(CharBuffer.wrap(text), buffer, true).isError &&
            !encoder.flush(buffer).isError
        val bytes = if (fits) buffer.array().copyOf(buffer.position()) else null
        buffer.array().fill(0)
        return bytes
    }
}

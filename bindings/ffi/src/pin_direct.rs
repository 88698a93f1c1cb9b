//! The PIN check as one plain C function, for Kotlin's JNA direct mapping (the Android
//! shell's `fi.avain.shell.DirectPinCheck`).
//!
//! Why it exists: the app checks the PIN at every keystroke, and through UniFFI's Kotlin
//! one [`check_new_pin`](crate::check_new_pin) is six JNA calls (a `RustBuffer` allocated
//! for the PIN, the optional birth date, the optional current PIN and the language, the
//! call, freeing the result), each passing JNA `Structure`s by value, which JNA converts
//! by reflection: tens of microseconds per check on a phone-class CPU, against about one
//! for the same call from Swift (docs/bindings.md has the figures). This function takes
//! only bytes and integers, which JNA's direct mapping passes without conversion, and
//! returns the reasons as a bit set; the Kotlin side turns the bits back into the same
//! `PinProblem`s, whose codes and texts it got once per language from
//! [`all_pin_problems`](crate::all_pin_problems).
//!
//! It only adapts: the rules are the core's [`pin::check_pin`], as for `check_new_pin`.
//! Whatever it cannot answer (bytes that are not UTF-8, a birth date that does not exist,
//! a panic) it returns as [`USE_UNIFFI_CALL`], and the Kotlin side then makes the UniFFI
//! call, which reports the typed error. Swift calls UniFFI's C functions directly and
//! needs no such path.

// The one place in this crate with `unsafe`: a C entry point reading the caller's bytes.
#![allow(unsafe_code)]

use std::panic::{self, AssertUnwindSafe};

use avain_core::pin::{self, Pin, PinContext, PinReason};
use zeroize::Zeroize;

use avain_protocol::uniffi_types::CalendarDate;

/// What [`avain_ffi_check_new_pin_reasons`] returns when it cannot answer: make the UniFFI
/// call, which returns the typed error.
pub const USE_UNIFFI_CALL: i32 = -1;

/// Checks a new PIN like [`check_new_pin`](crate::check_new_pin) and returns its reasons
/// as a bit set: bit `i` set means the reason at index `i` of `PinReason::ALL` (the
/// order of [`all_pin_problems`](crate::all_pin_problems)); 0 means accepted. Returns
/// [`USE_UNIFFI_CALL`] (negative) when the bytes are not UTF-8, the birth date does not
/// exist, a length is out of range, or anything panicked.
///
/// - `pin`, `pin_len`: the PIN as UTF-8.
/// - `current`, `current_len`: the current PIN as UTF-8 when changing it; `current_len`
///   -1 when there is none.
/// - `birth_year`, `birth_month`, `birth_day`: the customer's birth date; month 0 when
///   unknown.
///
/// Nothing is stored or logged; the copies made here are wiped before returning (the
/// caller wipes its own array).
///
/// # Safety
///
/// `pin` must point to `pin_len` readable bytes (it may be null when `pin_len` is 0), and
/// so must `current` for `current_len` bytes when `current_len` >= 0. The bytes are only
/// read, and only during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn avain_ffi_check_new_pin_reasons(
    pin: *const u8,
    pin_len: i32,
    current: *const u8,
    current_len: i32,
    birth_year: i32,
    birth_month: i32,
    birth_day: i32,
) -> i32 {
    // SAFETY: the caller's contract above.
    let Some(pin) = (unsafe { borrow(pin, pin_len) }) else {
        return USE_UNIFFI_CALL;
    };
    let current = if current_len == -1 {
        None
    } else {
        // SAFETY: the caller's contract above.
        match unsafe { borrow(current, current_len) } {
            Some(bytes) => Some(bytes),
            None => return USE_UNIFFI_CALL,
        }
    };
    // An `extern "C"` function must not unwind into the JVM: a panic aborts the process.
    // There is no panic to expect here; if there were one in an unwinding build (the
    // tests' `dev`), the UniFFI call reports it. The shipped `phone` profile aborts.
    panic::catch_unwind(AssertUnwindSafe(|| {
        reason_bits(pin, current, (birth_year, birth_month, birth_day))
    }))
    .unwrap_or(USE_UNIFFI_CALL)
}

/// The caller's bytes as a slice; `None` for a negative length or a null pointer with
/// bytes behind it.
///
/// # Safety
///
/// As for [`avain_ffi_check_new_pin_reasons`].
unsafe fn borrow<'a>(data: *const u8, len: i32) -> Option<&'a [u8]> {
    let len = usize::try_from(len).ok()?;
    if len == 0 {
        return Some(&[]);
    }
    if data.is_null() {
        return None;
    }
    // SAFETY: `data` is non-null and points to `len` readable bytes (the caller's
    // contract), which nobody writes during the call.
    Some(unsafe { std::slice::from_raw_parts(data, len) })
}

/// The safe part: the core's check on the caller's bytes, as a bit set.
fn reason_bits(pin: &[u8], current: Option<&[u8]>, birth: (i32, i32, i32)) -> i32 {
    let (year, month, day) = birth;
    let birth_date = if month == 0 {
        None
    } else {
        let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
            return USE_UNIFFI_CALL;
        };
        match time::Date::try_from(CalendarDate { year, month, day }) {
            Ok(date) => Some(date),
            Err(_) => return USE_UNIFFI_CALL,
        }
    };
    let Some(pin) = wiped_pin(pin) else {
        return USE_UNIFFI_CALL;
    };
    let current = match current.map(wiped_pin) {
        None => None,
        Some(Some(current)) => Some(current),
        Some(None) => return USE_UNIFFI_CALL,
    };
    let context = PinContext {
        birth_date,
        current: current.as_ref(),
    };
    bits(pin::check_pin(&pin, &context).reasons().iter())
}

/// A [`Pin`] (wiped when dropped) from UTF-8 bytes; `None`, with the copy wiped, when they
/// are not UTF-8.
fn wiped_pin(bytes: &[u8]) -> Option<Pin> {
    match String::from_utf8(bytes.to_vec()) {
        Ok(text) => Some(Pin::new(text)),
        Err(error) => {
            error.into_bytes().zeroize();
            None
        }
    }
}

/// Bit `i` for the reason at index `i` of [`PinReason::ALL`].
fn bits(reasons: impl Iterator<Item = PinReason>) -> i32 {
    reasons.fold(0, |bits, reason| {
        let index = PinReason::ALL
            .iter()
            .position(|r| *r == reason)
            .expect("every reason is in PinReason::ALL");
        bits | (1 << index)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{all_pin_problems, check_new_pin};
    use avain_core::Language;

    fn direct(pin: &str, current: Option<&str>, birth: Option<(i32, i32, i32)>) -> i32 {
        let (year, month, day) = birth.unwrap_or((0, 0, 0));
        let (current_ptr, current_len) = match current {
            Some(text) => (text.as_ptr(), i32::try_from(text.len()).unwrap()),
            None => (std::ptr::null(), -1),
        };
        // SAFETY: pointers and lengths of live strings.
        unsafe {
            avain_ffi_check_new_pin_reasons(
                pin.as_ptr(),
                i32::try_from(pin.len()).unwrap(),
                current_ptr,
                current_len,
                year,
                month,
                day,
            )
        }
    }

    /// The problems the bits stand for, as the Kotlin side builds them.
    fn problems(bits: i32, lang: Language) -> Vec<crate::PinProblem> {
        all_pin_problems(lang)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .map(|(_, problem)| problem)
            .collect()
    }

    #[test]
    fn the_bits_stand_for_the_same_problems_as_the_uniffi_call() {
        let birth = CalendarDate {
            year: 1952,
            month: 10,
            day: 13,
        };
        let current = "583920";
        for pin in [
            "583920",
            "1234",
            "1212",
            "131052",
            "12a",
            "",
            "123456789",
            "pinä",
            "١٢٣٤",
            "💳💳💳💳",
        ] {
            for lang in Language::ALL {
                for (with_birth, with_current) in
                    [(false, false), (true, false), (false, true), (true, true)]
                {
                    let expected = check_new_pin(
                        pin.into(),
                        with_birth.then_some(birth),
                        with_current.then(|| current.to_owned()),
                        lang,
                    )
                    .unwrap();
                    let got = direct(
                        pin,
                        with_current.then_some(current),
                        with_birth.then_some((1952, 10, 13)),
                    );
                    assert!(got >= 0, "{pin:?}");
                    assert_eq!(problems(got, lang), expected.problems, "{pin:?} {lang:?}");
                    assert_eq!(got == 0, expected.accepted);
                }
            }
        }
    }

    #[test]
    fn what_it_cannot_answer_goes_to_the_uniffi_call() {
        assert_eq!(direct("583920", None, Some((1985, 2, 30))), USE_UNIFFI_CALL);
        assert_eq!(
            direct("583920", None, Some((1985, 300, 1))),
            USE_UNIFFI_CALL
        );
        let not_utf8 = [0x31, 0xff, 0x32, 0x33];
        // SAFETY: a live array and its length.
        let got = unsafe {
            avain_ffi_check_new_pin_reasons(not_utf8.as_ptr(), 4, std::ptr::null(), -1, 0, 0, 0)
        };
        assert_eq!(got, USE_UNIFFI_CALL);
        // SAFETY: no bytes are read for a negative length or an empty PIN.
        unsafe {
            assert_eq!(
                avain_ffi_check_new_pin_reasons(
                    std::ptr::null(),
                    -2,
                    std::ptr::null(),
                    -1,
                    0,
                    0,
                    0
                ),
                USE_UNIFFI_CALL
            );
            assert_eq!(
                avain_ffi_check_new_pin_reasons(std::ptr::null(), 5, std::ptr::null(), -1, 0, 0, 0),
                USE_UNIFFI_CALL
            );
            // An empty PIN may come as a null pointer: refused for its length.
            let empty =
                avain_ffi_check_new_pin_reasons(std::ptr::null(), 0, std::ptr::null(), -1, 0, 0, 0);
            assert_eq!(problems(empty, Language::En)[0].code, "length");
        }
    }

    #[test]
    fn an_empty_current_pin_is_not_no_current_pin() {
        // "" as the current PIN is a PIN (it matches only ""), not the absence of one.
        let with_empty = direct("", Some(""), None);
        let without = direct("", None, None);
        assert_eq!(
            problems(with_empty, Language::En),
            check_new_pin(String::new(), None, Some(String::new()), Language::En)
                .unwrap()
                .problems
        );
        assert_eq!(
            problems(without, Language::En),
            check_new_pin(String::new(), None, None, Language::En)
                .unwrap()
                .problems
        );
    }
}

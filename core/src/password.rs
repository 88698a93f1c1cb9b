//! The online-bank password: the rule for choosing a new one.
//!
//! One rule for both sides: the phone (or any client) checks a new password with
//! [`check_new_password`] before sending it, and the bank enforces the same function. A
//! password is 6 to 8 characters, case sensitive, with no spaces or control characters,
//! and refuses what an attacker with five guesses tries first: one character repeated, the
//! user id, the most common passwords (`core/data/passwords/`), and the current password.
//! Each refusal is one [`PasswordReason`] whose wire code is an [`ErrorCode`] with a message
//! in Finnish, Swedish and English.

use std::sync::OnceLock;

use crate::api::ErrorCode;
use crate::i18n::Language;

/// The shortest password allowed, in characters.
pub const MIN_LEN: usize = 6;
/// The longest password allowed, in characters.
pub const MAX_LEN: usize = 8;

/// Why a new password is refused. The declaration order is the order the rules are checked
/// in; the first that applies is the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PasswordReason {
    /// Not 6 to 8 characters, or a space or control character in it.
    Length,
    /// The same as the current password.
    SameAsCurrent,
    /// One character repeated (`aaaaaa`, `111111`).
    RepeatedCharacter,
    /// Contains the user id, or is part of it (case-insensitively).
    ContainsUserId,
    /// One of the most common passwords (case-insensitively).
    Common,
}

impl PasswordReason {
    /// Every reason, in the order they are checked.
    pub const ALL: [PasswordReason; 5] = [
        PasswordReason::Length,
        PasswordReason::SameAsCurrent,
        PasswordReason::RepeatedCharacter,
        PasswordReason::ContainsUserId,
        PasswordReason::Common,
    ];

    /// The bank's error code for this reason: what the wire carries.
    pub fn error_code(self) -> ErrorCode {
        match self {
            PasswordReason::Length => ErrorCode::PasswordRejected,
            PasswordReason::SameAsCurrent => ErrorCode::PasswordSameAsCurrent,
            PasswordReason::RepeatedCharacter => ErrorCode::PasswordRepeatedCharacter,
            PasswordReason::ContainsUserId => ErrorCode::PasswordContainsUserId,
            PasswordReason::Common => ErrorCode::PasswordTooCommon,
        }
    }

    /// The reason behind one of the bank's error codes, if it is a password refusal.
    pub fn from_error_code(code: ErrorCode) -> Option<PasswordReason> {
        PasswordReason::ALL
            .into_iter()
            .find(|r| r.error_code() == code)
    }

    /// The stable code (the wire's error code).
    pub fn code(self) -> &'static str {
        self.error_code().as_str()
    }

    /// The explanation for the customer, in `lang` (the error code's message).
    pub fn message(self, lang: Language) -> String {
        self.error_code().message(lang, None)
    }
}

impl std::fmt::Display for PasswordReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Checks a new password for the customer with `user_id`; `current` is the password it
/// replaces, when the caller knows it. The first reason to refuse it, in the order of
/// [`PasswordReason::ALL`].
pub fn check_new_password(
    new: &str,
    user_id: &str,
    current: Option<&str>,
) -> Result<(), PasswordReason> {
    let length = new.chars().count();
    if !(MIN_LEN..=MAX_LEN).contains(&length)
        || new.chars().any(|c| c.is_control() || c.is_whitespace())
    {
        return Err(PasswordReason::Length);
    }
    if current == Some(new) {
        return Err(PasswordReason::SameAsCurrent);
    }
    let mut chars = new.chars();
    if let Some(first) = chars.next()
        && chars.all(|c| c == first)
    {
        return Err(PasswordReason::RepeatedCharacter);
    }
    let lower = new.to_lowercase();
    let user_id = user_id.trim().to_lowercase();
    if !user_id.is_empty() && (lower.contains(&user_id) || user_id.contains(&lower)) {
        return Err(PasswordReason::ContainsUserId);
    }
    if common().binary_search(&lower.as_str()).is_ok() {
        return Err(PasswordReason::Common);
    }
    Ok(())
}

const COMMON: &str = include_str!("../data/passwords/common.txt");

/// The common passwords, lower case and sorted.
fn common() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut list: Vec<&str> = COMMON
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        list.sort_unstable();
        list.dedup();
        list
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "50010001";

    fn check(new: &str) -> Result<(), PasswordReason> {
        check_new_password(new, USER, Some("Sauna-24"))
    }

    #[test]
    fn good_passwords_of_six_to_eight_characters_pass() {
        for ok in [
            "Uusi-77", "Kesä-26", "Mökki42", "tR7#kq", "Åland88", "x9Lp2mQw", "Skog-33",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn the_length_counts_characters_not_bytes() {
        assert_eq!(check("äöåäö"), Err(PasswordReason::Length));
        assert_eq!(check("äöåäöx"), Ok(()));
        assert_eq!(check("äöåäöxyz"), Ok(()));
        assert_eq!(check("äöåäöxyzw"), Err(PasswordReason::Length));
        assert_eq!(check(""), Err(PasswordReason::Length));
        assert_eq!(check("Ab3#xyz12"), Err(PasswordReason::Length));
    }

    #[test]
    fn spaces_and_control_characters_are_refused() {
        for bad in [
            "Ab 3#xy",
            " Ab3#xy",
            "Ab3#xy\t",
            "Ab3\u{0}xyz",
            "Ab3\u{a0}xyz",
            "Ab\n3xyz",
        ] {
            assert_eq!(check(bad), Err(PasswordReason::Length), "{bad:?}");
        }
    }

    #[test]
    fn the_current_password_is_refused_exactly() {
        assert_eq!(check("Sauna-24"), Err(PasswordReason::SameAsCurrent));
        assert_eq!(check("sauna-24"), Ok(()));
        assert_eq!(check_new_password("Sauna-24", USER, None), Ok(()));
    }

    #[test]
    fn one_repeated_character_is_refused() {
        for bad in ["aaaaaa", "1111111", "ZZZZZZZZ", "ääääää", "######"] {
            assert_eq!(check(bad), Err(PasswordReason::RepeatedCharacter), "{bad}");
        }
        assert_eq!(check("aaaaab"), Ok(()));
    }

    #[test]
    fn the_user_id_in_any_case_and_any_part_of_it_is_refused() {
        let letters = "Anna.V1";
        for bad in ["anna.v1", "ANNA.V1", "xANNA.V1", "Anna.V1!"] {
            assert_eq!(
                check_new_password(bad, letters, None),
                Err(PasswordReason::ContainsUserId),
                "{bad}"
            );
        }
        for bad in ["50010001", "500100", "0010001", "001000"] {
            assert_eq!(check(bad), Err(PasswordReason::ContainsUserId), "{bad}");
        }
        assert_eq!(check("a50010001"), Err(PasswordReason::Length));
        assert_eq!(check("5001-x9y"), Ok(()));
        // A blank user id refuses nothing.
        assert_eq!(check_new_password("Uusi-77", "  ", None), Ok(()));
    }

    #[test]
    fn the_most_common_passwords_are_refused_in_any_case() {
        for bad in [
            "123456",
            "password",
            "Password",
            "QWERTY",
            "qwerty12",
            "salasana",
            "SalaSana",
            "lösenord",
            "LÖSENORD",
            "iloveyou",
            "1q2w3e4r",
            "abc123",
            "sunshine",
        ] {
            assert_eq!(check(bad), Err(PasswordReason::Common), "{bad}");
        }
    }

    #[test]
    fn the_list_is_lower_case_trimmed_and_only_allowed_lengths() {
        for line in COMMON.lines() {
            assert_eq!(line, line.trim());
            assert_eq!(line, line.to_lowercase());
            assert!(
                (MIN_LEN..=MAX_LEN).contains(&line.chars().count()),
                "{line}"
            );
        }
        assert!(common().len() >= 100);
    }

    #[test]
    fn the_first_reason_in_the_fixed_order_wins() {
        // Too long beats everything; the current password beats being common.
        assert_eq!(check("password123"), Err(PasswordReason::Length));
        assert_eq!(
            check_new_password("qwerty", USER, Some("qwerty")),
            Err(PasswordReason::SameAsCurrent)
        );
        // "111111" is both a repeat and common: the repeat is named.
        assert_eq!(check("111111"), Err(PasswordReason::RepeatedCharacter));
        // "123456" is part of no user id here: common.
        assert_eq!(
            check_new_password("123456", "99999999", None),
            Err(PasswordReason::Common)
        );
    }

    #[test]
    fn every_reason_has_its_own_code_and_a_message_in_every_language() {
        let codes: Vec<_> = PasswordReason::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(
            codes,
            [
                "password_rejected",
                "password_same_as_current",
                "password_repeated_character",
                "password_contains_user_id",
                "password_too_common"
            ]
        );
        for reason in PasswordReason::ALL {
            assert_eq!(
                PasswordReason::from_error_code(reason.error_code()),
                Some(reason)
            );
            for lang in Language::ALL {
                assert!(!reason.message(lang).starts_with("api-"), "{reason} {lang}");
            }
        }
        assert_eq!(PasswordReason::from_error_code(ErrorCode::Internal), None);
    }

    #[test]
    fn every_short_ascii_password_gets_an_answer_without_panicking() {
        // Exhaustive over a small alphabet: every 6-character word of "a1A ", so every rule
        // meets every other.
        let alphabet = ['a', '1', 'A', ' '];
        let mut refused = 0;
        for n in 0..4usize.pow(6) {
            let word: String = (0..6).map(|i| alphabet[(n / 4usize.pow(i)) % 4]).collect();
            let result = check(&word);
            let expected_length = word.contains(' ');
            assert_eq!(
                result == Err(PasswordReason::Length),
                expected_length,
                "{word:?}"
            );
            if result.is_err() {
                refused += 1;
            }
        }
        assert!(refused > 0);
    }
}

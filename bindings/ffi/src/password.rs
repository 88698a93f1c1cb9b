//! Choosing an online-bank password: the core's rule (`avain_core::password`), the very
//! function the bank enforces, so the app can say why before sending. Pure: no I/O,
//! nothing stored, nothing logged.

use avain_core::Language;
use avain_core::password::{self, PasswordReason};
use zeroize::Zeroizing;

/// The reason to refuse a password, with its text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PasswordProblem {
    /// The reason.
    pub reason: PasswordReason,
    /// Its stable code: the bank's error code for it (`password_too_common`...).
    pub code: String,
    /// What to tell the customer, in the requested language.
    pub message: String,
}

/// Checks a new online-bank password for the customer with `user_id`; `current_password`
/// (when the app has it) refuses the same password again. `None` when it may be used,
/// otherwise the first rule it breaks: the answer the bank would give. The passwords are
/// wiped from Rust memory when the call returns (the caller's own copies are the caller's).
#[uniffi::export]
pub fn check_new_password(
    password: String,
    user_id: String,
    current_password: Option<String>,
    lang: Language,
) -> Option<PasswordProblem> {
    let password = Zeroizing::new(password);
    let current = current_password.map(Zeroizing::new);
    password::check_new_password(&password, &user_id, current.as_deref().map(String::as_str))
        .err()
        .map(|reason| PasswordProblem {
            reason,
            code: reason.code().to_owned(),
            message: reason.message(lang),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_is_the_cores_with_its_text() {
        let problem =
            check_new_password("salasana".into(), "50010001".into(), None, Language::Sv).unwrap();
        assert_eq!(problem.reason, PasswordReason::Common);
        assert_eq!(problem.code, "password_too_common");
        assert_eq!(
            problem.message,
            PasswordReason::Common.message(Language::Sv)
        );
        let same = check_new_password(
            "Uusi-77".into(),
            "50010001".into(),
            Some("Uusi-77".into()),
            Language::Fi,
        )
        .unwrap();
        assert_eq!(same.reason, PasswordReason::SameAsCurrent);
        assert_eq!(
            check_new_password("Uusi-77".into(), "50010001".into(), None, Language::En),
            None
        );
    }
}

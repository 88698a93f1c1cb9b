//! The Finnish personal identity code (HETU) as the customer types it when unlocking a
//! locked user code (`avain_core::hetu`). Pure. The code itself never comes back out:
//! only what the form needs.

use avain_core::Language;
use avain_core::hetu::Hetu;

use crate::error::{AvainError, IntoAvainError};

/// What a valid personal identity code says that the app may use.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HetuInfo {
    /// The birth date it encodes.
    pub birth_date: time::Date,
    /// Whether it is a temporary code (individual number 900-999).
    pub temporary: bool,
}

/// Checks a personal identity code as typed (surrounding spaces ignored). An invalid one
/// is [`AvainError::InvalidInput`] (`hetu_check_character`...) whose text never repeats
/// the code.
#[uniffi::export]
pub fn check_hetu(text: String, lang: Language) -> Result<HetuInfo, AvainError> {
    let hetu = Hetu::parse(&text).map_err(|e| e.into_avain_error(lang))?;
    Ok(HetuInfo {
        birth_date: hetu.birth_date(),
        temporary: hetu.is_temporary(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_and_invalid_codes() {
        let info = check_hetu("131052-308T".into(), Language::Fi).unwrap();
        assert_eq!(info.birth_date, time::macros::date!(1952 - 10 - 13));
        assert!(!info.temporary);
        let error = check_hetu("131052-308U".into(), Language::En).unwrap_err();
        assert_eq!(error.code(), crate::AvainErrorCode::HetuCheckCharacter);
        assert!(!error.user_message().contains("131052"));
        assert!(!format!("{error:?}").contains("131052"));
    }
}

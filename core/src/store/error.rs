//! Why the store could not do what was asked. Errors carry no row content: rusqlite's own
//! messages are reduced to SQLite's result code before they leave this module.

use crate::i18n::{self, Language};
use crate::random::RandomnessError;
use crate::secrets::SecretStoreError;

/// A store failure, each variant saying what the app should do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// Another process held the database longer than the busy timeout. Try again.
    #[error("store: the database is busy")]
    Busy,
    /// The device's storage is full. Free some space.
    #[error("store: the storage is full")]
    Full,
    /// The database file is damaged or is not an Avain database.
    #[error("store: the database is damaged")]
    Corrupt,
    /// The file or directory cannot be read or written.
    #[error("store: the database cannot be read or written")]
    Io,
    /// The database was written by a newer app version; update the app.
    #[error("store: the database is from a newer app version")]
    SchemaTooNew,
    /// The data key in the secret store does not open this database (the keystore was
    /// reset or restored from elsewhere). The profiles must be registered again.
    #[error("store: the data key does not match the database")]
    DataKeyMismatch,
    /// An encrypted value failed authentication: the file was changed outside the app.
    #[error("store: encrypted data failed its integrity check")]
    Tampered,
    /// No such profile (or payee, or receipt).
    #[error("store: not found")]
    NotFound,
    /// A value cannot be stored (out of range, bad form); a programming error.
    #[error("store: invalid value for {field}")]
    InvalidValue {
        /// The field at fault.
        field: &'static str,
    },
    /// The cached OS policy no longer verifies against the bank's keys.
    #[error("store: the cached OS policy does not verify")]
    CachedPolicyInvalid,
    /// The secret store failed.
    #[error(transparent)]
    Secrets(#[from] SecretStoreError),
    /// The random number generator failed.
    #[error("store: the random number generator failed")]
    Randomness,
    /// Any other SQLite failure, by its primary result code.
    #[error("store: SQLite error {code}")]
    Sqlite {
        /// SQLite's primary result code.
        code: i32,
    },
}

impl From<RandomnessError> for StoreError {
    fn from(_: RandomnessError) -> StoreError {
        StoreError::Randomness
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        match &error {
            rusqlite::Error::SqliteFailure(failure, _) => match failure.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy,
                ErrorCode::DiskFull => StoreError::Full,
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => StoreError::Corrupt,
                ErrorCode::SystemIoFailure
                | ErrorCode::CannotOpen
                | ErrorCode::PermissionDenied
                | ErrorCode::ReadOnly => StoreError::Io,
                _ => StoreError::Sqlite {
                    code: failure.extended_code & 0xff,
                },
            },
            rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound,
            // Type mismatches mean a row this code did not write.
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
            | rusqlite::Error::InvalidColumnType(..) => StoreError::Corrupt,
            _ => StoreError::Sqlite { code: -1 },
        }
    }
}

impl StoreError {
    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Busy => "store_busy",
            StoreError::Full => "store_full",
            StoreError::Corrupt => "store_corrupt",
            StoreError::Io => "store_io",
            StoreError::SchemaTooNew => "store_schema_too_new",
            StoreError::DataKeyMismatch => "store_data_key_mismatch",
            StoreError::Tampered => "store_tampered",
            StoreError::NotFound => "store_not_found",
            StoreError::InvalidValue { .. } => "store_invalid_value",
            StoreError::CachedPolicyInvalid => "store_cached_policy_invalid",
            StoreError::Secrets(e) => e.code(),
            StoreError::Randomness => "store_randomness",
            StoreError::Sqlite { .. } => "store_sqlite",
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Language) -> String {
        match self {
            StoreError::Secrets(e) => e.message(lang),
            other => i18n::text(lang, &other.code().replace('_', "-")),
        }
    }
}

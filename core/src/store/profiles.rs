//! Profiles: one per registration of this device, several per device.

use rusqlite::{Connection, Row, params};
use time::OffsetDateTime;

use super::row_cipher::{Cell, RowCipher, cell_scope};
use super::{Store, StoreError, from_unix, unix};
use crate::api::CustomerKind;
use crate::i18n::Language;
use crate::keys::PinKdfParams;
use crate::lifecycle::{BiometricKind, BiometricState, ProfileState};

/// A profile as registered. `Debug` hides the name (customers name profiles after
/// themselves).
#[derive(Clone, PartialEq, Eq)]
pub struct Profile {
    /// The local id: random, used in secret names and in K_pin's derivation.
    pub id: String,
    /// The name the customer gave it ("Oma", "Yritys").
    pub name: String,
    /// The bank's id of the profile (credential).
    pub server_profile_id: String,
    /// The bank's id of this device for the profile.
    pub server_device_id: String,
    /// A private customer's or a company's codes, as the bank said at registration.
    pub customer_kind: CustomerKind,
    /// Where it is in its life.
    pub state: ProfileState,
    /// Whether biometrics are on.
    pub biometrics: BiometricState,
    /// The language chosen for it.
    pub language: Language,
    /// Salt and iterations of its PIN key derivation.
    pub pin_kdf: PinKdfParams,
    /// When it was registered here.
    pub created_at: OffsetDateTime,
    /// When it last logged in or approved something.
    pub last_used_at: Option<OffsetDateTime>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Profile")
            .field("id", &self.id)
            .field("name", &"[redacted]")
            .field("server_profile_id", &self.server_profile_id)
            .field("customer_kind", &self.customer_kind)
            .field("state", &self.state)
            .field("biometrics", &self.biometrics)
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// What registration knows when it stores a new profile. It starts
/// [`ProfileState::PendingUnlock`] with biometrics off.
#[derive(Clone)]
pub struct NewProfile {
    /// The local id chosen before the keys were made (see [`crate::random::random_id`]).
    pub id: String,
    /// The name the customer gave it.
    pub name: String,
    /// The bank's id of the profile.
    pub server_profile_id: String,
    /// The bank's id of this device for the profile.
    pub server_device_id: String,
    /// A private customer's or a company's codes.
    pub customer_kind: CustomerKind,
    /// The profile's language.
    pub language: Language,
    /// The PIN key derivation's parameters.
    pub pin_kdf: PinKdfParams,
}

impl std::fmt::Debug for NewProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewProfile")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

const COLUMNS: &str = "id, name, server_profile_id, server_device_id, state, lock_reason, \
    biometrics, biometric_kind, language, pin_salt, pin_iterations, created_at, last_used_at, \
    customer_kind";
/// The columns a new profile's row is inserted with: those of every schema version, so the
/// upgrade tests can add profiles through the old ones (later columns are set after).
const INSERT_COLUMNS: &str = "id, name, server_profile_id, server_device_id, state, \
    lock_reason, biometrics, biometric_kind, language, pin_salt, pin_iterations, created_at, \
    last_used_at";

fn name_cell(id: &str) -> Cell<'_> {
    Cell {
        scope: cell_scope!("profiles", "name"),
        row_id: id,
    }
}

fn biometric_columns(state: BiometricState) -> (&'static str, Option<&'static str>) {
    let kind = match state {
        BiometricState::Off => None,
        BiometricState::Enabled { kind } | BiometricState::OffAfterSetChange { kind } => {
            Some(kind.code())
        }
    };
    (state.code(), kind)
}

/// Rebuilds the biometric state from its two columns (lifecycle has no parser for them).
fn biometric_state(code: &str, kind: Option<&str>) -> Option<BiometricState> {
    let kind = match kind {
        None => None,
        Some("fingerprint") => Some(BiometricKind::Fingerprint),
        Some("face") => Some(BiometricKind::Face),
        Some(_) => return None,
    };
    match (code, kind) {
        ("off", None) => Some(BiometricState::Off),
        ("enabled", Some(kind)) => Some(BiometricState::Enabled { kind }),
        ("off_after_set_change", Some(kind)) => Some(BiometricState::OffAfterSetChange { kind }),
        _ => None,
    }
}

fn read_profile(row: &Row<'_>, cipher: &RowCipher) -> Result<Profile, StoreError> {
    let id: String = row.get(0)?;
    let name = cipher.open_text(name_cell(&id), super::blob(row, 1)?)?;
    let state_code: String = row.get(4)?;
    let lock_reason: Option<String> = row.get(5)?;
    let state =
        ProfileState::from_codes(&state_code, lock_reason.as_deref()).ok_or(StoreError::Corrupt)?;
    let bio_code: String = row.get(6)?;
    let bio_kind: Option<String> = row.get(7)?;
    let biometrics = biometric_state(&bio_code, bio_kind.as_deref()).ok_or(StoreError::Corrupt)?;
    let language: String = row.get(8)?;
    let salt: Vec<u8> = row.get(9)?;
    let iterations: i64 = row.get(10)?;
    let iterations = u32::try_from(iterations).map_err(|_| StoreError::Corrupt)?;
    let last_used: Option<i64> = row.get(12)?;
    // Read tolerantly: a kind this version does not know is `Unknown`, not corruption.
    let customer_kind: String = row.get(13)?;
    Ok(Profile {
        customer_kind: CustomerKind::from_code(&customer_kind),
        name,
        server_profile_id: row.get(2)?,
        server_device_id: row.get(3)?,
        state,
        biometrics,
        language: Language::from_code(&language).ok_or(StoreError::Corrupt)?,
        pin_kdf: PinKdfParams::new(&salt, iterations).map_err(|_| StoreError::Corrupt)?,
        created_at: from_unix(row.get(11)?)?,
        last_used_at: last_used.map(from_unix).transpose()?,
        id,
    })
}

fn load_all(conn: &Connection, cipher: &RowCipher) -> Result<Vec<Profile>, StoreError> {
    // Oldest first; profiles added within the same second (the time is stored in seconds)
    // in the order they were added, which the rowid keeps (the id is random).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM profiles ORDER BY created_at, rowid"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(read_profile(row, cipher)?);
    }
    Ok(out)
}

fn check_id(field: &'static str, id: &str) -> Result<(), StoreError> {
    // Local ids go into secret names: keep them to the secret-name alphabet.
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(StoreError::InvalidValue { field })
    }
}

impl Store {
    /// Stores a newly registered profile (pending online-bank unlock, biometrics off).
    /// Changes persisted state.
    pub fn create_profile(
        &self,
        profile: &NewProfile,
        now: OffsetDateTime,
    ) -> Result<Profile, StoreError> {
        check_id("id", &profile.id)?;
        let state = ProfileState::PendingUnlock;
        let biometrics = BiometricState::Off;
        self.write(|tx, cipher| {
            let name = cipher.seal(name_cell(&profile.id), profile.name.as_bytes())?;
            let (bio, kind) = biometric_columns(biometrics);
            tx.execute(
                &format!(
                    "INSERT INTO profiles ({INSERT_COLUMNS}) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, NULL)"
                ),
                params![
                    profile.id,
                    name,
                    profile.server_profile_id,
                    profile.server_device_id,
                    state.code(),
                    state.lock_reason().map(|r| r.code()),
                    bio,
                    kind,
                    profile.language.code(),
                    profile.pin_kdf.salt(),
                    i64::from(profile.pin_kdf.iterations()),
                    unix(now),
                ],
            )?;
            // A statement of its own (schema version 5); `unknown` is the column's default.
            if profile.customer_kind != CustomerKind::Unknown {
                tx.execute(
                    "UPDATE profiles SET customer_kind = ?2 WHERE id = ?1",
                    params![profile.id, profile.customer_kind.code()],
                )?;
            }
            Ok(())
        })?;
        tracing::debug!(profile = %profile.id, "profile created");
        Ok(Profile {
            id: profile.id.clone(),
            name: profile.name.clone(),
            server_profile_id: profile.server_profile_id.clone(),
            server_device_id: profile.server_device_id.clone(),
            customer_kind: profile.customer_kind,
            state,
            biometrics,
            language: profile.language,
            pin_kdf: profile.pin_kdf,
            created_at: from_unix(unix(now))?,
            last_used_at: None,
        })
    }

    /// Every profile on this device, oldest first.
    pub fn profiles(&self) -> Result<Vec<Profile>, StoreError> {
        self.read(load_all)
    }

    /// One profile.
    pub fn profile(&self, id: &str) -> Result<Profile, StoreError> {
        self.read(|conn, cipher| {
            let mut stmt =
                conn.prepare_cached(&format!("SELECT {COLUMNS} FROM profiles WHERE id = ?1"))?;
            let mut rows = stmt.query([id])?;
            match rows.next()? {
                Some(row) => read_profile(row, cipher),
                None => Err(StoreError::NotFound),
            }
        })
    }

    fn update_profile(
        &self,
        id: &str,
        sql: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<(), StoreError> {
        let changed = self.write(|tx, _| {
            let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
            all.push(&id);
            Ok(tx.execute(sql, all.as_slice())?)
        })?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Records a new lifecycle state (decided by [`ProfileState::apply`]). Changes
    /// persisted state.
    pub fn set_profile_state(&self, id: &str, state: ProfileState) -> Result<(), StoreError> {
        let reason = state.lock_reason().map(|r| r.code());
        self.update_profile(
            id,
            "UPDATE profiles SET state = ?1, lock_reason = ?2 WHERE id = ?3",
            &[&state.code(), &reason],
        )?;
        tracing::debug!(profile = %id, state = state.code(), "profile state changed");
        Ok(())
    }

    /// Records the biometric state (decided by [`BiometricState::apply`]). Changes persisted
    /// state.
    pub fn set_biometrics(&self, id: &str, biometrics: BiometricState) -> Result<(), StoreError> {
        let (code, kind) = biometric_columns(biometrics);
        self.update_profile(
            id,
            "UPDATE profiles SET biometrics = ?1, biometric_kind = ?2 WHERE id = ?3",
            &[&code, &kind],
        )?;
        tracing::debug!(profile = %id, biometrics = code, "biometric state changed");
        Ok(())
    }

    /// Renames the profile. Changes persisted state.
    pub fn rename_profile(&self, id: &str, name: &str) -> Result<(), StoreError> {
        let sealed = self.cipher.seal(name_cell(id), name.as_bytes())?;
        self.update_profile(
            id,
            "UPDATE profiles SET name = ?1 WHERE id = ?2",
            &[&sealed],
        )
    }

    /// Sets the profile's language. Changes persisted state.
    pub fn set_profile_language(&self, id: &str, language: Language) -> Result<(), StoreError> {
        self.update_profile(
            id,
            "UPDATE profiles SET language = ?1 WHERE id = ?2",
            &[&language.code()],
        )
    }

    /// Notes that the profile was used now. Changes persisted state.
    pub fn mark_profile_used(&self, id: &str, now: OffsetDateTime) -> Result<(), StoreError> {
        self.update_profile(
            id,
            "UPDATE profiles SET last_used_at = ?1 WHERE id = ?2",
            &[&unix(now)],
        )
    }

    /// Deletes the profile with its payees and receipts. Its keys live in the keystore:
    /// delete them too ([`crate::keys::delete_profile_keys`]). Changes persisted state.
    pub fn delete_profile(&self, id: &str) -> Result<(), StoreError> {
        self.update_profile(id, "DELETE FROM profiles WHERE id = ?1", &[])?;
        tracing::debug!(profile = %id, "profile deleted");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn biometric_columns_round_trip() {
        for state in [
            BiometricState::Off,
            BiometricState::Enabled {
                kind: BiometricKind::Face,
            },
            BiometricState::Enabled {
                kind: BiometricKind::Fingerprint,
            },
            BiometricState::OffAfterSetChange {
                kind: BiometricKind::Face,
            },
        ] {
            let (code, kind) = biometric_columns(state);
            assert_eq!(biometric_state(code, kind), Some(state));
        }
        assert_eq!(biometric_state("enabled", None), None);
        assert_eq!(biometric_state("off", Some("iris")), None);
    }

    #[test]
    fn local_ids_are_restricted() {
        assert!(check_id("id", "0a1b2c").is_ok());
        for bad in ["", "A1", "a/b", "a b", &"a".repeat(65)] {
            assert!(check_id("id", bad).is_err(), "{bad}");
        }
    }
}

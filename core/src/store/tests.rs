use std::sync::Arc;
use std::time::Duration;

use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};
use time::macros::datetime;

use super::*;
use crate::Language;
use crate::keys::{PinKdfParams, SecondFactor};
use crate::lifecycle::{BiometricKind, BiometricState, LockReason, ProfileState};
use crate::os_policy::{BankKey, OsPolicy, Platform, SignedPolicy};
use crate::payments::Iban;
use crate::random::SystemRandomness;
use crate::secrets::MemorySecretStore;
use crate::signed_bytes::Purpose;

pub(super) const NOW: OffsetDateTime = datetime!(2026-03-02 10:00 UTC);

pub(super) struct Fixture {
    pub(super) dir: tempfile::TempDir,
    pub(super) secrets: Arc<MemorySecretStore>,
    pub(super) store: Store,
}

pub(super) fn rng() -> Arc<dyn Randomness> {
    Arc::new(SystemRandomness::new())
}

pub(super) fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let store = Store::open(dir.path(), &*secrets, rng()).unwrap();
    Fixture {
        dir,
        secrets,
        store,
    }
}

impl Fixture {
    pub(super) fn reopen(&self) -> Store {
        Store::open(self.dir.path(), &*self.secrets, rng()).unwrap()
    }
}

/// A store left at schema version 5 in a new directory (before the policy's mark and the
/// one-cell payees), as an installed app's database is before its upgrade; with the
/// directory and the keystore that go with it.
pub(super) fn version_5_store() -> (tempfile::TempDir, MemorySecretStore, Store) {
    let dir = tempfile::tempdir().unwrap();
    let secrets = MemorySecretStore::new();
    let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    conn.execute_batch(schema::SCHEMA_V5).unwrap();
    conn.pragma_update(None, "user_version", 5).unwrap();
    drop(conn);
    let store = Store::open_at_version_for_test(dir.path(), &secrets, 5).unwrap();
    (dir, secrets, store)
}

pub(super) fn new_profile(id: &str) -> NewProfile {
    NewProfile {
        id: id.into(),
        name: "Matin oma".into(),
        server_profile_id: format!("srv-{id}"),
        server_device_id: "dev-1".into(),
        customer_kind: crate::api::CustomerKind::Personal,
        language: Language::Fi,
        pin_kdf: PinKdfParams::new(&[4; 16], 1000).unwrap(),
    }
}

pub(super) fn iban(text: &str) -> Iban {
    Iban::parse(text).unwrap()
}

/// Every file of the database, concatenated (the main file, -wal and -shm).
fn raw_files(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        all.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    all
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// SQL text with whitespace normalised: ALTER TABLE splices its column into the stored
/// CREATE TABLE text with its own spacing, which is not a difference in the schema.
fn normalise_sql(sql: &str) -> String {
    let collapsed = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .replace(" ,", ",")
        .replace(" )", ")")
        .replace("( ", "(")
}

/// The schema as SQLite records it.
fn schema_of(conn: &Connection) -> Vec<(String, String, String, String)> {
    let mut stmt = conn
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| {
        let sql: Option<String> = r.get(3)?;
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            normalise_sql(&sql.unwrap_or_default()),
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn columns_of(conn: &Connection, table: &str) -> Vec<(String, String, bool, Option<String>, i64)> {
    let mut stmt = conn
        .prepare(&format!("PRAGMA table_info({table})"))
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn every_released_schema_upgrades_to_exactly_the_fresh_schema() {
    let fresh = fixture();
    let fresh_conn = Connection::open(fresh.store.path()).unwrap();
    let fresh_schema = schema_of(&fresh_conn);
    assert!(fresh_schema.iter().any(|(_, name, _, _)| name == "payees"));
    for (version, sql) in schema::RELEASED {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE);
        let secrets = MemorySecretStore::new();
        {
            // The old schema with data in it, as an older app version left it.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
            drop(conn);
            let old = Store::open_at_version_for_test(dir.path(), &secrets, *version);
            let store = old.unwrap();
            let old_profile = NewProfile {
                customer_kind: crate::api::CustomerKind::Unknown,
                ..new_profile("old1")
            };
            store.create_profile(&old_profile, NOW).unwrap();
            store.add_receipt(&receipt("old1", "Maksa 5,00 €")).unwrap();
        }
        let store = Store::open(dir.path(), &secrets, rng()).unwrap();
        let receipts = store.receipts("old1", 10).unwrap();
        assert_eq!(receipts.len(), 1, "from v{version}");
        assert_eq!(receipts[0].shown_text, "Maksa 5,00 €");
        assert_eq!(receipts[0].reported_not_me_at, None);
        drop(store);
        let upgraded = Connection::open(&path).unwrap();
        assert_eq!(schema_of(&upgraded), fresh_schema, "from v{version}");
        let version_after: u32 = upgraded
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version_after, schema::LATEST);
        for (kind, name, _, _) in &fresh_schema {
            if kind == "table" {
                assert_eq!(
                    columns_of(&upgraded, name),
                    columns_of(&fresh_conn, name),
                    "table {name} from v{version}"
                );
            }
        }
    }
}

#[test]
fn every_version_up_to_the_latest_has_a_frozen_schema_and_an_upgrade() {
    assert_eq!(
        schema::RELEASED.last().map(|(v, _)| *v),
        Some(schema::LATEST)
    );
    for (i, (version, _)) in schema::RELEASED.iter().enumerate() {
        assert_eq!(
            *version,
            u32::try_from(i).unwrap() + 1,
            "versions are consecutive"
        );
        if *version < schema::LATEST {
            assert!(schema::UPGRADES.iter().any(|(from, _)| from == version));
        }
    }
}

#[test]
fn a_database_from_a_newer_app_is_refused() {
    let f = fixture();
    drop(f.store);
    let conn = Connection::open(f.dir.path().join(DATABASE_FILE)).unwrap();
    conn.pragma_update(None, "user_version", schema::LATEST + 1)
        .unwrap();
    drop(conn);
    assert_eq!(
        Store::open(f.dir.path(), &*f.secrets, rng()).unwrap_err(),
        StoreError::SchemaTooNew
    );
}

#[test]
fn the_database_is_in_wal_mode_with_full_sync_and_foreign_keys() {
    let f = fixture();
    let conn = lock(&f.store.writer);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2);
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    drop(conn);
    assert!(f.store.integrity_check().unwrap());
}

#[test]
fn profiles_round_trip_and_change() {
    let f = fixture();
    let created = f.store.create_profile(&new_profile("a1"), NOW).unwrap();
    assert_eq!(created.state, ProfileState::PendingUnlock);
    assert_eq!(created.biometrics, BiometricState::Off);
    let company = NewProfile {
        customer_kind: crate::api::CustomerKind::Business,
        ..new_profile("b2")
    };
    f.store.create_profile(&company, NOW).unwrap();
    let store = f.reopen();
    let all = store.profiles().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0], created);
    let kinds: Vec<_> = all.iter().map(|p| p.customer_kind).collect();
    assert_eq!(
        kinds,
        [
            crate::api::CustomerKind::Personal,
            crate::api::CustomerKind::Business
        ]
    );

    store.set_profile_state("a1", ProfileState::Active).unwrap();
    let face = BiometricState::Enabled {
        kind: BiometricKind::Face,
    };
    store.set_biometrics("a1", face).unwrap();
    let new_kdf = PinKdfParams::new(&[9; 16], 2000).unwrap();
    let change = PendingPinChange {
        change_id: "chg_1".into(),
        pin_kdf: new_kdf,
    };
    store.save_pending_pin_change("a1", &change).unwrap();
    assert!(store.commit_pending_pin_change("a1", "chg_1").unwrap());
    store.rename_profile("a1", "Yritys").unwrap();
    store.set_profile_language("a1", Language::Sv).unwrap();
    store.mark_profile_used("a1", NOW).unwrap();
    let locked = ProfileState::Locked {
        reason: LockReason::WrongPins,
    };
    store.set_profile_state("b2", locked).unwrap();

    let a = store.profile("a1").unwrap();
    assert_eq!(a.state, ProfileState::Active);
    assert_eq!(a.biometrics, face);
    assert_eq!(a.pin_kdf, new_kdf);
    assert_eq!(a.name, "Yritys");
    assert_eq!(a.language, Language::Sv);
    assert_eq!(a.last_used_at, Some(NOW));
    assert_eq!(store.profile("b2").unwrap().state, locked);

    assert_eq!(store.profile("zz").unwrap_err(), StoreError::NotFound);
    assert_eq!(
        store
            .set_profile_state("zz", ProfileState::Active)
            .unwrap_err(),
        StoreError::NotFound
    );
    assert!(matches!(
        store.create_profile(&new_profile("Bad Id"), NOW),
        Err(StoreError::InvalidValue { .. })
    ));
    let printed = format!("{a:?}");
    assert!(!printed.contains("Yritys"), "{printed}");
}

#[test]
fn profiles_added_in_the_same_second_are_listed_in_the_order_they_were_added() {
    let f = fixture();
    for id in ["z9", "a1", "m5"] {
        f.store.create_profile(&new_profile(id), NOW).unwrap();
    }
    let ids: Vec<String> = f
        .reopen()
        .profiles()
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(ids, ["z9", "a1", "m5"]);
}

#[test]
fn deleting_a_profile_removes_its_payees_and_receipts() {
    let f = fixture();
    f.store.create_profile(&new_profile("a1"), NOW).unwrap();
    f.store.create_profile(&new_profile("b2"), NOW).unwrap();
    let account = iban("FI2112345600000785");
    f.store
        .record_payee("a1", &account, "Kesko Oyj", NOW)
        .unwrap();
    f.store
        .record_payee("b2", &account, "Kesko Oyj", NOW)
        .unwrap();
    f.store
        .add_receipt(&receipt("a1", "Maksa 10,00 €"))
        .unwrap();
    f.store.delete_profile("a1").unwrap();
    assert_eq!(f.store.profiles().unwrap().len(), 1);
    assert!(f.store.payees("a1").unwrap().is_empty());
    assert!(f.store.receipts("a1", 10).unwrap().is_empty());
    assert_eq!(f.store.payees("b2").unwrap().len(), 1);
    assert_eq!(
        f.store.delete_profile("a1").unwrap_err(),
        StoreError::NotFound
    );
}

#[test]
fn the_device_description_round_trips() {
    let f = fixture();
    assert_eq!(f.store.device().unwrap(), None);
    let mut device = DeviceDescription {
        name: "Matin puhelin".into(),
        model: "Pixel 8".into(),
        platform: Platform::Android,
        os_version: "15".into(),
        app_version: "1.0.0".into(),
    };
    f.store.set_device(&device).unwrap();
    device.os_version = "16".into();
    f.store.set_device(&device).unwrap();
    assert_eq!(f.reopen().device().unwrap(), Some(device.clone()));
    assert!(!format!("{device:?}").contains("Matin"));
}

pub(super) fn bank_key() -> (EcdsaKeyPair, BankKey) {
    let rng = SystemRandom::new();
    let doc = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).unwrap();
    let pair =
        EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, doc.as_ref(), &rng).unwrap();
    let key = BankKey::new("bank-1", pair.public_key().as_ref()).unwrap();
    (pair, key)
}

pub(super) fn signed_policy(pair: &EcdsaKeyPair, sequence: u64) -> (SignedPolicy, OsPolicy) {
    let mut policy = OsPolicy::builtin();
    policy.sequence = sequence;
    let envelope = SignedPolicy::sign(&policy, "bank-1", pair, &SystemRandom::new()).unwrap();
    (envelope, policy)
}

#[test]
fn the_cached_policy_is_verified_on_every_read() {
    let f = fixture();
    let (pair, key) = bank_key();
    assert_eq!(
        f.store.verified_policy(std::slice::from_ref(&key)).unwrap(),
        None
    );
    let (envelope, policy) = signed_policy(&pair, 7);
    f.store.save_policy(&envelope, &policy, NOW).unwrap();
    let store = f.reopen();
    let (verified, sequence) = store
        .verified_policy(std::slice::from_ref(&key))
        .unwrap()
        .unwrap();
    assert_eq!(sequence, 7);
    assert_eq!(verified, policy);
    let cached = store.cached_policy().unwrap().unwrap();
    assert_eq!((cached.sequence, cached.accepted_at), (7, NOW));
    // Kept exactly as the bank signed it.
    let stored: (String, Vec<u8>, Vec<u8>) = lock(&store.writer)
        .query_row(
            "SELECT key_id, document, signature FROM os_policy",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let decode = |text: &str| {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text)
            .unwrap()
    };
    assert_eq!(
        stored,
        (
            envelope.key_id.clone(),
            decode(&envelope.document),
            decode(&envelope.signature)
        )
    );

    // A lower sequence number is never stored.
    let (older, older_policy) = signed_policy(&pair, 6);
    assert!(store.save_policy(&older, &older_policy, NOW).is_err());

    // An edit in the database breaks the signature.
    lock(&store.writer)
        .execute(
            "UPDATE os_policy SET document = CAST(replace(CAST(document AS TEXT), '13', '12') AS BLOB)",
            [],
        )
        .unwrap();
    assert_eq!(
        store.verified_policy(&[key]).unwrap_err(),
        StoreError::CachedPolicyInvalid
    );
    let (_, other_key) = bank_key();
    let (envelope, policy) = signed_policy(&pair, 8);
    store.save_policy(&envelope, &policy, NOW).unwrap();
    assert_eq!(
        store.verified_policy(&[other_key]).unwrap_err(),
        StoreError::CachedPolicyInvalid
    );
}

#[test]
fn payees_are_cached_found_by_iban_and_counted() {
    let f = fixture();
    f.store.create_profile(&new_profile("a1"), NOW).unwrap();
    let kesko = iban("FI58 1017 1000 0001 22");
    let other = iban("FI2112345600000785");
    assert!(!f.store.is_known_payee("a1", &kesko).unwrap());
    let first = f.store.record_payee("a1", &kesko, "Kesko", NOW).unwrap();
    let later = NOW + time::Duration::days(3);
    let second = f
        .store
        .record_payee("a1", &kesko, "Kesko Oyj", later)
        .unwrap();
    assert_eq!(first.id, second.id);
    assert_eq!(second.times_paid, 2);
    assert_eq!(second.first_paid_at, NOW);
    f.store
        .record_payee("a1", &other, "Äänekosken Sähkö Oy", NOW)
        .unwrap();
    assert!(f.store.is_known_payee("a1", &kesko).unwrap());
    assert!(!f.store.is_known_payee("b2", &kesko).unwrap());

    let store = f.reopen();
    let payees = store.payees("a1").unwrap();
    assert_eq!(payees.len(), 2);
    assert_eq!(payees[0], second);
    assert_eq!(payees[1].name, "Äänekosken Sähkö Oy");
    store.forget_payee("a1", &second.id).unwrap();
    assert!(!store.is_known_payee("a1", &kesko).unwrap());
    assert_eq!(
        store.forget_payee("a1", &second.id).unwrap_err(),
        StoreError::NotFound
    );
    let printed = format!("{payees:?}");
    assert!(
        !printed.contains("Kesko") && !printed.contains("1017"),
        "{printed}"
    );
}

fn receipt(profile: &str, text: &str) -> NewReceipt {
    NewReceipt {
        profile_id: profile.into(),
        purpose: Purpose::Payment,
        factor: SecondFactor::Pin,
        shown_text: text.into(),
        server_device_id: Some("dev-1".into()),
        approved_at: NOW,
        approval_id: None,
    }
}

#[test]
fn a_receipt_can_be_reported_as_not_me_once() {
    let f = fixture();
    f.store.create_profile(&new_profile("a1"), NOW).unwrap();
    let stored = f.store.add_receipt(&receipt("a1", "Maksa 1,00 €")).unwrap();
    assert_eq!(stored.reported_not_me_at, None);
    f.store.report_not_me("a1", &stored.id, NOW).unwrap();
    f.store
        .report_not_me("a1", &stored.id, NOW + time::Duration::hours(1))
        .unwrap();
    let back = f.reopen().receipts("a1", 10).unwrap();
    assert_eq!(
        back[0].reported_not_me_at,
        Some(NOW),
        "the first report counts"
    );
    assert_eq!(
        f.store.report_not_me("b2", &stored.id, NOW).unwrap_err(),
        StoreError::NotFound
    );
}

#[test]
fn receipts_round_trip_newest_first() {
    let f = fixture();
    f.store.create_profile(&new_profile("a1"), NOW).unwrap();
    f.store.add_receipt(&receipt("a1", "Maksa 1,00 €")).unwrap();
    let mut later = receipt("a1", "Kirjaudu");
    later.purpose = Purpose::Login;
    later.factor = SecondFactor::Biometric;
    later.approved_at = NOW + time::Duration::minutes(5);
    let stored = f.store.add_receipt(&later).unwrap();
    let all = f.reopen().receipts("a1", 10).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0], stored);
    assert_eq!(all[1].shown_text, "Maksa 1,00 €");
    assert_eq!(f.store.receipts("a1", 1).unwrap().len(), 1);
    assert!(f.store.add_receipt(&receipt("nobody", "x")).is_err());
}

#[test]
fn personal_data_never_reaches_the_files_in_clear() {
    let f = fixture();
    let mut profile = new_profile("a1");
    profile.name = "Profiili-Matti-Virtanen".into();
    f.store.create_profile(&profile, NOW).unwrap();
    f.store
        .record_payee(
            "a1",
            &iban("FI2112345600000785"),
            "Payee-Liisa-Korhonen",
            NOW,
        )
        .unwrap();
    f.store
        .add_receipt(&receipt("a1", "Receipt-text-Maksa-14505,94"))
        .unwrap();
    f.store
        .set_device(&DeviceDescription {
            name: "Device-Matin-puhelin".into(),
            model: "Pixel 8".into(),
            platform: Platform::Android,
            os_version: "15".into(),
            app_version: "1.0.0".into(),
        })
        .unwrap();
    let raw = raw_files(f.dir.path());
    assert!(contains(&raw, b"Pixel 8"), "the scan sees the files");
    for secret in [
        "Profiili-Matti",
        "Payee-Liisa",
        "FI2112345600000785",
        "Receipt-text",
        "Device-Matin",
    ] {
        assert!(!contains(&raw, secret.as_bytes()), "{secret} in clear");
    }
    let key = f.secrets.get(DATA_KEY_NAME).unwrap().unwrap();
    assert!(
        !contains(&raw, key.expose()),
        "the data key is in the database"
    );
}

#[test]
fn a_ciphertext_moved_to_another_row_is_detected() {
    let f = fixture();
    f.store.create_profile(&new_profile("a1"), NOW).unwrap();
    f.store.create_profile(&new_profile("b2"), NOW).unwrap();
    lock(&f.store.writer)
        .execute(
            "UPDATE profiles SET name = (SELECT name FROM profiles WHERE id = 'a1') WHERE id = 'b2'",
            [],
        )
        .unwrap();
    assert_eq!(f.store.profile("b2").unwrap_err(), StoreError::Tampered);
    assert!(f.store.profile("a1").is_ok());
}

/// Payee rows are decrypted in place and their IBANs not validated again (the AES-GCM tag
/// vouches for them): a bad row still fails with its typed error when it is read, and
/// only that profile's read fails.
#[test]
fn a_bad_payee_row_fails_with_its_typed_error_when_read() {
    let f = fixture();
    f.store.create_profile(&new_profile("a1"), NOW).unwrap();
    f.store.create_profile(&new_profile("b2"), NOW).unwrap();
    let payee = f
        .store
        .record_payee("a1", &iban("FI2112345600000785"), "Kesko", NOW)
        .unwrap();
    f.store
        .record_payee("b2", &iban("FI2112345600000785"), "Kesko", NOW)
        .unwrap();
    let set_iban = |value: rusqlite::types::Value| {
        lock(&f.store.writer)
            .execute(
                "UPDATE payees SET account = ?1 WHERE id = ?2",
                rusqlite::params![value, payee.id],
            )
            .unwrap();
    };
    let sealed_as = |scope: &'static str, plain: &[u8]| {
        let cell = row_cipher::Cell {
            scope,
            row_id: &payee.id,
        };
        f.store.cipher.seal(cell, plain).unwrap()
    };
    let sealed = |plain: &[u8]| sealed_as(row_cipher::cell_scope!("payees", "account"), plain);

    // One bit flipped in the ciphertext.
    let mut flipped = sealed(b"\x12FI2112345600000785Kesko");
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    set_iban(rusqlite::types::Value::Blob(flipped));
    assert_eq!(f.reopen().payees("a1").unwrap_err(), StoreError::Tampered);
    // Sealed for another column of the row (the v5 layout's IBAN cell).
    set_iban(rusqlite::types::Value::Blob(sealed_as(
        row_cipher::cell_scope!("payees", "iban"),
        b"\x12FI2112345600000785Kesko",
    )));
    assert_eq!(f.reopen().payees("a1").unwrap_err(), StoreError::Tampered);
    // Sealed under the right key, but not an IBAN's shape (only a bug could write it),
    // an IBAN length past the end, nothing at all, a name that is not UTF-8.
    for plain in [
        &b"\x12FI21 1234 <script>Kesko"[..],
        b"\x40FI2112345600000785Kesko",
        b"",
        b"\x12FI2112345600000785\xff\xfe",
    ] {
        set_iban(rusqlite::types::Value::Blob(sealed(plain)));
        assert_eq!(f.reopen().payees("a1").unwrap_err(), StoreError::Tampered);
    }
    // The other profile's payees still read.
    assert_eq!(f.reopen().payees("b2").unwrap().len(), 1);
    // Put back as it was sealed, it reads again.
    set_iban(rusqlite::types::Value::Blob(sealed(
        b"\x12FI2112345600000785Kesko",
    )));
    let read = f.reopen().payees("a1").unwrap();
    assert_eq!(read[0].iban, iban("FI2112345600000785"));
    assert_eq!(read[0].name, "Kesko");
}

#[test]
fn a_lost_or_different_data_key_is_reported_at_open() {
    let f = fixture();
    f.store.create_profile(&new_profile("a1"), NOW).unwrap();
    drop(f.store);
    let empty = MemorySecretStore::new();
    assert_eq!(
        Store::open(f.dir.path(), &empty, rng()).unwrap_err(),
        StoreError::DataKeyMismatch
    );
    let other = MemorySecretStore::new();
    other.put(DATA_KEY_NAME, &[0x55; 32]).unwrap();
    assert_eq!(
        Store::open(f.dir.path(), &other, rng()).unwrap_err(),
        StoreError::DataKeyMismatch
    );
    // The way out: delete the database and start again.
    Store::delete_database(f.dir.path()).unwrap();
    let store = Store::open(f.dir.path(), &other, rng()).unwrap();
    assert!(store.profiles().unwrap().is_empty());
}

#[test]
fn readers_run_while_a_write_is_in_progress() {
    let f = fixture();
    f.store.create_profile(&new_profile("a1"), NOW).unwrap();
    let store = Arc::new(f.store);
    let writer = Arc::clone(&store);
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    let handle = std::thread::spawn(move || {
        writer
            .write(|tx, _| {
                tx.execute("UPDATE profiles SET language = 'sv' WHERE id = 'a1'", [])?;
                started_tx.send(()).unwrap();
                std::thread::sleep(Duration::from_millis(200));
                Ok(())
            })
            .unwrap();
    });
    started_rx.recv().unwrap();
    // The writer is mid-transaction: readers see the last committed state, without waiting.
    let readers: Vec<_> = (0..3)
        .map(|_| {
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                let start = std::time::Instant::now();
                let profile = store.profile("a1").unwrap();
                (profile.language, start.elapsed())
            })
        })
        .collect();
    for reader in readers {
        let (language, waited) = reader.join().unwrap();
        assert_eq!(language, Language::Fi);
        assert!(
            waited < Duration::from_millis(150),
            "a reader waited {waited:?}"
        );
    }
    handle.join().unwrap();
    assert_eq!(store.profile("a1").unwrap().language, Language::Sv);
}

#[test]
fn a_second_process_waits_for_the_writer_instead_of_failing() {
    let f = fixture();
    f.store.create_profile(&new_profile("a1"), NOW).unwrap();
    // Another connection (as another process would have) holds the write lock for a while.
    let other = Connection::open(f.store.path()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        other.execute_batch("COMMIT").unwrap();
    });
    let start = std::time::Instant::now();
    f.store.mark_profile_used("a1", NOW).unwrap();
    assert!(start.elapsed() >= Duration::from_millis(250));
    releaser.join().unwrap();
}

#[test]
fn a_pending_pin_change_survives_a_reopen_and_is_committed_once() {
    let f = fixture();
    let old = f
        .store
        .create_profile(&new_profile("a1"), NOW)
        .unwrap()
        .pin_kdf;
    let new = PinKdfParams::new(&[9; 16], 2000).unwrap();
    let change = PendingPinChange {
        change_id: "chg_2".into(),
        pin_kdf: new,
    };
    f.store.save_pending_pin_change("a1", &change).unwrap();
    // The app dies here; the next start sees both parameter sets.
    let store = f.reopen();
    assert_eq!(store.pending_pin_change("a1").unwrap(), Some(change));
    assert_eq!(store.profile("a1").unwrap().pin_kdf, old);

    assert!(!store.commit_pending_pin_change("a1", "chg_other").unwrap());
    assert_eq!(store.profile("a1").unwrap().pin_kdf, old);
    assert!(store.commit_pending_pin_change("a1", "chg_2").unwrap());
    assert!(!store.commit_pending_pin_change("a1", "chg_2").unwrap());
    assert_eq!(store.profile("a1").unwrap().pin_kdf, new);
    assert_eq!(store.pending_pin_change("a1").unwrap(), None);

    let refused = PendingPinChange {
        change_id: "chg_3".into(),
        pin_kdf: old,
    };
    store.save_pending_pin_change("a1", &refused).unwrap();
    store.discard_pending_pin_change("a1", "chg_3").unwrap();
    assert_eq!(store.pending_pin_change("a1").unwrap(), None);
    assert_eq!(store.profile("a1").unwrap().pin_kdf, new);
}

#[test]
fn a_receipt_is_removed_only_from_its_own_profile() {
    let f = fixture();
    f.store.create_profile(&new_profile("a1"), NOW).unwrap();
    f.store.create_profile(&new_profile("b2"), NOW).unwrap();
    let kept = f.store.add_receipt(&receipt("a1", "Maksa 1,00 €")).unwrap();
    let refused = f.store.add_receipt(&receipt("a1", "Maksa 2,00 €")).unwrap();
    // Another profile's id does not reach it.
    f.store.remove_receipt("b2", &kept.id).unwrap();
    f.store.remove_receipt("a1", &refused.id).unwrap();
    let back = f.reopen().receipts("a1", 10).unwrap();
    assert_eq!(back, vec![kept]);
}

#[test]
fn an_accepted_payment_leaves_the_pending_list_and_fills_the_payees_with_sync_restored() {
    let f = fixture();
    f.store.create_profile(&new_profile("a1"), NOW).unwrap();
    let kesko = iban("FI58 1017 1000 0001 22");
    f.store
        .save_pending_payment("a1", "pay_1", "{}", NOW)
        .unwrap();
    f.store
        .save_pending_payment("a1", "pay_2", "{}", NOW)
        .unwrap();
    f.store
        .payment_accepted("a1", "pay_1", Some((&kesko, "Kesko Oyj")), NOW)
        .unwrap();
    // A transfer between own accounts: no payee.
    f.store.payment_accepted("a1", "pay_2", None, NOW).unwrap();
    // The writer's commits are synced again afterwards.
    let sync: i64 = lock(&f.store.writer)
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2);
    let store = f.reopen();
    assert!(store.pending_payments("a1").unwrap().is_empty());
    let payees = store.payees("a1").unwrap();
    assert_eq!(payees.len(), 1);
    assert_eq!(payees[0].name, "Kesko Oyj");
    assert!(store.is_known_payee("a1", &kesko).unwrap());
}

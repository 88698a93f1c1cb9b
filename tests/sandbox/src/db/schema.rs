//! The schema, versioned by `PRAGMA user_version`. Each released version's migration is
//! frozen here; a new version appends a migration and never edits an old one. The test
//! below checks that upgrading step by step gives exactly the schema of a fresh database.
//!
//! Secrets are never stored in clear: passwords as PBKDF2 hashes, key-card codes, SMS
//! codes, the HETU and meeting identifiers as HMAC hashes under the pepper in the data
//! directory. Times are unix milliseconds (INTEGER), dates ISO 8601 text.

use rusqlite::Connection;

/// Migrations in order; `MIGRATIONS[n]` upgrades version `n` to `n + 1`.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11];

/// The version a fully migrated database has.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Upgrades the database to the current version, one transaction per step.
///
/// Foreign keys are off while it runs (SQLite's procedure for rebuilding a table, which
/// may only switch them outside a transaction) and each step ends with a foreign-key check
/// before it commits, so a step can never leave a dangling reference.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let enforced: bool = conn.pragma_query_value(None, "foreign_keys", |row| row.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = migrate_steps(conn);
    conn.pragma_update(None, "foreign_keys", enforced)?;
    result
}

fn migrate_steps(conn: &mut Connection) -> rusqlite::Result<()> {
    loop {
        let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        let Some(step) = usize::try_from(version)
            .ok()
            .and_then(|v| MIGRATIONS.get(v))
        else {
            return Ok(());
        };
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        let dangling: i64 =
            tx.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |row| {
                row.get(0)
            })?;
        if dangling > 0 {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                Some(format!(
                    "migration {} leaves {dangling} dangling references",
                    version + 1
                )),
            ));
        }
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

const V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
    id                       INTEGER PRIMARY KEY,
    user_id                  TEXT NOT NULL UNIQUE,
    name                     TEXT NOT NULL,
    kind                     TEXT NOT NULL CHECK (kind IN ('personal', 'business')),
    language                 TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
    hetu_hash                BLOB NOT NULL,
    birth_date               TEXT,
    password_hash            TEXT NOT NULL,
    password_change_required INTEGER NOT NULL DEFAULT 0,
    phone                    TEXT,
    sms_service              INTEGER NOT NULL,
    email                    TEXT,
    lock_reason              TEXT CHECK (lock_reason IN ('pin', 'password', 'key_card')),
    password_failures        INTEGER NOT NULL DEFAULT 0,
    key_card_failures        INTEGER NOT NULL DEFAULT 0,
    codes_blocked            INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE key_card_codes (
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    idx         INTEGER NOT NULL,
    code_hash   BLOB NOT NULL,
    PRIMARY KEY (customer_id, idx)
) STRICT;

-- One profile (credential) per registered device; state and lock_reason are the codes of
-- avain_protocol::lifecycle::ProfileState.
CREATE TABLE profiles (
    id            TEXT PRIMARY KEY,
    device_id     TEXT NOT NULL UNIQUE,
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    name          TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending_unlock', 'active', 'locked', 'revoked')),
    lock_reason   TEXT CHECK (lock_reason IN ('wrong_pins', 'by_bank', 'wrong_key_card_codes')),
    platform      TEXT NOT NULL,
    model         TEXT NOT NULL,
    os_version    TEXT NOT NULL,
    app_version   TEXT NOT NULL,
    has_push      INTEGER NOT NULL,
    device_key    BLOB NOT NULL,
    pin_key       BLOB NOT NULL,
    bio_key       BLOB,
    bio_kind      TEXT CHECK (bio_kind IN ('fingerprint', 'face')),
    keys_version  INTEGER NOT NULL DEFAULT 1,
    counter       INTEGER NOT NULL DEFAULT 0, -- the last accepted challenge counter
    failures      INTEGER NOT NULL DEFAULT 0,
    registered_at INTEGER NOT NULL,
    last_used_at  INTEGER,
    ended_at      INTEGER
) STRICT;
CREATE INDEX profiles_by_customer ON profiles(customer_id);

-- Every approval attempt and its outcome: the audit trail, and what the crash tests
-- compare with the answers they received.
CREATE TABLE approval_events (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    profile_id  TEXT NOT NULL REFERENCES profiles(id),
    purpose     TEXT NOT NULL,
    subject_id  TEXT,
    outcome     TEXT NOT NULL CHECK (outcome IN ('approved', 'failed', 'locked'))
) STRICT;
CREATE INDEX approval_events_by_profile ON approval_events(profile_id);

CREATE TABLE registrations (
    id              TEXT PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    step            TEXT NOT NULL CHECK (step IN ('key_card', 'sms', 'device', 'done', 'failed')),
    key_card_index  INTEGER NOT NULL,
    sms_code_hash   BLOB,
    sms_failures    INTEGER NOT NULL DEFAULT 0,
    profile_id      TEXT NOT NULL UNIQUE,
    device_id       TEXT NOT NULL UNIQUE,
    nonce           BLOB NOT NULL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL
) STRICT;

-- Online-bank logins and self-service unlocks waiting for their key-card (and SMS) code.
CREATE TABLE key_card_attempts (
    id              TEXT PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    purpose         TEXT NOT NULL CHECK (purpose IN ('online_bank_login', 'user_code_unlock')),
    key_card_index  INTEGER NOT NULL,
    sms_code_hash   BLOB,
    sms_failures    INTEGER NOT NULL DEFAULT 0,
    used            INTEGER NOT NULL DEFAULT 0,
    expires_at      INTEGER NOT NULL
) STRICT;

-- Key changes waiting for their approval (PIN change, biometric key).
CREATE TABLE pending_changes (
    id         TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id),
    kind       TEXT NOT NULL CHECK (kind IN ('pin', 'biometric')),
    public_key BLOB NOT NULL,
    bio_kind   TEXT CHECK (bio_kind IN ('fingerprint', 'face')),
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE accounts (
    id            TEXT PRIMARY KEY,
    iban          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('current', 'savings', 'joint', 'business')),
    balance_cents INTEGER NOT NULL
) STRICT;

CREATE TABLE account_holders (
    account_id  TEXT NOT NULL REFERENCES accounts(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (account_id, customer_id)
) STRICT;

CREATE TABLE transactions (
    id                   TEXT PRIMARY KEY,
    account_id           TEXT NOT NULL REFERENCES accounts(id),
    booked_on            TEXT NOT NULL,
    amount_cents         INTEGER NOT NULL,
    counterparty         TEXT NOT NULL,
    reference_or_message TEXT,
    payment_id           TEXT
) STRICT;
CREATE INDEX transactions_by_account ON transactions(account_id, booked_on);

CREATE TABLE payees (
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    iban         TEXT NOT NULL,
    name         TEXT NOT NULL,
    last_paid_on TEXT NOT NULL,
    PRIMARY KEY (customer_id, iban)
) STRICT;

CREATE TABLE payments (
    id              TEXT PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    from_account_id TEXT NOT NULL REFERENCES accounts(id),
    payee_name      TEXT NOT NULL,
    payee_iban      TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
    reference       TEXT,
    message         TEXT,
    due_date        TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('awaiting_approval', 'scheduled', 'booked', 'cancelled')),
    new_payee       INTEGER NOT NULL,
    sms_code_hash   BLOB,
    sms_expires_at  INTEGER,
    sms_failures    INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    confirmed_at    INTEGER,
    confirmed_by    TEXT REFERENCES profiles(id),
    shown_text      TEXT,
    invoice_id      TEXT
) STRICT;
CREATE INDEX payments_by_customer ON payments(customer_id, status);

CREATE TABLE e_invoices (
    id          TEXT PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    biller_name TEXT NOT NULL,
    iban        TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    reference   TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    barcode     TEXT NOT NULL
) STRICT;

CREATE TABLE messages (
    id          TEXT PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    sender      TEXT NOT NULL CHECK (sender IN ('bank', 'customer')),
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    sent_at     INTEGER NOT NULL,
    read        INTEGER NOT NULL DEFAULT 0,
    important   INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE meetings (
    code             TEXT PRIMARY KEY,
    starts_at        INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL,
    topic            TEXT NOT NULL,
    details          TEXT,
    expert_name      TEXT NOT NULL,
    expert_office    TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')),
    booking_phone    TEXT
) STRICT;

CREATE TABLE meeting_participants (
    code                TEXT NOT NULL REFERENCES meetings(code),
    customer_id         INTEGER NOT NULL REFERENCES customers(id),
    position            INTEGER NOT NULL,
    identifier_hash     BLOB,
    identifier_failures INTEGER NOT NULL DEFAULT 0,
    identified_at       INTEGER,
    PRIMARY KEY (code, customer_id)
) STRICT;

CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    content      TEXT NOT NULL,
    sha256       BLOB NOT NULL,
    created_at   INTEGER NOT NULL,
    completed_at INTEGER
) STRICT;

CREATE TABLE document_parties (
    document_id TEXT NOT NULL REFERENCES documents(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    position    INTEGER NOT NULL,
    signed_at   INTEGER,
    signed_by   TEXT REFERENCES profiles(id),
    PRIMARY KEY (document_id, customer_id)
) STRICT;

CREATE TABLE identification_requests (
    id           TEXT PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    service_name TEXT NOT NULL,
    broker_name  TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    answered_at  INTEGER,
    answered_by  TEXT REFERENCES profiles(id)
) STRICT;

CREATE TABLE cards (
    id          TEXT PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    name        TEXT NOT NULL,
    last4       TEXT NOT NULL,
    blocked     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE policies (
    sequence     INTEGER PRIMARY KEY,
    document     TEXT NOT NULL,
    signature    BLOB NOT NULL,
    published_at INTEGER NOT NULL
) STRICT;
"#;

/// Version 2: each approval event names its challenge, so an answer a client received can
/// be matched to the bank's record (audit, and the crash tests).
const V2: &str = r#"
ALTER TABLE approval_events ADD COLUMN challenge_id TEXT;
CREATE INDEX approval_events_by_challenge ON approval_events(challenge_id);
"#;

/// Version 3: "this was not me" reports of approvals, for the bank's fraud team. One per
/// approval (a second report returns the first).
const V3: &str = r#"
CREATE TABLE approval_reports (
    id           TEXT PRIMARY KEY,
    challenge_id TEXT NOT NULL UNIQUE,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    profile_id   TEXT NOT NULL REFERENCES profiles(id),
    reported_by  TEXT NOT NULL REFERENCES profiles(id),
    purpose      TEXT NOT NULL,
    comment      TEXT,
    reported_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX approval_reports_by_customer ON approval_reports(customer_id);
"#;

/// Version 4: the key-card code number the bank asks a customer for, kept until it is
/// answered right (NULL: none asked yet), so restarting a login never re-rolls it.
const V4: &str = r#"
ALTER TABLE customers ADD COLUMN key_card_index INTEGER;
"#;

/// Version 5: which PIN change registered the profile's current K_pin (NULL: the key from
/// registration). Every challenge carries it, so a phone that lost the answer to a PIN
/// change learns whether the change was committed.
const V5: &str = r#"
ALTER TABLE profiles ADD COLUMN pin_key_id TEXT;
"#;

/// Version 6: what kind of payment a row is: a payment to a payee, or a transfer between
/// two accounts of the same customer (`payee_iban` is then the account paid to).
const V6: &str = r#"
ALTER TABLE payments ADD COLUMN kind TEXT NOT NULL DEFAULT 'payment'
    CHECK (kind IN ('payment', 'own_transfer'));
"#;

/// Version 7: what a logged-in online-bank customer confirms with a key-card code (and, for
/// a new mobile number, an SMS code sent to that number): a mobile-number change or the
/// opening of a profile the customer locked; and the customer's own profile lock
/// (`by_customer`) among the lock reasons. SQLite cannot change a CHECK constraint in
/// place, so `profiles` is copied into a new table: the old one is renamed first in legacy
/// mode, which leaves the other tables' references naming `profiles`.
const V7: &str = r#"
PRAGMA legacy_alter_table = ON;
ALTER TABLE profiles RENAME TO profiles_v6;
CREATE TABLE profiles (
    id            TEXT PRIMARY KEY,
    device_id     TEXT NOT NULL UNIQUE,
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    name          TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending_unlock', 'active', 'locked', 'revoked')),
    lock_reason   TEXT CHECK (lock_reason IN ('wrong_pins', 'by_customer', 'by_bank',
                                              'wrong_key_card_codes')),
    platform      TEXT NOT NULL,
    model         TEXT NOT NULL,
    os_version    TEXT NOT NULL,
    app_version   TEXT NOT NULL,
    has_push      INTEGER NOT NULL,
    device_key    BLOB NOT NULL,
    pin_key       BLOB NOT NULL,
    bio_key       BLOB,
    bio_kind      TEXT CHECK (bio_kind IN ('fingerprint', 'face')),
    keys_version  INTEGER NOT NULL DEFAULT 1,
    counter       INTEGER NOT NULL DEFAULT 0, -- the last accepted challenge counter
    failures      INTEGER NOT NULL DEFAULT 0,
    registered_at INTEGER NOT NULL,
    last_used_at  INTEGER,
    ended_at      INTEGER,
    pin_key_id    TEXT
) STRICT;
INSERT INTO profiles SELECT * FROM profiles_v6;
DROP TABLE profiles_v6;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX profiles_by_customer ON profiles(customer_id);

CREATE TABLE online_bank_confirmations (
    id              TEXT PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    purpose         TEXT NOT NULL CHECK (purpose IN ('phone_change', 'profile_open')),
    key_card_index  INTEGER NOT NULL,
    sms_code_hash   BLOB,
    sms_failures    INTEGER NOT NULL DEFAULT 0,
    new_phone       TEXT,
    profile_id      TEXT REFERENCES profiles(id),
    used            INTEGER NOT NULL DEFAULT 0,
    expires_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX online_bank_confirmations_by_customer ON online_bank_confirmations(customer_id);
"#;

/// Version 8: meetings of three kinds, booked without login, with invited guests who identify
/// through the broker. Tokens and broker states are kept as HMAC hashes only.
const V8: &str = r#"
ALTER TABLE meetings ADD COLUMN kind TEXT NOT NULL DEFAULT 'video'
    CHECK (kind IN ('phone', 'video', 'branch'));

CREATE TABLE meeting_guests (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL REFERENCES meetings(code),
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    phone         TEXT NOT NULL,
    email         TEXT,
    token_hash    BLOB NOT NULL UNIQUE,
    verified_name TEXT,
    identified_at INTEGER
) STRICT;

CREATE TABLE meeting_guest_joins (
    state_hash BLOB PRIMARY KEY,
    guest_id   INTEGER NOT NULL REFERENCES meeting_guests(id),
    expires_at INTEGER NOT NULL,
    used       INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE broker_assertions_used (
    assertion_id TEXT PRIMARY KEY,
    used_at      INTEGER NOT NULL
) STRICT;
"#;

/// Version 9: an online-bank confirmation may also switch the SMS additional service off
/// (a key-card code), so the purpose's CHECK grows; SQLite changes a CHECK only by
/// rebuilding the table.
const V9: &str = r#"
CREATE TABLE online_bank_confirmations_v9 (
    id              TEXT PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    purpose         TEXT NOT NULL
        CHECK (purpose IN ('phone_change', 'profile_open', 'sms_service_off')),
    key_card_index  INTEGER NOT NULL,
    sms_code_hash   BLOB,
    sms_failures    INTEGER NOT NULL DEFAULT 0,
    new_phone       TEXT,
    profile_id      TEXT REFERENCES profiles(id),
    used            INTEGER NOT NULL DEFAULT 0,
    expires_at      INTEGER NOT NULL
) STRICT;
INSERT INTO online_bank_confirmations_v9 SELECT * FROM online_bank_confirmations;
DROP TABLE online_bank_confirmations;
ALTER TABLE online_bank_confirmations_v9 RENAME TO online_bank_confirmations;
CREATE INDEX online_bank_confirmations_by_customer ON online_bank_confirmations(customer_id);
"#;

/// Version 10: key attestation (docs/attestation.md). The verdict on K_dev's evidence with
/// the device: the protection the device lists show, the reason when it was not attested
/// (a refused check's code, or `none` when no evidence came), Android's two security
/// levels, the App Attest key and its assertion counter; K_bio's protection (held with the
/// pending change until it is approved); and the single-use nonces K_bio is generated with.
/// Devices registered before have no evidence.
const V10: &str = r#"
ALTER TABLE profiles ADD COLUMN key_protection TEXT NOT NULL DEFAULT 'not_attested'
    CHECK (key_protection IN ('strong_box', 'trusted_environment', 'app_attest', 'software',
        'not_attested'));
ALTER TABLE profiles ADD COLUMN attestation_reason TEXT;
ALTER TABLE profiles ADD COLUMN attestation_security_level TEXT;
ALTER TABLE profiles ADD COLUMN keymint_security_level TEXT;
ALTER TABLE profiles ADD COLUMN app_attest_key BLOB;
ALTER TABLE profiles ADD COLUMN app_attest_counter INTEGER;
ALTER TABLE profiles ADD COLUMN bio_key_protection TEXT;
ALTER TABLE pending_changes ADD COLUMN key_protection TEXT;

CREATE TABLE attestation_challenges (
    nonce      BLOB PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id),
    expires_at INTEGER NOT NULL,
    used       INTEGER NOT NULL DEFAULT 0
) STRICT;
"#;

/// Version 11: no index of `approval_events` by profile. Nothing in the bank looks the
/// rows up by profile (the fraud reports find theirs by challenge id), and the index cost
/// every login a write to a random leaf page: of the WAL frames a group commit of ten
/// logins wrote for `approval_events`, 17 with it and 4 without (docs/sandbox.md, "Bench").
const V11: &str = r#"
DROP INDEX approval_events_by_profile;
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn schema_of(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt = conn
            .prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn upgrading_from_every_version_equals_a_fresh_database() {
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh).unwrap();
        let version: i64 = fresh
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, current_version());

        for start in 1..MIGRATIONS.len() {
            // A database as version `start` left it (each step with foreign keys off, as
            // `migrate` runs it: V7's legacy-mode rename keeps the references to
            // `profiles` only then), then upgraded by `migrate`.
            let mut old = Connection::open_in_memory().unwrap();
            old.pragma_update(None, "foreign_keys", false).unwrap();
            for step in &MIGRATIONS[..start] {
                old.execute_batch(step).unwrap();
            }
            old.pragma_update(None, "user_version", start as i64)
                .unwrap();
            migrate(&mut old).unwrap();
            assert_eq!(schema_of(&old), schema_of(&fresh), "from version {start}");
        }
    }

    #[test]
    fn upgrading_keeps_the_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(V1).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (id, user_id, name, kind, language, hetu_hash, password_hash,
                 sms_service) VALUES (1, 'u', 'n', 'personal', 'fi', x'00', 'h', 1);
             INSERT INTO profiles (id, device_id, customer_id, name, state, platform, model,
                 os_version, app_version, has_push, device_key, pin_key, registered_at)
             VALUES ('p', 'd', 1, 'n', 'active', 'android', 'm', '14', '1', 0, x'04', x'00', 0);
             INSERT INTO approval_events (at, profile_id, purpose, outcome)
             VALUES (1, 'p', 'login', 'failed');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        // The other tables still reference `profiles`, not the copy's old name.
        assert!(
            schema_of(&conn)
                .iter()
                .all(|(_, sql)| !sql.contains("profiles_v6")),
        );
        // The profile survived the copy, and takes the customer's lock.
        conn.execute(
            "UPDATE profiles SET state = 'locked', lock_reason = 'by_customer' WHERE id = 'p'",
            [],
        )
        .unwrap();
        let (count, challenge): (i64, Option<String>) = conn
            .query_row(
                "SELECT COUNT(*), MAX(challenge_id) FROM approval_events",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((count, challenge), (1, None));
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let before = schema_of(&conn);
        migrate(&mut conn).unwrap();
        assert_eq!(schema_of(&conn), before);
    }
}

//! The v5 -> v6 upgrade of the payee cache: IBAN and name sealed apart become one cell.

use super::tests::{NOW, iban, new_profile, rng, version_5_store};
use super::*;

/// Adds a payee to a version-5 database the way that version's app wrote it.
fn add_v5_payee(store: &Store, id: &str, account: &str, name: &[u8], times: i64) {
    let cell = |scope| row_cipher::Cell { scope, row_id: id };
    let account = iban(account);
    let electronic = account.electronic().as_bytes();
    lock(&store.writer)
        .execute(
            "INSERT INTO payees (id, profile_id, iban_index, iban, name, first_paid_at, \
             last_paid_at, times_paid) VALUES (?1, 'old1', ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                id,
                store.cipher.blind_index("payee iban", electronic),
                store
                    .cipher
                    .seal(cell(row_cipher::cell_scope!("payees", "iban")), electronic)
                    .unwrap(),
                store
                    .cipher
                    .seal(cell(row_cipher::cell_scope!("payees", "name")), name)
                    .unwrap(),
                unix(NOW),
                unix(NOW) + i64::from(id.as_bytes()[0]),
                times
            ],
        )
        .unwrap();
}

#[test]
fn payees_of_a_version_5_database_are_resealed_and_a_broken_one_left_out() {
    let (dir, secrets, old) = version_5_store();
    {
        let profile = NewProfile {
            customer_kind: crate::api::CustomerKind::Unknown,
            ..new_profile("old1")
        };
        old.create_profile(&profile, NOW).unwrap();
        add_v5_payee(&old, "a1", "FI2112345600000785", "Kesko Oyj".as_bytes(), 3);
        add_v5_payee(
            &old,
            "b2",
            "FI5810171000000122",
            "Äänekosken Sähkö Oy".as_bytes(),
            1,
        );
        // A row whose name no longer opens (edited in the file).
        add_v5_payee(&old, "c3", "FI4950009420028730", b"Broken", 1);
        lock(&old.writer)
            .execute("UPDATE payees SET name = X'00' WHERE id = 'c3'", [])
            .unwrap();
    }
    drop(old);

    let store = Store::open(dir.path(), &secrets, rng()).unwrap();
    let payees = store.payees("old1").unwrap();
    let seen: Vec<_> = payees
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.iban.electronic(),
                p.name.as_str(),
                p.times_paid,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("b2", "FI5810171000000122", "Äänekosken Sähkö Oy", 1),
            ("a1", "FI2112345600000785", "Kesko Oyj", 3),
        ]
    );
    assert_eq!(payees[1].first_paid_at, NOW);
    // The blind index came along: the next payment to a known account skips the SMS step,
    // and the left-out one asks for it again.
    assert!(
        store
            .is_known_payee("old1", &iban("FI2112345600000785"))
            .unwrap()
    );
    assert!(
        !store
            .is_known_payee("old1", &iban("FI4950009420028730"))
            .unwrap()
    );
    let again = store
        .record_payee("old1", &iban("FI2112345600000785"), "Kesko", NOW)
        .unwrap();
    assert_eq!((again.id.as_str(), again.times_paid), ("a1", 4));
    assert!(store.integrity_check().unwrap());
    // Nothing of the old table is left in the schema.
    let old_tables: i64 = lock(&store.writer)
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%payees_v5%' OR name = 'payees_v5'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old_tables, 0);
}

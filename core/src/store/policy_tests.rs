//! The cached OS policy's mark (`policy.rs`): it stands in for the signature only for the
//! bytes this store verified, under a key the app still trusts, on this install.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rusqlite::ToSql;

use super::policy::policy_mark;
use super::tests::{
    NOW, bank_key, fixture, iban, new_profile, rng, signed_policy, version_5_store,
};
use super::*;
use crate::os_policy::{BankKey, OsPolicy, Platform, SignedPolicy, Version};
use crate::secrets::MemorySecretStore;

fn mark_of(store: &Store) -> Option<Vec<u8>> {
    lock(&store.writer)
        .query_row("SELECT mark FROM os_policy WHERE id = 1", [], |r| r.get(0))
        .unwrap()
}

/// Overwrites columns of the cached policy's row, as someone who can write the file can.
fn set(store: &Store, assignments: &str, values: &[&dyn ToSql]) {
    lock(&store.writer)
        .execute(
            &format!("UPDATE os_policy SET {assignments} WHERE id = 1"),
            values,
        )
        .unwrap();
}

fn bytes(base64: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(base64).unwrap()
}

/// The document of a policy the bank never signed: Android 4 allowed to run.
fn lax_document(sequence: u64) -> Vec<u8> {
    let mut policy = OsPolicy::builtin();
    policy.sequence = sequence;
    if let Some(rule) = policy.platforms.get_mut(&Platform::Android) {
        rule.min_os_run = Version::new(4, 0);
        rule.min_os_install = Version::new(4, 0);
    }
    policy.to_document_bytes()
}

fn refused(store: &Store, keys: &[BankKey]) -> bool {
    store.verified_policy(keys) == Err(StoreError::CachedPolicyInvalid)
}

#[test]
fn a_verified_policy_is_marked_and_the_mark_then_stands_in_for_the_signature() {
    let f = fixture();
    let (pair, key) = bank_key();
    let keys = std::slice::from_ref(&key);
    let (envelope, policy) = signed_policy(&pair, 7);
    f.store.save_policy(&envelope, &policy, NOW).unwrap();
    assert_eq!(mark_of(&f.store), None, "saved, not yet verified here");

    assert_eq!(
        f.store.verified_policy(keys).unwrap(),
        Some((policy.clone(), 7))
    );
    let mark = mark_of(&f.store).expect("marked after the signature verified");
    assert_eq!(mark.len(), 32);
    let store = f.reopen();
    assert_eq!(
        store.verified_policy(keys).unwrap(),
        Some((policy.clone(), 7))
    );
    assert_eq!(
        mark_of(&store),
        Some(mark),
        "the mark is kept, not rewritten"
    );

    // The mark, not the signature, is what a start checks: a signature that would not
    // verify passes when this store's own key marked it (which it does only after
    // verifying), and is refused as soon as the mark is gone.
    let document = bytes(&envelope.document);
    let bad_signature = vec![0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01];
    let mark = policy_mark(&store.cipher, &key, &document, &bad_signature);
    set(
        &store,
        "signature = ?1, mark = ?2",
        &[&bad_signature, &mark.as_ref()],
    );
    assert_eq!(store.verified_policy(keys).unwrap(), Some((policy, 7)));
    set(&store, "mark = NULL", &[]);
    assert!(refused(&store, keys));
}

#[test]
fn a_marked_policy_with_a_swapped_document_or_signature_is_refused() {
    let f = fixture();
    let (pair, key) = bank_key();
    let keys = std::slice::from_ref(&key);
    let (envelope, policy) = signed_policy(&pair, 7);
    let (newer, _) = signed_policy(&pair, 8);
    f.store.save_policy(&envelope, &policy, NOW).unwrap();
    f.store.verified_policy(keys).unwrap();
    assert!(mark_of(&f.store).is_some());

    // Another document the bank signed, its sequence number to match, the old signature.
    set(
        &f.store,
        "document = ?1, sequence = 8",
        &[&bytes(&newer.document)],
    );
    assert!(refused(&f.store, keys));
    // A document the bank never signed.
    set(&f.store, "document = ?1, sequence = 7", &[&lax_document(7)]);
    assert!(refused(&f.store, keys));
    // The right document with another policy's signature.
    set(
        &f.store,
        "document = ?1, signature = ?2",
        &[&bytes(&envelope.document), &bytes(&newer.signature)],
    );
    assert!(refused(&f.store, keys));
    // Put back as the bank signed it, the row verifies again (the mark was never
    // rewritten for the swapped rows, which were refused).
    set(&f.store, "signature = ?1", &[&bytes(&envelope.signature)]);
    assert_eq!(f.store.verified_policy(keys).unwrap(), Some((policy, 7)));
}

#[test]
fn a_mark_from_another_row_or_another_install_is_not_trusted() {
    let a = fixture();
    let b = fixture();
    let (pair, key) = bank_key();
    let keys = std::slice::from_ref(&key);
    let (envelope, policy) = signed_policy(&pair, 7);
    for f in [&a, &b] {
        f.store.save_policy(&envelope, &policy, NOW).unwrap();
        f.store.verified_policy(keys).unwrap();
    }
    let a_mark = mark_of(&a.store).unwrap();
    let b_mark = mark_of(&b.store).unwrap();
    assert_ne!(a_mark, b_mark, "each install marks under its own data key");
    let signature = bytes(&envelope.signature);

    // A lax document with a mark made by another install's key (its owner can compute
    // any mark there): this install's key does not agree, and the signature refuses it.
    let lax = lax_document(7);
    let foreign = policy_mark(&b.store.cipher, &key, &lax, &signature);
    set(
        &a.store,
        "document = ?1, mark = ?2",
        &[&lax, &foreign.as_ref()],
    );
    assert!(refused(&a.store, keys));

    // The same under the same key, but a keyed hash from another row: a payee's IBAN
    // index is an HMAC under the very key the marks use, in another domain.
    a.store.create_profile(&new_profile("a1"), NOW).unwrap();
    a.store
        .record_payee("a1", &iban("FI2112345600000785"), "Kesko Oyj", NOW)
        .unwrap();
    let index: Vec<u8> = lock(&a.store.writer)
        .query_row("SELECT iban_index FROM payees", [], |r| r.get(0))
        .unwrap();
    set(&a.store, "mark = ?1", &[&index]);
    assert!(refused(&a.store, keys));

    // The bank's own row with another install's mark is the bank's policy: verified by
    // its signature and marked again under this install's key.
    set(
        &a.store,
        "document = ?1, mark = ?2",
        &[&bytes(&envelope.document), &b_mark],
    );
    assert_eq!(a.store.verified_policy(keys).unwrap(), Some((policy, 7)));
    assert_eq!(mark_of(&a.store), Some(a_mark));
}

#[test]
fn a_marked_policy_whose_key_is_no_longer_trusted_is_refused() {
    let f = fixture();
    let (pair, key) = bank_key();
    let (envelope, policy) = signed_policy(&pair, 7);
    f.store.save_policy(&envelope, &policy, NOW).unwrap();
    f.store.verified_policy(std::slice::from_ref(&key)).unwrap();
    assert!(mark_of(&f.store).is_some());

    // The key removed from the app.
    assert!(refused(&f.store, &[]));
    let (_, other) = bank_key();
    let other_id = BankKey::new("bank-2", other.public_key()).unwrap();
    assert!(refused(&f.store, &[other_id]));
    // Another key configured under the same id: the mark names the public key too.
    assert!(refused(&f.store, std::slice::from_ref(&other)));
    // The refusals left the mark alone: the trusted key still reads it.
    assert_eq!(f.store.verified_policy(&[key]).unwrap(), Some((policy, 7)));
}

#[test]
fn saving_a_new_policy_drops_the_old_mark() {
    let f = fixture();
    let (pair, key) = bank_key();
    let keys = std::slice::from_ref(&key);
    let (first, first_policy) = signed_policy(&pair, 7);
    f.store.save_policy(&first, &first_policy, NOW).unwrap();
    f.store.verified_policy(keys).unwrap();
    let first_mark = mark_of(&f.store).unwrap();
    let (second, second_policy) = signed_policy(&pair, 8);
    f.store.save_policy(&second, &second_policy, NOW).unwrap();
    assert_eq!(mark_of(&f.store), None);
    assert_eq!(
        f.store.verified_policy(keys).unwrap(),
        Some((second_policy, 8))
    );
    assert_ne!(mark_of(&f.store).unwrap(), first_mark);
}

/// A database of schema version 5 (before marks) with a cached policy, as that app left it.
fn version_5_database(
    envelope: &SignedPolicy,
    document: &[u8],
) -> (tempfile::TempDir, MemorySecretStore) {
    let (dir, secrets, old) = version_5_store();
    lock(&old.writer)
        .execute(
            "INSERT INTO os_policy (id, key_id, document, signature, sequence, accepted_at) \
             VALUES (1, ?1, ?2, ?3, 7, ?4)",
            rusqlite::params![
                envelope.key_id,
                document,
                bytes(&envelope.signature),
                unix(NOW)
            ],
        )
        .unwrap();
    (dir, secrets)
}

#[test]
fn a_policy_cached_before_marks_is_verified_by_signature_and_then_marked() {
    let (pair, key) = bank_key();
    let keys = std::slice::from_ref(&key);
    let (envelope, policy) = signed_policy(&pair, 7);
    let (dir, secrets) = version_5_database(&envelope, &bytes(&envelope.document));
    let store = Store::open(dir.path(), &secrets, rng()).unwrap();
    assert_eq!(mark_of(&store), None);
    assert_eq!(
        store.verified_policy(keys).unwrap(),
        Some((policy.clone(), 7))
    );
    let mark = mark_of(&store).expect("marked on its first verification");
    drop(store);
    let store = Store::open(dir.path(), &secrets, rng()).unwrap();
    assert_eq!(store.verified_policy(keys).unwrap(), Some((policy, 7)));
    assert_eq!(mark_of(&store), Some(mark));

    // One edited in the old database is refused after the upgrade, and never marked.
    let (dir, secrets) = version_5_database(&envelope, &lax_document(7));
    let store = Store::open(dir.path(), &secrets, rng()).unwrap();
    assert!(refused(&store, keys));
    assert_eq!(mark_of(&store), None);
}

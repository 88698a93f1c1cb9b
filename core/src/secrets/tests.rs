use std::sync::Arc;

use super::*;

/// The contract every implementation must meet (the keyring tests reuse it).
pub(crate) fn exercise_store(store: &dyn SecretStore, name: &str) {
    store.delete(name).unwrap();
    assert_eq!(store.get(name).unwrap(), None);
    store.put(name, b"first").unwrap();
    assert_eq!(store.get(name).unwrap().unwrap().expose(), b"first");
    store.put(name, b"second value").unwrap();
    assert_eq!(store.get(name).unwrap().unwrap().expose(), b"second value");
    store.delete(name).unwrap();
    assert_eq!(store.get(name).unwrap(), None);
    // Deleting what is not there is not an error.
    store.delete(name).unwrap();
    assert_eq!(
        store.get("Bad Name").unwrap_err(),
        SecretStoreError::InvalidName
    );
    assert_eq!(
        store.put("", b"x").unwrap_err(),
        SecretStoreError::InvalidName
    );
}

#[test]
fn the_memory_store_meets_the_contract() {
    exercise_store(&MemorySecretStore::new(), "avain/test/contract");
}

#[test]
fn the_trait_is_object_safe_and_shareable_across_threads() {
    let store: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::new());
    let handles: Vec<_> = (0..4u8)
        .map(|i| {
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                let name = format!("avain/test/thread-{i}");
                store.put(&name, &[i; 8]).unwrap();
                store.get(&name).unwrap().unwrap()
            })
        })
        .collect();
    for (i, handle) in handles.into_iter().enumerate() {
        assert_eq!(handle.join().unwrap().expose(), &[i as u8; 8]);
    }
}

#[test]
fn get_or_create_makes_the_value_once() {
    let store = MemorySecretStore::new();
    let first = get_or_create(&store, "avain/test/once", || {
        Ok(SecretBytes::copy_from(&[1; 32]))
    })
    .unwrap();
    let second = get_or_create(&store, "avain/test/once", || {
        panic!("must not be called again")
    })
    .unwrap();
    assert_eq!(first, second);
}

#[test]
fn secret_bytes_never_print_their_value() {
    let secret = SecretBytes::copy_from(b"hunter2-very-secret");
    assert_eq!(format!("{secret:?}"), "[redacted]");
    assert_eq!(format!("{:?}", Some(secret.clone())), "Some([redacted])");
    let store = MemorySecretStore::new();
    store.put("avain/test/x", secret.expose()).unwrap();
    assert!(!format!("{store:?}").contains("hunter2"));
}

#[test]
fn secret_bytes_compare_by_value() {
    assert_eq!(
        SecretBytes::copy_from(b"abc"),
        SecretBytes::copy_from(b"abc")
    );
    assert_ne!(
        SecretBytes::copy_from(b"abc"),
        SecretBytes::copy_from(b"abd")
    );
    assert_ne!(
        SecretBytes::copy_from(b"abc"),
        SecretBytes::copy_from(b"abcd")
    );
}

#[test]
fn names_are_restricted_to_a_safe_alphabet() {
    assert!(check_name("avain/profile/0a1b/device-key").is_ok());
    assert!(check_name(&profile_secret_name("0a1b", "device-secret")).is_ok());
    for bad in ["", "Avain", "avain profile", "avain/ä", &"a".repeat(129)] {
        assert_eq!(check_name(bad), Err(SecretStoreError::InvalidName), "{bad}");
    }
}

#[test]
fn every_error_has_a_message_in_every_language() {
    use crate::i18n::{self, Language};
    for err in [
        SecretStoreError::InvalidName,
        SecretStoreError::Unavailable,
        SecretStoreError::Corrupted,
        SecretStoreError::Platform { reason: "x".into() },
    ] {
        for lang in Language::ALL {
            assert!(i18n::has_message(lang, &err.code().replace('_', "-")));
        }
    }
}

//! The bank's identifiers (accounts, payments, requests, documents, messages, challenges):
//! opaque, but always plain ASCII words, so an id can be put into a URL path as it is.
//! The phone refuses anything else before it builds a URL (no `../` or `?` smuggled into a
//! request); the bank answers `not_found` to a path id of any other form.

/// The longest id either side accepts.
pub const ID_MAX: usize = 64;

/// Whether `id` is a plausible bank id: 1 to [`ID_MAX`] ASCII letters, digits, `_` or `-`.
pub fn is_id(id: &str) -> bool {
    (1..=ID_MAX).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_paths_are_plain_words() {
        assert!(is_id("acc_anna_current"));
        assert!(is_id("idr_AbC-123"));
        assert!(is_id(&"x".repeat(ID_MAX)));
        for bad in [
            "",
            "../x",
            "a/b",
            "a?b",
            "a b",
            "ä",
            &"x".repeat(ID_MAX + 1),
        ] {
            assert!(!is_id(bad), "{bad}");
        }
    }
}

//! Host names in the forms the scam checks compare: lowercase ASCII (punycode), the
//! registrable domain by the Public Suffix List, the label without its suffix, and the
//! confusable skeleton (UTS #39). Used by the bank's configuration (its own domains) and
//! by the lookalike, link and sender checks alike.

use unicode_security::confusable_detection::skeleton;

/// The host in lowercase ASCII (punycode) form, or None when it is not a valid domain
/// name (empty labels, characters outside letters, digits and hyphens, too long).
pub(crate) fn to_ascii_host(host: &str) -> Option<String> {
    let host = host.trim().trim_end_matches('.');
    if host.is_empty() || host.len() > 253 {
        return None;
    }
    let ascii = idna::domain_to_ascii(host).ok()?;
    let valid = ascii.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    (valid && ascii.contains('.')).then_some(ascii)
}

/// The registrable domain ("www.op.fi" -> "op.fi") by the Public Suffix List, or None
/// when the host is itself a public suffix.
pub(crate) fn registrable(ascii_host: &str) -> Option<String> {
    psl::domain_str(ascii_host).map(str::to_owned)
}

/// Whether the host ends in a suffix the Public Suffix List names (not just its
/// catch-all rule): "x.fi" yes, "tililtäsi.se" yes, "kuva.jpg" no.
pub(crate) fn has_known_suffix(ascii_host: &str) -> bool {
    psl::suffix(ascii_host.as_bytes()).is_some_and(|s| s.is_known())
        && registrable(ascii_host).is_some()
}

/// The registrable domain without its public suffix: "avainpankki.fi" -> "avainpankki".
pub(crate) fn label_of(registrable: &str) -> &str {
    match psl::suffix_str(registrable) {
        Some(suffix) if registrable.len() > suffix.len() => {
            &registrable[..registrable.len() - suffix.len() - 1]
        }
        _ => registrable,
    }
}

/// The host as a reader sees it: punycode labels decoded.
pub(crate) fn to_unicode_host(ascii_host: &str) -> String {
    idna::domain_to_unicode(ascii_host).0
}

/// Whether any label is punycode (an internationalized name).
pub(crate) fn is_idn(ascii_host: &str) -> bool {
    ascii_host.split('.').any(|label| label.starts_with("xn--"))
}

/// The confusable skeleton of the host as read, lowercased (skeleton maps "0" to "O").
pub(crate) fn skeleton_of_host(ascii_host: &str) -> String {
    let unicode = to_unicode_host(ascii_host);
    skeleton(&unicode).flat_map(char::to_lowercase).collect()
}

/// The form names are compared in: skeleton, lowercase, letters and digits only.
/// "Avain-Pankki" -> "avainpankki"; "Аvаin" in Cyrillic -> "avain".
pub(crate) fn compare_form(text: &str) -> String {
    skeleton(text)
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_form_lowercases_and_encodes() {
        assert_eq!(
            to_ascii_host("WWW.AvainPankki.FI.").as_deref(),
            Some("www.avainpankki.fi")
        );
        assert_eq!(
            to_ascii_host("\u{430}vainpankki.fi").as_deref(),
            Some("xn--vainpankki-yqi.fi")
        );
        assert_eq!(to_ascii_host("no spaces.fi"), None);
        assert_eq!(to_ascii_host("localhost"), None);
        assert_eq!(to_ascii_host("-bad.fi"), None);
    }

    #[test]
    fn registrable_domains_follow_the_public_suffix_list() {
        assert_eq!(registrable("www.op.fi").as_deref(), Some("op.fi"));
        assert_eq!(registrable("a.b.evil.co.uk").as_deref(), Some("evil.co.uk"));
        assert_eq!(
            registrable("avainpankki.web.app").as_deref(),
            Some("avainpankki.web.app")
        );
        assert_eq!(label_of("avainpankki.web.app"), "avainpankki");
        assert_eq!(label_of("evil.co.uk"), "evil");
        assert!(has_known_suffix("tililtasi.se"));
        assert!(!has_known_suffix("kuva.jpg"));
    }
}

//! The app link: how the online bank, opened in the phone's own browser, hands a login
//! waiting for the code app straight to the app on the same phone (an Android App Link,
//! an iOS universal link). Written once here: the bank renders links with
//! [`AppLinkDomain::link`], the phone reads them with [`parse`].
//!
//! The one form (docs/protocol.md, "App link"):
//!
//! ```text
//! https://<host>/app-login/oal_<20 lowercase hex digits>
//! ```
//!
//! `<host>` is the bank's own ([`AppLinkDomain::Bank`]: `avainpankki.fi`) or, in tests,
//! the sandbox's ([`AppLinkDomain::Sandbox`]: `localhost`). Nothing else is a link: no
//! other scheme, host, port, user info, path, query or fragment, and no percent-encoding
//! (the bank never writes one, so one is a forgery or a mangled copy). The scheme and the
//! host are compared without regard to ASCII case (URLs treat them so, and platforms
//! lower-case them); the path and the id are exact.
//!
//! The link carries only the request id, which is not a secret: the browser shows its
//! short code, and the app shows the same code before anything is approved, so a link
//! someone else made cannot log anyone in (the approval signs the code on screen).

use std::fmt;

/// The path of a login link, the request id follows it.
pub const APP_LOGIN_PATH: &str = "/app-login/";
/// What every app-login request id starts with.
pub const REQUEST_ID_PREFIX: &str = "oal_";
/// How many lowercase hex digits follow the prefix (80 random bits).
pub const REQUEST_ID_HEX_DIGITS: usize = 20;
/// The longest text [`parse`] looks at; a link is much shorter.
pub const MAX_LINK_LEN: usize = 256;

/// The app that app links open, as the bank's site-association files name it
/// (`/.well-known/assetlinks.json` for Android, `/.well-known/apple-app-site-association`
/// for iOS): the platforms open a link in the app only when the link's host names the
/// app there. One place for the ids; the sandbox serves them, the shells' manifests and
/// entitlements carry the host and path (a test compares them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppIds {
    /// The Android application id.
    pub android_package: &'static str,
    /// SHA-256 fingerprints of the certificates the Android app is signed with, as
    /// `keytool` prints them (colon-separated upper-case hex).
    pub android_cert_sha256: &'static [&'static str],
    /// The iOS app id: the Apple team id, a dot, the bundle id.
    pub apple_app_id: &'static str,
}

/// The Avain app's ids. The Android fingerprint is of this repository's test signing
/// certificate: a bank serves its own release key's (the value is public, not a secret).
pub const APP_IDS: AppIds = AppIds {
    android_package: "fi.avainpankki.app",
    android_cert_sha256: &[
        "5A:3C:9E:61:0B:D4:72:18:C6:2F:A9:47:E0:85:1D:BB:64:03:F7:2E:9C:58:A1:36:D0:7B:E4:19:82:C5:4F:6A",
    ],
    apple_app_id: "AVAIN12345.fi.avainpankki.app",
};

/// Whose links the phone accepts: the bank's own host, or the sandbox bank's in tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AppLinkDomain {
    /// The bank's own web host, `avainpankki.fi`: what apps use.
    #[default]
    Bank,
    /// The sandbox bank's host, `localhost`: for tests against the sandbox only.
    Sandbox,
}

impl AppLinkDomain {
    /// The host name, lower case, without a trailing dot.
    pub fn host(self) -> &'static str {
        match self {
            AppLinkDomain::Bank => "avainpankki.fi",
            AppLinkDomain::Sandbox => "localhost",
        }
    }

    /// The link that opens the app on the login request `request_id` (which must be of
    /// [`is_request_id`]'s form; the bank makes both).
    pub fn link(self, request_id: &str) -> String {
        format!("https://{}{APP_LOGIN_PATH}{request_id}", self.host())
    }
}

/// Whether `id` is an app-login request id: `oal_` and exactly
/// [`REQUEST_ID_HEX_DIGITS`] lowercase hex digits.
pub fn is_request_id(id: &str) -> bool {
    id.strip_prefix(REQUEST_ID_PREFIX).is_some_and(|hex| {
        hex.len() == REQUEST_ID_HEX_DIGITS
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// What an app link asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AppLink {
    /// Approve (or refuse) the browser login `request_id`, as if its push had arrived.
    AppLogin {
        /// The login request's id.
        request_id: String,
    },
}

/// Why a text is not one of the bank's app links. Each is a refusal: the app opens its
/// start screen and says why, and nothing reaches the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppLinkError {
    /// Not `https://` (or no scheme at all).
    NotHttps,
    /// Another host, or the host written with a port, user info, a trailing dot or an
    /// escape: the link did not come from the bank.
    ForeignHost,
    /// The bank's host, but not the app-login path.
    UnknownPath,
    /// The app-login path without a request id of the bank's form.
    BadRequestId,
    /// A query, a fragment or anything after the id: nothing may change what the link
    /// means.
    ExtraParts,
    /// Longer than [`MAX_LINK_LEN`].
    TooLong,
}

impl AppLinkError {
    /// The stable code, e.g. `app_link_foreign_host`.
    pub fn code(self) -> &'static str {
        match self {
            AppLinkError::NotHttps => "app_link_not_https",
            AppLinkError::ForeignHost => "app_link_foreign_host",
            AppLinkError::UnknownPath => "app_link_unknown_path",
            AppLinkError::BadRequestId => "app_link_bad_request_id",
            AppLinkError::ExtraParts => "app_link_extra_parts",
            AppLinkError::TooLong => "app_link_too_long",
        }
    }
}

impl fmt::Display for AppLinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for AppLinkError {}

/// Reads `url` as an app link of `domain`. Strict: only the exact form in the module's
/// documentation passes; see [`AppLinkError`] for what is refused. Never panics.
pub fn parse(domain: AppLinkDomain, url: &str) -> Result<AppLink, AppLinkError> {
    if url.len() > MAX_LINK_LEN {
        return Err(AppLinkError::TooLong);
    }
    // The scheme, compared without regard to case; `get` keeps a multi-byte character at
    // the cut from panicking.
    let rest = match url.get(..8) {
        Some(scheme) if scheme.eq_ignore_ascii_case("https://") => &url[8..],
        _ => return Err(AppLinkError::NotHttps),
    };
    // The authority ends at the first `/`, `?` or `#` (RFC 3986 3.2). Anything in it but
    // the host itself (`user@`, `:443`, `%2e`, a trailing dot) is refused as foreign: a
    // lookalike is more likely than a bank writing its own link oddly.
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(authority_end);
    if !authority.eq_ignore_ascii_case(domain.host()) {
        return Err(AppLinkError::ForeignHost);
    }
    let Some(tail) = rest.strip_prefix(APP_LOGIN_PATH) else {
        return Err(AppLinkError::UnknownPath);
    };
    let id_end = tail.find(['/', '?', '#']).unwrap_or(tail.len());
    let (request_id, extra) = tail.split_at(id_end);
    if !is_request_id(request_id) {
        return Err(AppLinkError::BadRequestId);
    }
    if !extra.is_empty() {
        return Err(AppLinkError::ExtraParts);
    }
    Ok(AppLink::AppLogin {
        request_id: request_id.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ID: &str = "oal_0123456789abcdef0a1b";

    fn bank(url: &str) -> Result<AppLink, AppLinkError> {
        parse(AppLinkDomain::Bank, url)
    }

    fn login(id: &str) -> Result<AppLink, AppLinkError> {
        Ok(AppLink::AppLogin {
            request_id: id.to_owned(),
        })
    }

    #[test]
    fn the_banks_own_link_reads_back() {
        for domain in [AppLinkDomain::Bank, AppLinkDomain::Sandbox] {
            let link = domain.link(ID);
            assert_eq!(parse(domain, &link), login(ID), "{link}");
        }
        assert_eq!(
            AppLinkDomain::Bank.link(ID),
            "https://avainpankki.fi/app-login/oal_0123456789abcdef0a1b"
        );
        assert_eq!(
            AppLinkDomain::Sandbox.link(ID),
            "https://localhost/app-login/oal_0123456789abcdef0a1b"
        );
    }

    #[test]
    fn a_link_of_one_domain_is_foreign_to_the_other() {
        assert_eq!(
            parse(AppLinkDomain::Sandbox, &AppLinkDomain::Bank.link(ID)),
            Err(AppLinkError::ForeignHost)
        );
        assert_eq!(
            parse(AppLinkDomain::Bank, &AppLinkDomain::Sandbox.link(ID)),
            Err(AppLinkError::ForeignHost)
        );
    }

    #[test]
    fn scheme_and_host_case_do_not_matter_path_and_id_case_do() {
        assert_eq!(
            bank(&format!("HTTPS://AvainPankki.FI/app-login/{ID}")),
            login(ID)
        );
        assert_eq!(
            bank(&format!("https://avainpankki.fi/APP-LOGIN/{ID}")),
            Err(AppLinkError::UnknownPath)
        );
        assert_eq!(
            bank("https://avainpankki.fi/app-login/OAL_0123456789ABCDEF0A1B"),
            Err(AppLinkError::BadRequestId)
        );
    }

    #[test]
    fn other_schemes_are_refused() {
        for url in [
            format!("http://avainpankki.fi/app-login/{ID}"),
            format!("avain://avainpankki.fi/app-login/{ID}"),
            format!("//avainpankki.fi/app-login/{ID}"),
            format!("avainpankki.fi/app-login/{ID}"),
            format!("https:/avainpankki.fi/app-login/{ID}"),
            format!(" https://avainpankki.fi/app-login/{ID}"),
            format!("javascript:https://avainpankki.fi/app-login/{ID}"),
            "https:".to_owned(),
            String::new(),
            "äääää".to_owned(),
        ] {
            assert_eq!(bank(&url), Err(AppLinkError::NotHttps), "{url}");
        }
    }

    #[test]
    fn lookalike_and_dressed_up_hosts_are_foreign() {
        for host in [
            "avainpankki.fi.",
            "avainpankki.fi:443",
            "avainpankki.fi:8443",
            "user@avainpankki.fi",
            "avainpankki.fi@evil.example",
            "avainpankki.fi.evil.example",
            "evil.example",
            "www.avainpankki.fi",
            "avainpankki-fi.com",
            "avainpankki.fi\\.evil.example",
            "avainpankkі.fi",
            "xn--avainpankk-g5i.fi",
            "avainpankki%2efi",
            "%61vainpankki.fi",
            "avainpankki.fi%2f",
            "",
            "[::1]",
            "127.0.0.1",
            " avainpankki.fi",
            "avainpankki.fi ",
        ] {
            let url = format!("https://{host}/app-login/{ID}");
            assert_eq!(bank(&url), Err(AppLinkError::ForeignHost), "{url}");
        }
    }

    #[test]
    fn other_paths_are_refused() {
        for path in [
            "/",
            "/app-login",
            "/app-login-x/",
            "//app-login/",
            "/fi/app-login/",
            "/app-login%2f",
            "/%61pp-login/",
            "/./app-login/",
            "/login/",
        ] {
            let url = format!("https://avainpankki.fi{path}{ID}");
            assert_eq!(bank(&url), Err(AppLinkError::UnknownPath), "{url}");
        }
        assert_eq!(
            bank("https://avainpankki.fi?x=1"),
            Err(AppLinkError::UnknownPath)
        );
    }

    #[test]
    fn ids_not_of_the_banks_form_are_refused() {
        for id in [
            "",
            "oal_",
            "oal_0123456789abcdef0a1",
            "oal_0123456789abcdef0a1bc",
            "oal_0123456789abcdef0a1g",
            "oal_0123456789abcdef0a1B",
            "idr_0123456789abcdef0a1b",
            "oal-0123456789abcdef0a1b",
            "oal_0123456789abcdef0a%31",
            "oal_0123456789abcdef0a1b%00",
            "..",
            "oal_０123456789abcdef0a1b",
        ] {
            let url = format!("https://avainpankki.fi/app-login/{id}");
            assert_eq!(bank(&url), Err(AppLinkError::BadRequestId), "{url}");
        }
    }

    #[test]
    fn nothing_may_follow_the_id() {
        for extra in [
            "/",
            "?",
            "#",
            "?lang=fi",
            "#approve",
            "/approve",
            "/../oal_ffffffffffffffffffff",
            "?request_id=oal_ffffffffffffffffffff",
        ] {
            let url = format!("https://avainpankki.fi/app-login/{ID}{extra}");
            assert_eq!(bank(&url), Err(AppLinkError::ExtraParts), "{url}");
        }
    }

    #[test]
    fn a_very_long_text_is_refused_before_it_is_read() {
        let url = format!("https://avainpankki.fi/app-login/{ID}{}", "?".repeat(300));
        assert_eq!(bank(&url), Err(AppLinkError::TooLong));
    }

    #[test]
    fn codes_are_distinct_and_prefixed() {
        let all = [
            AppLinkError::NotHttps,
            AppLinkError::ForeignHost,
            AppLinkError::UnknownPath,
            AppLinkError::BadRequestId,
            AppLinkError::ExtraParts,
            AppLinkError::TooLong,
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert!(codes.iter().all(|c| c.starts_with("app_link_")));
    }

    proptest! {
        #[test]
        fn any_text_is_read_without_panicking(url in "\\PC{0,300}") {
            let _ = bank(&url);
            let _ = parse(AppLinkDomain::Sandbox, &url);
        }

        #[test]
        fn text_around_a_good_link_is_refused(
            before in "[^\\x00]{0,12}",
            after in "[^\\x00]{0,12}",
        ) {
            let url = format!("{before}{}{after}", AppLinkDomain::Bank.link(ID));
            let parsed = bank(&url);
            if before.is_empty() && after.is_empty() {
                prop_assert_eq!(parsed, login(ID));
            } else {
                prop_assert!(parsed.is_err(), "{}", url);
            }
        }

        #[test]
        fn every_well_formed_id_reads_back(hex in "[0-9a-f]{20}") {
            let id = format!("oal_{hex}");
            prop_assert!(is_request_id(&id));
            prop_assert_eq!(bank(&AppLinkDomain::Bank.link(&id)), login(&id));
        }

        #[test]
        fn an_accepted_link_is_the_canonical_one_up_to_case(url in "[a-zA-Z:/._%@0-9-]{0,60}") {
            if let Ok(AppLink::AppLogin { request_id }) = bank(&url) {
                prop_assert!(url.eq_ignore_ascii_case(&AppLinkDomain::Bank.link(&request_id)));
            }
        }
    }
}

//! Finding the links in a message and judging where they lead.
//!
//! Links come with or without a scheme (`https://x.fi/a`, `www.x.fi`, `x.fi/a`), and
//! scammers disguise them to get past filters: `hxxps://`, `x[.]fi`, `x(.)fi`. The text is
//! first de-obfuscated (remembering where), then split into tokens; a token is a link when
//! it has a web scheme, starts with `www.`, or is a domain under a suffix the Public Suffix
//! List knows whose last label is written in lowercase (so "lukittu.Se", a missing space
//! after a full stop, is not a link to Sweden). An `@` makes a token an email address,
//! unless what stands before the `@` is itself a domain: `op.fi@evil.example` opens
//! evil.example.

use std::net::{Ipv4Addr, Ipv6Addr};
use std::ops::Range;

use super::config::BankConfig;
use super::hosts;
use super::lookalike::{self, Imitation};
use super::{Finding, FindingCode};

/// Link shorteners: the real destination is hidden behind them. Matched on the
/// registrable domain.
pub const SHORTENERS: &[&str] = &[
    "bit.ly",
    "bitly.com",
    "buff.ly",
    "cutt.ly",
    "goo.gl",
    "is.gd",
    "lnkd.in",
    "ow.ly",
    "qrco.de",
    "rb.gy",
    "rebrand.ly",
    "s.id",
    "shorturl.at",
    "surl.li",
    "t.co",
    "t.ly",
    "tiny.cc",
    "tinyurl.com",
    "urlz.fr",
    "v.gd",
    "x.gd",
];

/// The scheme a link was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// `https://`
    Https,
    /// `http://`: unencrypted.
    Http,
    /// None written: a browser would add https or http.
    None,
}

/// Where a link points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Host {
    /// A domain name in lowercase ASCII (punycode) form.
    Domain(String),
    /// A raw IPv4 or IPv6 address, as written.
    Ip(String),
}

/// One link or email address found in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// Where the link leads.
    pub host: Host,
    /// The scheme as written.
    pub scheme: Scheme,
    /// What stood before an `@` in the authority (`op.fi` in `https://op.fi@evil.example`).
    pub userinfo: Option<String>,
    /// The path and query, lowercased.
    pub path: String,
    /// Written in a disguised form (hxxp, [.]).
    pub obfuscated: bool,
    /// An email address rather than a web link.
    pub email: bool,
}

/// The links of a message and the message with them blanked out, for the phrase checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Extracted {
    /// Every link and email address, in order.
    pub links: Vec<Link>,
    /// The de-obfuscated text with each link replaced by a space.
    pub text_without_links: String,
}

/// Disguises that stand for a character of an address, and what they stand for.
const OBFUSCATIONS: &[(&str, &str)] = &[
    ("[.]", "."),
    ("(.)", "."),
    ("{.}", "."),
    ("[ . ]", "."),
    ("[dot]", "."),
    ("(dot)", "."),
    ("{dot}", "."),
    ("[:]", ":"),
    ("[://]", "://"),
    ("[/]", "/"),
    ("[@]", "@"),
    ("[at]", "@"),
    ("(at)", "@"),
];

/// The text with disguises undone, and for each byte of it whether it came from one.
fn deobfuscate(text: &str) -> (String, Vec<bool>) {
    let mut out = String::with_capacity(text.len());
    let mut marks = Vec::with_capacity(text.len());
    let mut i = 0;
    'outer: while i < text.len() {
        let rest = &text[i..];
        // hxxp / hXXp before "://", "s://" or a bracketed colon.
        if rest.len() >= 4 && rest.as_bytes()[..4].eq_ignore_ascii_case(b"hxxp") {
            let after = rest[4..].trim_start_matches(['s', 'S']);
            if after.starts_with(':') || after.starts_with("[:") {
                out.push_str("http");
                marks.extend([true; 4]);
                i += 4;
                continue;
            }
        }
        for (from, to) in OBFUSCATIONS {
            if rest.len() >= from.len()
                && rest.as_bytes()[..from.len()].eq_ignore_ascii_case(from.as_bytes())
            {
                out.push_str(to);
                marks.extend(std::iter::repeat_n(true, to.len()));
                i += from.len();
                continue 'outer;
            }
        }
        let Some(c) = rest.chars().next() else { break };
        out.push(c);
        marks.extend(std::iter::repeat_n(false, c.len_utf8()));
        i += c.len_utf8();
    }
    (out, marks)
}

/// Characters that end a token besides whitespace: they never appear in a link as
/// people write them in messages.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '<' | '>' | '"' | '`' | '«' | '»' | '“' | '”' | '‘' | '’' | '|'
        )
}

/// Trims punctuation around a token: opening brackets and quotes before, sentence
/// punctuation and unbalanced closing brackets after (an IPv6 host keeps its "]").
fn trim_token(token: &str, start: usize) -> (usize, &str) {
    let trimmed_start = token.trim_start_matches(['(', '[', '{', '\'', '*', '_']);
    let start = start + (token.len() - trimmed_start.len());
    let mut t = trimmed_start;
    loop {
        let before = t.len();
        t = t.trim_end_matches(['.', ',', ';', '!', '?', '\'', '*', '_', '…']);
        for (open, close) in [('(', ')'), ('[', ']'), ('{', '}')] {
            if t.ends_with(close) && t.matches(close).count() > t.matches(open).count() {
                t = &t[..t.len() - 1];
            }
        }
        // A Finnish case ending after a colon: "avainpankki.fi:ssä".
        if let Some(colon) = t.rfind(':') {
            let tail = &t[colon + 1..];
            if !tail.is_empty() && tail.chars().all(char::is_alphabetic) {
                t = &t[..colon];
            }
        }
        if t.ends_with(':') {
            t = &t[..t.len() - 1];
        }
        if t.len() == before {
            return (start, t);
        }
    }
}

/// Splits `authority` into userinfo and host, and the host from its port.
fn split_authority(authority: &str) -> (Option<&str>, &str) {
    let (userinfo, host_port) = match authority.rfind('@') {
        Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
        None => (None, authority),
    };
    let host = if let Some(inner) = host_port.strip_prefix('[') {
        inner.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    (userinfo.filter(|u| !u.is_empty()), host)
}

/// The host as an IP address, when it is one: dotted IPv4, IPv6, or (after a scheme) the
/// decimal and hexadecimal forms browsers also accept (`http://3232235777`).
fn as_ip(host: &str, had_scheme: bool) -> Option<String> {
    if host.parse::<Ipv4Addr>().is_ok() || host.parse::<Ipv6Addr>().is_ok() {
        return Some(host.to_owned());
    }
    let lower = host.to_ascii_lowercase();
    let numeric = !lower.is_empty()
        && (lower.bytes().all(|b| b.is_ascii_digit())
            || lower
                .strip_prefix("0x")
                .is_some_and(|hex| !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit())));
    (had_scheme && numeric).then_some(host.to_owned())
}

/// Whether `host` as written could be a bare domain in running text: a known public
/// suffix whose last label is not capitalized. A disguised address (`evil[.]example`)
/// needs no known suffix: the disguise already says it is an address.
fn is_bare_domain(host_as_written: &str, obfuscated: bool) -> Option<String> {
    let last = host_as_written.rsplit('.').next().unwrap_or_default();
    if last.is_empty() || last.chars().any(char::is_uppercase) {
        return None;
    }
    if !last.chars().all(char::is_alphabetic) && !last.starts_with("xn--") {
        return None;
    }
    let ascii = hosts::to_ascii_host(host_as_written)?;
    (obfuscated || hosts::has_known_suffix(&ascii)).then_some(ascii)
}

/// Parses one token into a link, if it is one.
fn parse_token(token: &str, obfuscated: bool) -> Option<Link> {
    let starts_with = |prefix: &str| {
        token
            .get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    let (scheme, rest) = if starts_with("https://") {
        (Scheme::Https, &token["https://".len()..])
    } else if starts_with("http://") {
        (Scheme::Http, &token["http://".len()..])
    } else {
        (Scheme::None, token)
    };
    let had_scheme = scheme != Scheme::None;
    let authority_end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let path = path.to_lowercase();
    let (userinfo, host) = split_authority(authority);

    if !had_scheme {
        if let Some(userinfo) = userinfo {
            // user@host without a scheme: an email address, unless the "user" is itself
            // a domain (op.fi@evil.example), which browsers open as evil.example.
            let ascii = hosts::to_ascii_host(host)?;
            let trick =
                is_bare_domain(userinfo, obfuscated).is_some() || userinfo.starts_with("www.");
            if !trick && !hosts::has_known_suffix(&ascii) {
                return None;
            }
            return Some(Link {
                host: Host::Domain(ascii),
                scheme,
                userinfo: trick.then(|| userinfo.to_lowercase()),
                path,
                obfuscated,
                email: !trick,
            });
        }
    }

    if let Some(ip) = as_ip(host, had_scheme) {
        return Some(Link {
            host: Host::Ip(ip),
            scheme,
            userinfo: userinfo.map(str::to_lowercase),
            path,
            obfuscated,
            email: false,
        });
    }
    let ascii = if had_scheme || starts_with("www.") {
        hosts::to_ascii_host(host)?
    } else {
        is_bare_domain(host, obfuscated)?
    };
    Some(Link {
        host: Host::Domain(ascii),
        scheme,
        userinfo: userinfo.map(str::to_lowercase),
        path,
        obfuscated,
        email: false,
    })
}

/// Finds every link and email address in `text`.
pub(crate) fn extract(text: &str) -> Extracted {
    let (clean, marks) = deobfuscate(text);
    let mut links = Vec::new();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    let mut tokens = Vec::new();
    for (i, c) in clean.char_indices() {
        if is_separator(c) {
            if let Some(s) = start.take() {
                tokens.push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        tokens.push(s..clean.len());
    }
    for range in tokens {
        let (token_start, token) = trim_token(&clean[range.clone()], range.start);
        if token.is_empty() || !(token.contains('.') || token.contains(':')) {
            continue;
        }
        let span = token_start..token_start + token.len();
        let obfuscated = marks[span.clone()].iter().any(|m| *m);
        if let Some(link) = parse_token(token, obfuscated) {
            links.push(link);
            spans.push(span);
        }
    }
    let mut text_without_links = String::with_capacity(clean.len());
    let mut last = 0;
    for span in &spans {
        text_without_links.push_str(&clean[last..span.start]);
        text_without_links.push(' ');
        last = span.end;
    }
    text_without_links.push_str(&clean[last..]);
    Extracted {
        links,
        text_without_links,
    }
}

/// What the links of a message add up to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LinkReport {
    /// One finding per problem per link.
    pub findings: Vec<Finding>,
    /// Some web link leads outside the bank's domains and the trusted hosts.
    pub offsite: bool,
    /// Some link downloads an Android package (.apk).
    pub apk: bool,
}

/// The host as shown in a finding: the Unicode form, with the punycode form after it
/// when they differ (the punycode form gives a disguised name away).
pub(crate) fn display_host(ascii: &str) -> String {
    let unicode = hosts::to_unicode_host(ascii);
    if unicode == ascii {
        ascii.to_owned()
    } else {
        format!("{unicode} ({ascii})")
    }
}

/// Judges every link against the bank's configuration.
pub(crate) fn assess(links: &[Link], config: &BankConfig) -> LinkReport {
    let mut report = LinkReport::default();
    for link in links {
        let path = link.path.split(['?', '#']).next().unwrap_or_default();
        if path.ends_with(".apk") {
            report.apk = true;
        }
        match &link.host {
            Host::Ip(ip) => {
                report.offsite |= !link.email;
                report
                    .findings
                    .push(Finding::about(FindingCode::LinkRawIp, ip));
                if link.obfuscated {
                    report
                        .findings
                        .push(Finding::about(FindingCode::LinkObfuscated, ip));
                }
                if let Some(userinfo) = &link.userinfo {
                    report
                        .findings
                        .push(Finding::about(FindingCode::LinkUserinfo, ip).imitating(userinfo));
                }
            }
            Host::Domain(ascii) => assess_domain(link, ascii, config, &mut report),
        }
    }
    report
}

fn assess_domain(link: &Link, ascii: &str, config: &BankConfig, report: &mut LinkReport) {
    let registrable = hosts::registrable(ascii).unwrap_or_else(|| ascii.to_owned());
    if config.is_bank_domain(&registrable) || config.is_trusted_host(ascii) {
        return;
    }
    let shown = display_host(ascii);
    let imitation = lookalike::imitation(ascii, config);
    if link.email {
        // An address to write to: only a disguise of the bank's is worth a finding.
        match imitation {
            Some(Imitation::Homoglyph { bank }) => report
                .findings
                .push(Finding::about(FindingCode::LinkHomoglyph, &shown).imitating(&bank)),
            Some(Imitation::Lookalike { bank }) => report
                .findings
                .push(Finding::about(FindingCode::LinkLookalike, &shown).imitating(&bank)),
            None => {}
        }
        return;
    }
    report.offsite = true;
    if link.obfuscated {
        report
            .findings
            .push(Finding::about(FindingCode::LinkObfuscated, &shown));
    }
    if let Some(userinfo) = &link.userinfo {
        report
            .findings
            .push(Finding::about(FindingCode::LinkUserinfo, &shown).imitating(userinfo));
    }
    if hosts::is_idn(ascii) {
        report
            .findings
            .push(Finding::about(FindingCode::LinkPunycode, &shown));
    }
    if link.scheme == Scheme::Http {
        report
            .findings
            .push(Finding::about(FindingCode::LinkPlainHttp, &shown));
    }
    if SHORTENERS.contains(&registrable.as_str()) {
        report
            .findings
            .push(Finding::about(FindingCode::LinkShortener, &registrable));
        return;
    }
    match imitation {
        Some(Imitation::Homoglyph { bank }) => report
            .findings
            .push(Finding::about(FindingCode::LinkHomoglyph, &shown).imitating(&bank)),
        Some(Imitation::Lookalike { bank }) => report
            .findings
            .push(Finding::about(FindingCode::LinkLookalike, &shown).imitating(&bank)),
        None => report.findings.push(Finding::about(
            FindingCode::LinkNotBank,
            &display_host(&registrable),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(text: &str) -> Vec<String> {
        extract(text)
            .links
            .into_iter()
            .map(|l| match l.host {
                Host::Domain(d) | Host::Ip(d) => d,
            })
            .collect()
    }

    #[test]
    fn links_with_and_without_scheme_are_found() {
        assert_eq!(
            hosts("Avaa https://www.avainpankki.fi/a?b=1, tai www.op.fi. Katso myös kela.fi/ohje!"),
            ["www.avainpankki.fi", "www.op.fi", "kela.fi"]
        );
        assert_eq!(hosts("(https://x.example/a)"), ["x.example"]);
        assert_eq!(hosts("osoitteessa avainpankki.fi:ssä"), ["avainpankki.fi"]);
    }

    #[test]
    fn ordinary_text_is_not_a_link() {
        for text in [
            "Tilisi on lukittu.Se avataan pian.",
            "Versio 13.4 ja 1.5.2025 klo 10.00.",
            "esim. näin, ks. liite kuva.jpg",
            "Asetukset > Tunnistussovellus.",
            "e.g. this, i.e. that",
        ] {
            assert!(hosts(text).is_empty(), "{text}: {:?}", hosts(text));
        }
    }

    #[test]
    fn obfuscated_links_are_restored_and_marked() {
        let extracted =
            extract("Palauta: hxxps://avainpankki-palvelu[.]com/palauta ja evil(.)example");
        assert_eq!(extracted.links.len(), 2);
        assert!(extracted.links.iter().all(|l| l.obfuscated));
        assert_eq!(extracted.links[0].scheme, Scheme::Https);
        assert_eq!(
            extracted.links[0].host,
            Host::Domain("avainpankki-palvelu.com".into())
        );
        assert!(!extract("https://avainpankki.fi").links[0].obfuscated);
    }

    #[test]
    fn userinfo_and_email_addresses_are_told_apart() {
        let links =
            extract("https://op.fi@evil.example/x op.fi@evil.example tuki@avainpankki.fi").links;
        assert_eq!(links.len(), 3);
        assert_eq!(links[0].userinfo.as_deref(), Some("op.fi"));
        assert_eq!(links[0].host, Host::Domain("evil.example".into()));
        assert_eq!(links[1].userinfo.as_deref(), Some("op.fi"));
        assert!(!links[1].email);
        assert!(links[2].email);
        assert_eq!(links[2].userinfo, None);
    }

    #[test]
    fn raw_addresses_are_found() {
        assert_eq!(
            hosts("http://185.94.33.12/vero http://[2001:db8::1]/x http://3232235777/"),
            ["185.94.33.12", "2001:db8::1", "3232235777"]
        );
        let links = extract("http://[2001:db8::1]:8080/x").links;
        assert_eq!(links[0].host, Host::Ip("2001:db8::1".into()));
    }

    #[test]
    fn links_are_blanked_from_the_text() {
        let extracted = extract("Kirjaudu: https://evil.example/x nyt.");
        assert_eq!(extracted.text_without_links, "Kirjaudu:   nyt.");
    }

    #[test]
    fn bank_and_trusted_links_raise_nothing() {
        let config = BankConfig::demo();
        let links = extract(
            "https://www.avainpankki.fi/a http://avainbanken.fi https://apps.apple.com/fi/app/x",
        )
        .links;
        let report = assess(&links, &config);
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        assert!(!report.offsite);
    }

    #[test]
    fn each_link_gets_its_most_specific_finding() {
        let config = BankConfig::demo();
        let codes = |text: &str| -> Vec<FindingCode> {
            assess(&extract(text).links, &config)
                .findings
                .into_iter()
                .map(|f| f.code)
                .collect()
        };
        assert_eq!(codes("https://evil.example/a"), [FindingCode::LinkNotBank]);
        assert_eq!(codes("bit.ly/abc"), [FindingCode::LinkShortener]);
        assert_eq!(
            codes("https://avainpankki.com"),
            [FindingCode::LinkLookalike]
        );
        assert_eq!(
            codes("https://\u{430}vainpankki.fi"),
            [FindingCode::LinkPunycode, FindingCode::LinkHomoglyph]
        );
        assert_eq!(
            codes("http://evil.example"),
            [FindingCode::LinkPlainHttp, FindingCode::LinkNotBank]
        );
        assert_eq!(
            codes("https://avainpankki.fi@evil.example"),
            [FindingCode::LinkUserinfo, FindingCode::LinkNotBank]
        );
        assert_eq!(codes("http://10.0.0.1/login"), [FindingCode::LinkRawIp]);
        assert_eq!(
            codes("evil[.]example"),
            [FindingCode::LinkObfuscated, FindingCode::LinkNotBank]
        );
        assert!(codes("tuki@gmail.com").is_empty());
        assert_eq!(
            codes("tuki@avainpankki-tuki.com"),
            [FindingCode::LinkLookalike]
        );
    }

    #[test]
    fn apk_downloads_are_noticed() {
        let config = BankConfig::demo();
        let report = assess(&extract("https://x.example/avain.APK?v=2").links, &config);
        assert!(report.apk);
    }
}

//! The language of the customer-facing texts in a response, from `Accept-Language`.

use std::future::Future;

use avain_protocol::Language;

tokio::task_local! {
    static LANGUAGE: Language;
}

/// The language of the request being served (Finnish outside a request).
pub fn current() -> Language {
    LANGUAGE.try_with(|lang| *lang).unwrap_or_default()
}

/// Picks the first language of `Accept-Language` the bank writes in (fi, sv, en; quality
/// values are ignored: clients list them in order), else Finnish.
pub fn from_header(value: Option<&str>) -> Language {
    value
        .into_iter()
        .flat_map(|v| v.split(','))
        .filter_map(|tag| {
            let tag = tag.split(';').next()?.trim();
            let primary = tag.split(['-', '_']).next()?;
            Language::from_code(primary)
        })
        .next()
        .unwrap_or_default()
}

/// Runs `serve` (a request's answer) with `lang` in scope, so errors rendered anywhere
/// below use it ([`crate::requests`] does this for every request).
pub async fn scope<F: Future>(lang: Language, serve: F) -> F::Output {
    LANGUAGE.scope(lang, serve).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_supported_language_wins() {
        assert_eq!(from_header(Some("sv-FI,fi;q=0.8")), Language::Sv);
        assert_eq!(from_header(Some("de-DE, en-US;q=0.5")), Language::En);
        assert_eq!(from_header(Some("de")), Language::Fi);
        assert_eq!(from_header(Some("sv_FI")), Language::Sv);
        assert_eq!(from_header(None), Language::Fi);
        assert_eq!(from_header(Some(";;,,")), Language::Fi);
    }
}

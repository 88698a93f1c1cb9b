//! Logging in to the browser online bank with the app ("Log in with the code app").
//!
//! The page shows a short code and the bank pushes only the request id. The app opens it:
//! the bank answers with the same code and a `login` challenge on the `online_bank`
//! channel in one round trip; the customer compares the code with the browser's and
//! approves with the PIN or biometrics (one more round trip), or rejects it when they did
//! not start the login. No app session is needed: the approval is the strong
//! authentication. The shown text carries the code, and the bank checks that it does, so
//! a login someone else started cannot be approved without the code on screen.

use std::sync::Arc;

use avain_protocol::rules::ids::is_id;
use time::OffsetDateTime;

use super::pending::PendingAppLogin;
use super::{ApprovalFactor, AvainError, Identification, Inner};
use crate::api::AppLoginApproval;
use crate::confirmation;
use crate::error::AvainErrorCode;
use crate::i18n::Language;
use crate::signed_bytes::{Approval, LoginChannel};

/// A browser login as the approval screen shows it.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AppLoginPrompt {
    /// The bank's id of the login request (from the push notification).
    pub request_id: String,
    /// The code the browser shows; the screen shows it large so the customer can compare.
    pub short_code: String,
    /// When the request can no longer be answered (the bank's clock).
    pub expires_at: OffsetDateTime,
    /// The exact text to show above the approve button, with the code; it is what gets
    /// signed.
    pub shown_text: String,
    /// The language of `shown_text`: the customer's own (logins exist in every language).
    pub text_language: Language,
}

/// The browser's code is short, upper-case letters and digits: anything else is not
/// something a customer can compare at a glance, so it is not shown or signed.
fn valid_short_code(code: &str) -> bool {
    (4..=8).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The prompt for `login` in the customer's language `lang`.
/// The short code (also inside the text) is what binds the browser to this approval: kept
/// out of logs.
impl std::fmt::Debug for AppLoginPrompt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppLoginPrompt")
            .field("request_id", &self.request_id)
            .field("expires_at", &self.expires_at)
            .field("text_language", &self.text_language)
            .finish_non_exhaustive()
    }
}

fn prompt(lang: Language, login: &AppLoginApproval) -> AppLoginPrompt {
    AppLoginPrompt {
        request_id: login.request_id.clone(),
        short_code: login.short_code.clone(),
        expires_at: login.expires_at,
        shown_text: confirmation::login(
            lang,
            confirmation::LoginChannel::OnlineBank {
                code: &login.short_code,
            },
        ),
        text_language: lang,
    }
}

/// The bank's generic codes, said the way this flow needs them. The bank answers
/// `expired` for a login that expired and for one already answered: either way the
/// customer starts again in the browser.
fn map_request_error(lang: Language, error: AvainError) -> AvainError {
    match error.code() {
        AvainErrorCode::NotFound => AvainError::refused(lang, AvainErrorCode::AppLoginUnknown),
        AvainErrorCode::Expired | AvainErrorCode::Conflict => {
            AvainError::refused(lang, AvainErrorCode::AppLoginExpired)
        }
        _ => error,
    }
}

impl Inner {
    async fn open_app_login(
        self: &Arc<Self>,
        profile_id: &str,
        request_id: &str,
    ) -> Result<AppLoginPrompt, AvainError> {
        let lang = self.lang();
        if !is_id(request_id) {
            return Err(AvainError::input(lang, AvainErrorCode::AppLoginUnknown));
        }
        let profile = self.profile(profile_id)?;
        let path = format!("v1/online-bank/app-logins/{request_id}/challenge");
        let answer: AppLoginApproval = self
            .pushed_challenge(&profile, &path, map_request_error)
            .await?;
        // The challenge must be about this very request, and the code fit to be shown.
        if answer.request_id != request_id
            || answer.challenge.subject_id.as_deref() != Some(request_id)
            || !valid_short_code(&answer.short_code)
        {
            return Err(AvainError::refused(lang, AvainErrorCode::ChallengeMismatch));
        }
        let shown = prompt(lang, &answer);
        self.pending.put_app_login(PendingAppLogin {
            profile_id: profile.id.clone(),
            request_id: answer.request_id,
            challenge: answer.challenge,
            shown_text: shown.shown_text.clone(),
        });
        tracing::info!(target: "avain::client", profile = %profile.id, "browser login opened");
        Ok(shown)
    }

    async fn approve_app_login(
        self: &Arc<Self>,
        request_id: &str,
        factor: ApprovalFactor,
    ) -> Result<(), AvainError> {
        let lang = self.lang();
        let pending = self
            .pending
            .take_app_login(request_id)
            .ok_or_else(|| AvainError::input(lang, AvainErrorCode::AppLoginNotOpened))?;
        let profile = self.profile(&pending.profile_id)?;
        let approval = Approval::Login {
            channel: LoginChannel::OnlineBank,
            shown_text: pending.shown_text.clone(),
        };
        let signed = self
            .sign(&profile, &pending.challenge, approval, factor)
            .await?;
        let path = format!("v1/online-bank/app-logins/{request_id}/approve");
        self.send_pushed_approval::<()>(&profile, &signed, &path, map_request_error)
            .await?;
        tracing::info!(target: "avain::client", profile = %profile.id, "browser login approved");
        Ok(())
    }

    async fn reject_app_login(
        self: &Arc<Self>,
        profile_id: &str,
        request_id: &str,
    ) -> Result<(), AvainError> {
        let lang = self.lang();
        if !is_id(request_id) {
            return Err(AvainError::input(lang, AvainErrorCode::AppLoginUnknown));
        }
        // Whatever was on screen for it is void now.
        let _ = self.pending.take_app_login(request_id);
        let profile = self.profile(profile_id)?;
        let path = format!("v1/online-bank/app-logins/{request_id}/reject");
        self.send_pushed_rejection::<()>(&profile, &path, map_request_error)
            .await?;
        tracing::info!(target: "avain::client", profile = %profile.id, "browser login rejected");
        Ok(())
    }
}

impl Identification<'_> {
    /// Opens a browser online-bank login waiting for this app (its id comes in the push
    /// notification) for `profile_id`: one round trip, no app login needed. Returns the
    /// short code the browser shows and the text to approve, in the customer's language.
    /// Call [`Identification::approve_app_login`](crate::client::Identification::approve_app_login) or [`Identification::reject_app_login`](crate::client::Identification::reject_app_login) next.
    pub async fn open_app_login(
        self,
        profile_id: String,
        request_id: String,
    ) -> Result<AppLoginPrompt, AvainError> {
        self.0
            .run(move |inner| async move { inner.open_app_login(&profile_id, &request_id).await })
            .await
    }

    /// Approves the browser login last opened with [`Identification::open_app_login`](crate::client::Identification::open_app_login), signing the
    /// text shown (with the code) with the PIN or biometrics; the browser then logs in.
    /// Keeps a receipt (changes persisted state). The opened login is used once: after a
    /// wrong PIN ([`AvainError::WrongPin`]) open it again.
    pub async fn approve_app_login(
        self,
        request_id: String,
        factor: ApprovalFactor,
    ) -> Result<(), AvainError> {
        self.0
            .run(move |inner| async move { inner.approve_app_login(&request_id, factor).await })
            .await
    }

    /// Refuses a browser login the customer did not start: the browser shows that the
    /// login was refused. No PIN needed.
    pub async fn reject_app_login(
        self,
        profile_id: String,
        request_id: String,
    ) -> Result<(), AvainError> {
        self.0
            .run(move |inner| async move { inner.reject_app_login(&profile_id, &request_id).await })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Base64Bytes, Purpose};
    use time::macros::datetime;

    #[test]
    fn the_browser_code_stays_out_of_debug_output() {
        let prompt = AppLoginPrompt {
            request_id: "oal_1".into(),
            short_code: "K7Q2".into(),
            expires_at: datetime!(2026-11-22 05:17 UTC),
            shown_text: "Vahvista kirjautuminen verkkopankkiin koodilla K7Q2".into(),
            text_language: Language::Fi,
        };
        let debug = format!("{prompt:?}");
        assert!(debug.contains("oal_1"), "{debug}");
        assert!(!debug.contains("K7Q2"), "{debug}");
    }

    fn login(code: &str) -> AppLoginApproval {
        AppLoginApproval {
            request_id: "oal_1".into(),
            short_code: code.into(),
            expires_at: datetime!(2026-01-05 10:02 UTC),
            challenge: crate::api::Challenge {
                challenge_id: "ch_1".into(),
                profile_id: "p_1".into(),
                device_id: "d_1".into(),
                purpose: Purpose::Login,
                nonce: Base64Bytes(vec![0; 32]),
                counter: 1,
                requester: "Avain".into(),
                subject_id: Some("oal_1".into()),
                issued_at: datetime!(2026-01-05 10:00 UTC),
                expires_at: datetime!(2026-01-05 10:02 UTC),
                pin_key_id: None,
                app_attest_assertion_requested: false,
                bank_signature: Base64Bytes(Vec::new()),
            },
        }
    }

    #[test]
    fn the_prompt_shows_the_code_in_the_customers_language() {
        let fi = prompt(Language::Fi, &login("K7XM"));
        for lang in Language::ALL {
            let p = prompt(lang, &login("K7XM"));
            assert!(p.shown_text.contains("K7XM"), "{}", p.shown_text);
            assert_eq!(p.text_language, lang);
            assert_eq!(p.short_code, "K7XM");
            assert_eq!(
                p.shown_text == fi.shown_text,
                lang == Language::Fi,
                "{lang}"
            );
        }
    }

    #[test]
    fn only_short_upper_case_codes_are_shown() {
        for good in ["K7XM", "23456789"] {
            assert!(valid_short_code(good), "{good}");
        }
        for bad in ["", "K7X", "k7xm", "K7 XM", "K7XM\n", "Ä7XM", "123456789"] {
            assert!(!valid_short_code(bad), "{bad}");
        }
    }

    #[test]
    fn the_banks_codes_become_this_flows_refusals() {
        for (bank, ours) in [
            (AvainErrorCode::NotFound, AvainErrorCode::AppLoginUnknown),
            (AvainErrorCode::Expired, AvainErrorCode::AppLoginExpired),
            (AvainErrorCode::Conflict, AvainErrorCode::AppLoginExpired),
        ] {
            let e = map_request_error(
                Language::Sv,
                AvainError::Refused {
                    code: bank,
                    user_message: String::new(),
                },
            );
            assert_eq!(e.code(), ours);
            assert!(
                !e.user_message().starts_with("client-"),
                "{}",
                e.user_message()
            );
        }
    }
}

//! Strong identification for third parties (Verohallinto, Kela, ...) through an
//! identification broker.
//!
//! The bank's push names only a request id. The app opens it: the bank answers with the
//! request (who asks, through which broker, what they receive) and its challenge in one
//! round trip; the customer reads the text naming both and approves with the PIN or
//! biometrics (one more round trip), or rejects it. No login is needed: the approval
//! itself is the strong authentication. This flow exists only in Finnish, so the text is
//! Finnish and the prompt carries a notice in the customer's language when that differs.

use std::sync::Arc;

use avain_protocol::rules::ids::is_id;
use time::OffsetDateTime;

use super::pending::PendingIdentification;
use super::{ApprovalFactor, AvainError, Identification, Inner};
use crate::api::{IdentificationApproval, IdentificationRequest, IdentificationStatus};
use crate::confirmation;
use crate::error::AvainErrorCode;
use crate::i18n::{self, Language};
use crate::language::Flow;
use crate::signed_bytes::Approval;

/// An identification request as the approval screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct IdentificationPrompt {
    /// The bank's id of the request (from the push notification).
    pub request_id: String,
    /// The service asking ("Verohallinto", "Kela").
    pub requester: String,
    /// The identification broker the request came through.
    pub broker: String,
    /// What the service receives, in the customer's language ("name", "personal identity
    /// code").
    pub attributes: Vec<String>,
    /// When the request can no longer be answered (the bank's clock).
    pub expires_at: OffsetDateTime,
    /// The exact text to show above the approve button; it is what gets signed.
    pub shown_text: String,
    /// The language of `shown_text`: Finnish, as the flow exists only in Finnish.
    pub text_language: Language,
    /// True when this flow is not available in the customer's language (the UI shows
    /// `language_notice`).
    pub finnish_only: bool,
    /// The notice to show in the customer's own language when it is not Finnish.
    pub language_notice: Option<String>,
}

/// What a service receives, in `lang`; unknown attribute codes are shown as they are.
fn attribute_label(lang: Language, code: &str) -> String {
    let id = format!("client-identification-attribute-{code}");
    if i18n::has_message(lang, &id) {
        i18n::text(lang, &id)
    } else {
        code.to_owned()
    }
}

/// The prompt for `request` in the customer's language `lang`.
fn prompt(lang: Language, request: &IdentificationRequest) -> IdentificationPrompt {
    let flow = Flow::ThirdPartyIdentification;
    let text_language = flow.shown_in(lang);
    IdentificationPrompt {
        request_id: request.request_id.clone(),
        requester: request.service_name.clone(),
        broker: request.broker_name.clone(),
        attributes: request
            .attributes
            .iter()
            .map(|a| attribute_label(lang, a))
            .collect(),
        expires_at: request.expires_at,
        shown_text: confirmation::identification(
            text_language,
            &request.service_name,
            &request.broker_name,
        ),
        text_language,
        finnish_only: flow.languages() == [Language::Fi],
        language_notice: flow.language_notice(lang),
    }
}

/// The refusal for a request that is no longer pending.
fn not_pending(lang: Language, status: IdentificationStatus) -> Option<AvainError> {
    let code = match status {
        IdentificationStatus::Pending => return None,
        IdentificationStatus::Expired => AvainErrorCode::IdentificationExpired,
        // A status this version does not know is not one it can answer.
        IdentificationStatus::Approved
        | IdentificationStatus::Rejected
        | IdentificationStatus::Unknown => AvainErrorCode::IdentificationAnswered,
    };
    Some(AvainError::refused(lang, code))
}

impl Inner {
    async fn open_identification(
        self: &Arc<Self>,
        profile_id: &str,
        request_id: &str,
    ) -> Result<IdentificationPrompt, AvainError> {
        let lang = self.lang();
        if !is_id(request_id) {
            return Err(AvainError::input(
                lang,
                AvainErrorCode::IdentificationUnknown,
            ));
        }
        let profile = self.profile(profile_id)?;
        let path = format!("v1/identification-requests/{request_id}/challenge");
        let answer: IdentificationApproval = self
            .pushed_challenge(&profile, &path, map_request_error)
            .await?;
        let request = answer.request;
        // The challenge must be about this very request and name the same service.
        if request.request_id != request_id
            || answer.challenge.subject_id.as_deref() != Some(request_id)
            || answer.challenge.requester != request.service_name
        {
            return Err(AvainError::refused(lang, AvainErrorCode::ChallengeMismatch));
        }
        if let Some(error) = not_pending(lang, request.status) {
            return Err(error);
        }
        let shown = prompt(lang, &request);
        self.pending.put_identification(PendingIdentification {
            profile_id: profile.id.clone(),
            request,
            challenge: answer.challenge,
            shown_text: shown.shown_text.clone(),
        });
        tracing::info!(target: "avain::client", profile = %profile.id, "identification request opened");
        Ok(shown)
    }

    async fn approve_identification(
        self: &Arc<Self>,
        request_id: &str,
        factor: ApprovalFactor,
    ) -> Result<IdentificationRequest, AvainError> {
        let lang = self.lang();
        let pending = self
            .pending
            .take_identification(request_id)
            .ok_or_else(|| AvainError::input(lang, AvainErrorCode::IdentificationNotOpened))?;
        let profile = self.profile(&pending.profile_id)?;
        let approval = Approval::ThirdPartyIdentification {
            requester: pending.request.service_name.clone(),
            broker: pending.request.broker_name.clone(),
            request_id: pending.request.request_id.clone(),
            shown_text: pending.shown_text.clone(),
        };
        let signed = self
            .sign(&profile, &pending.challenge, approval, factor)
            .await?;
        let path = format!("v1/identification-requests/{request_id}/approve");
        let answered: IdentificationRequest = self
            .send_pushed_approval(&profile, &signed, &path, map_request_error)
            .await?;
        tracing::info!(target: "avain::client", profile = %profile.id, "identification approved");
        Ok(answered)
    }

    async fn reject_identification(
        self: &Arc<Self>,
        profile_id: &str,
        request_id: &str,
    ) -> Result<IdentificationRequest, AvainError> {
        let lang = self.lang();
        if !is_id(request_id) {
            return Err(AvainError::input(
                lang,
                AvainErrorCode::IdentificationUnknown,
            ));
        }
        // Whatever was on screen for it is void now.
        let _ = self.pending.take_identification(request_id);
        let profile = self.profile(profile_id)?;
        let path = format!("v1/identification-requests/{request_id}/reject");
        let answered: IdentificationRequest = self
            .send_pushed_rejection(&profile, &path, map_request_error)
            .await?;
        tracing::info!(target: "avain::client", profile = %profile.id, "identification rejected");
        Ok(answered)
    }
}

/// The bank's generic codes, said the way this flow needs them.
fn map_request_error(lang: Language, error: AvainError) -> AvainError {
    match error.code() {
        AvainErrorCode::NotFound => {
            AvainError::refused(lang, AvainErrorCode::IdentificationUnknown)
        }
        AvainErrorCode::Expired => AvainError::refused(lang, AvainErrorCode::IdentificationExpired),
        AvainErrorCode::Conflict => {
            AvainError::refused(lang, AvainErrorCode::IdentificationAnswered)
        }
        _ => error,
    }
}

impl Identification<'_> {
    /// Opens a third party's identification request (its id comes in the push
    /// notification) for `profile_id`: one round trip, no login needed. Returns what to
    /// show; the text is in Finnish with a notice for customers using another language.
    /// Call [`Identification::approve_identification`](crate::client::Identification::approve_identification) or [`Identification::reject_identification`](crate::client::Identification::reject_identification) next.
    pub async fn open_identification_request(
        self,
        profile_id: String,
        request_id: String,
    ) -> Result<IdentificationPrompt, AvainError> {
        self.0.run(
            move |inner| async move { inner.open_identification(&profile_id, &request_id).await },
        )
        .await
    }

    /// Approves the identification request last opened with
    /// [`Identification::open_identification_request`](crate::client::Identification::open_identification_request), signing the text shown with the PIN or
    /// biometrics; the service then receives the customer's name and identity code. Keeps
    /// a receipt (changes persisted state). The opened request is used once: after a
    /// wrong PIN ([`AvainError::WrongPin`]) open it again.
    pub async fn approve_identification(
        self,
        request_id: String,
        factor: ApprovalFactor,
    ) -> Result<(), AvainError> {
        self.0
            .run(move |inner| async move {
                inner
                    .approve_identification(&request_id, factor)
                    .await
                    .map(|_| ())
            })
            .await
    }

    /// Refuses an identification request ("this was not me"): the service learns that the
    /// customer refused. No PIN needed.
    pub async fn reject_identification(
        self,
        profile_id: String,
        request_id: String,
    ) -> Result<(), AvainError> {
        self.0
            .run(move |inner| async move {
                inner
                    .reject_identification(&profile_id, &request_id)
                    .await
                    .map(|_| ())
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn request() -> IdentificationRequest {
        IdentificationRequest {
            request_id: "idr_1".into(),
            service_name: "Verohallinto".into(),
            broker_name: "Tunnistuspalvelu Oy".into(),
            attributes: vec!["name".into(), "hetu".into()],
            status: IdentificationStatus::Pending,
            expires_at: datetime!(2026-01-05 10:05 UTC),
        }
    }

    #[test]
    fn the_prompt_names_requester_and_broker_in_finnish_for_everyone() {
        for lang in Language::ALL {
            let p = prompt(lang, &request());
            assert!(p.shown_text.contains("Verohallinto"));
            assert!(p.shown_text.contains("Tunnistuspalvelu Oy"));
            assert_eq!(p.text_language, Language::Fi);
            assert!(p.finnish_only);
            assert_eq!(p.language_notice.is_some(), lang != Language::Fi, "{lang}");
            assert_eq!(p.attributes.len(), 2);
        }
        let sv = prompt(Language::Sv, &request());
        assert_eq!(
            sv.shown_text,
            prompt(Language::Fi, &request()).shown_text,
            "the signed text does not depend on the phone's language"
        );
        assert!(
            sv.attributes.iter().all(|a| a != "hetu"),
            "{:?}",
            sv.attributes
        );
    }

    #[test]
    fn answered_or_expired_requests_are_refused() {
        assert!(not_pending(Language::Fi, IdentificationStatus::Pending).is_none());
        for (status, code) in [
            (
                IdentificationStatus::Expired,
                AvainErrorCode::IdentificationExpired,
            ),
            (
                IdentificationStatus::Approved,
                AvainErrorCode::IdentificationAnswered,
            ),
            (
                IdentificationStatus::Rejected,
                AvainErrorCode::IdentificationAnswered,
            ),
        ] {
            let e = not_pending(Language::En, status).expect("refused");
            assert_eq!(e.code(), code);
            assert!(
                !e.user_message().starts_with("client-"),
                "{}",
                e.user_message()
            );
        }
    }
}

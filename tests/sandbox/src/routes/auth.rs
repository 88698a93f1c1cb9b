//! Login: a challenge (no session needed), then an assertion that creates a session.

use avain_protocol::api::{
    Challenge, ChallengeRequest, CustomerSummary, ErrorCode, LoginChannel, LoginRequest, Purpose,
    Session,
};
use avain_protocol::lifecycle::ProfileState;
use avain_protocol::signed_bytes::Approval;
use axum::extract::State;
use axum::http::StatusCode;

use crate::approvals::{self, require_shown_text};
use crate::challenges::{ChallengeSpec, ReadAtIssue, ReportedVersions};
use crate::db::records::{self, Customer, Profile};
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppSession, Json};
use crate::sessions::{IDLE_TIMEOUT, SessionKind};
use crate::state::Shared;
use crate::throttle::{self, ClientAddr, Counter};

/// Who the bank's own challenges name as requester.
pub const BANK_REQUESTER: &str = "Avain";

/// Loads an active profile and its customer for a new challenge, applying the OS policy
/// to the versions the device reports. Nothing is stored: anyone who knows a profile id
/// can ask, so the reported versions travel with the challenge ([`issue_reported`]) and
/// are stored only when its answer verifies.
pub async fn profile_for_challenge(
    state: &Shared,
    profile_id: &str,
    os_version: &str,
    app_version: &str,
) -> ApiResult<(Profile, Customer, ReportedVersions)> {
    if profile_id.len() > 64 || os_version.len() > 32 || app_version.len() > 32 {
        return Err(ErrorCode::InvalidValue.into());
    }
    let id = profile_id.to_owned();
    let (profile, customer) = state
        .db
        .read(move |conn| {
            let profile = records::profile(conn, &id)?.ok_or(ApiError::new(ErrorCode::NotFound))?;
            let customer = records::customer(conn, profile.customer_id)?;
            Ok((profile, customer))
        })
        .await?;
    if customer.codes_blocked {
        return Err(ErrorCode::CodesBlocked.into());
    }
    profile.require_active()?;
    let reported = ReportedVersions {
        os_version: os_version.to_owned(),
        app_version: app_version.to_owned(),
    };
    Ok((profile, customer, reported))
}

/// Issues a challenge for an active profile inside a session. The OS policy in force is
/// applied to the versions the device last reported: a policy published during a session
/// stops the next approval too, not only the next login.
pub fn issue(
    state: &Shared,
    profile: &Profile,
    purpose: Purpose,
    requester: &str,
    subject_id: Option<String>,
    channel: LoginChannel,
) -> ApiResult<Challenge> {
    issue_reported(
        state, profile, None, purpose, requester, subject_id, channel,
    )
}

/// Issues a challenge for an active profile, applying the OS policy to the versions the
/// device `reported` with this request (or, without them, to the stored ones) and keeping
/// them with the challenge.
pub fn issue_reported(
    state: &Shared,
    profile: &Profile,
    reported: Option<ReportedVersions>,
    purpose: Purpose,
    requester: &str,
    subject_id: Option<String>,
    channel: LoginChannel,
) -> ApiResult<Challenge> {
    let spec = Purposed {
        purpose,
        requester,
        subject_id,
        channel,
    };
    issue_spec(state, profile, reported, spec, None)
}

/// What a challenge is for.
struct Purposed<'a> {
    purpose: Purpose,
    requester: &'a str,
    subject_id: Option<String>,
    channel: LoginChannel,
}

/// Issues a challenge, keeping `read_at_issue` (the rows `profile` came from) for the
/// answer where the answer can use them: when the device reported its versions with this
/// request (so the OS policy's input travels with the challenge) and no App Attest
/// assertion is asked (whose key and counter the answer reads when it checks one).
fn issue_spec(
    state: &Shared,
    profile: &Profile,
    reported: Option<ReportedVersions>,
    spec: Purposed<'_>,
    read_at_issue: Option<Box<ReadAtIssue>>,
) -> ApiResult<Challenge> {
    let Purposed {
        purpose,
        requester,
        subject_id,
        channel,
    } = spec;
    let (os_version, app_version) = ReportedVersions::or_stored(reported.as_ref(), profile);
    state.check_device(&profile.platform, os_version, app_version, false)?;
    let app_attest_assertion_requested = state.attestation.asks_for_assertion(profile);
    let read_at_issue =
        read_at_issue.filter(|_| reported.is_some() && !app_attest_assertion_requested);
    state.challenges.issue(
        ChallengeSpec {
            profile_id: profile.id.clone(),
            device_id: profile.device_id.clone(),
            customer_id: profile.customer_id,
            accepted_counter: profile.counter,
            purpose,
            requester: requester.to_owned(),
            subject_id,
            channel,
            pin_key_id: profile.pin_key_id.clone(),
            reported,
            app_attest_assertion_requested,
            read_at_issue,
        },
        state.now(),
        &state.keys.challenge,
    )
}

/// `POST /v1/challenges`: a login challenge. Throttled per profile id (challenges not
/// answered with a valid login) and per client address (failed ones only).
pub async fn challenge(
    State(state): State<Shared>,
    client: ClientAddr,
    Json(body): Json<ChallengeRequest>,
) -> ApiResult<(StatusCode, axum::Json<Challenge>)> {
    count_challenge(&state, &body.profile_id, client)?;
    let (profile, customer, reported) = profile_for_challenge(
        &state,
        &body.profile_id,
        &body.device.os_version,
        &body.device.app_version,
    )
    .await?;
    let spec = Purposed {
        purpose: Purpose::Login,
        requester: BANK_REQUESTER,
        subject_id: None,
        channel: body.channel,
    };
    // The answer checks these rows instead of reading them again (one read per login
    // instead of two; `approvals::approve` keeps the current rows deciding).
    let read = Box::new(ReadAtIssue {
        profile: profile.clone(),
        customer,
    });
    let challenge = issue_spec(&state, &profile, Some(reported), spec, Some(read))?;
    challenge_issued(&state, client);
    Ok((StatusCode::CREATED, axum::Json(challenge)))
}

/// Counts a challenge asked for `profile_id` without a session (a login's, a third party's
/// identification request's): per profile id, until a valid login clears it, and per
/// client address, where [`challenge_issued`] takes it back.
pub fn count_challenge(state: &Shared, profile_id: &str, client: ClientAddr) -> ApiResult<()> {
    let profile_key: String = profile_id.chars().take(64).collect();
    state.throttle.hit_both(
        (
            Counter::ChallengesPerProfile,
            &profile_key,
            throttle::CHALLENGES_PER_PROFILE,
        ),
        (Counter::ChallengeFailuresPerAddress, client),
        state.now(),
    )
}

/// A challenge counted by [`count_challenge`] was issued: the address counts failures only.
pub fn challenge_issued(state: &Shared, client: ClientAddr) {
    state
        .throttle
        .refund_address(Counter::ChallengeFailuresPerAddress, client);
}

/// The customer as the app greets them.
pub fn summary(customer: &Customer) -> CustomerSummary {
    CustomerSummary {
        name: customer.name.clone(),
        kind: customer.kind,
        language: customer.language.clone(),
    }
}

/// `POST /v1/sessions`: log in.
pub async fn login(
    State(state): State<Shared>,
    Json(body): Json<LoginRequest>,
) -> ApiResult<(StatusCode, axum::Json<Session>)> {
    let (profile, customer) = approvals::approve(
        &state,
        body.assertion,
        Purpose::Login,
        None,
        |issued, shown| {
            Ok(Approval::Login {
                channel: issued.channel,
                shown_text: require_shown_text(shown)?,
            })
        },
        |_, approved| Ok((approved.profile.clone(), approved.customer.clone())),
    )
    .await?;
    // A challenge answered with a valid login is not what the per-profile limit counts.
    state
        .throttle
        .clear(Counter::ChallengesPerProfile, &profile.id);
    let token = state.sessions.create(
        SessionKind::App,
        customer.id,
        Some(profile.id.clone()),
        false,
        state.now(),
    );
    Ok((
        StatusCode::CREATED,
        axum::Json(Session {
            token,
            idle_timeout_s: IDLE_TIMEOUT.whole_seconds().unsigned_abs() as u32,
            profile_id: profile.id,
            profile_state: ProfileState::Active,
            biometric: profile.bio_kind,
            customer: summary(&customer),
        }),
    ))
}

/// `DELETE /v1/sessions/current`: log out.
pub async fn logout(State(state): State<Shared>, session: AppSession) -> StatusCode {
    state.sessions.end(&session.token);
    StatusCode::NO_CONTENT
}

/// `GET /v1/sessions/current`: who is logged in (also keeps the session alive).
pub async fn current(
    State(state): State<Shared>,
    session: AppSession,
) -> ApiResult<axum::Json<Session>> {
    let profile_id = session.profile_id.clone();
    let (profile, customer) = state
        .db
        .read(move |conn| {
            let profile = records::profile(conn, &profile_id)?
                .ok_or(ApiError::new(ErrorCode::Unauthorized))?;
            let customer = records::customer(conn, profile.customer_id)?;
            Ok((profile, customer))
        })
        .await?;
    Ok(axum::Json(Session {
        token: avain_protocol::api::Secret::new(session.token),
        idle_timeout_s: IDLE_TIMEOUT.whole_seconds().unsigned_abs() as u32,
        profile_id: profile.id,
        profile_state: profile.state,
        biometric: profile.bio_kind,
        customer: summary(&customer),
    }))
}

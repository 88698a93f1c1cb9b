//! Checking an answer to a challenge: two signatures over bytes the bank rebuilds itself.
//!
//! 1. The challenge is taken (single use, whatever the outcome) and must be unexpired and
//!    for this purpose and object.
//! 2. The profile must be active, the customer's codes usable, and the device's app and OS
//!    versions (those reported with the challenge request, else the stored ones) allowed
//!    by the OS policy in force.
//! 3. The bank rebuilds the approval's fields from its own record of the challenge and of
//!    the object (a payment's amount and payee...) and the text the device says it showed;
//!    the device never sends the bytes. `avain_protocol::verify::verify_assertion` encodes
//!    them and checks both signatures, outside the database writer.
//! 4. K_dev's signature is verified first. If it does not
//!    verify, possession is not proven: the answer is `signature_invalid` without
//!    `attempts_left`, nothing is counted, stored or locked, and the second factor's
//!    signature is not even looked at (so the answer says nothing about the PIN). Anyone
//!    who knows a profile id can get a challenge; without the device they cannot lock the
//!    customer out.
//! 5. With K_dev verified, the second factor's signature (K_pin, or K_bio) is verified,
//!    and one write job decides atomically against the current row: a failure is counted
//!    and the fifth in a row locks the profile (and the user code) and ends the profile's
//!    open session; a success needs a counter above the last accepted one, resets the
//!    count, stores the versions reported with the challenge, and runs the purpose's
//!    action in the same transaction. The answer goes out only after the commit.
//! 6. Where the challenge asked for an App Attest assertion (an iOS device with an attested
//!    App Attest key, under a policy that asks), it is checked once both signatures have
//!    verified: over SHA-256 of the same signed bytes, by the device's App Attest key, for
//!    the bank's app id, with a counter above the stored one (stored in the same
//!    transaction as the approval). A missing or wrong one is `attestation_failed` and is
//!    not counted as a failed approval (the factors were right; what is missing is the
//!    platform's word for the app instance). Checking it after the signatures means a
//!    wrong PIN is counted whatever the assertion, and the assertion's result says
//!    nothing about the PIN.
//!
//! The answer to a counted failure never says which factor failed.

use avain_protocol::api::{Assertion, ErrorCode, Purpose};
use avain_protocol::lifecycle::{LockReason, ProfileEvent, ProfileState};
use avain_protocol::signed_bytes::{self, Approval};
use avain_protocol::verify::{
    AssertionError, FactorCheck, ProfileKeys, counter_advances, verify_assertion,
};
use rusqlite::{Connection, params};
use time::OffsetDateTime;

use crate::attestation;
use crate::challenges::{Issued, ReportedVersions};
use crate::clock::to_millis;
use crate::credentials;
use crate::db::records::{self, Customer, Profile, UserCodeLock};
use crate::error::{ApiError, ApiResult};
use crate::notify;
use crate::state::Shared;
use crate::texts::Notice;

/// Failed approvals in a row that lock the profile (PSD2 RTS art. 4(3)(a): at most five).
pub const MAX_FAILURES: u32 = 5;

/// What an approved action's job receives.
#[derive(Debug)]
pub struct Approved<'a> {
    /// The challenge answered.
    pub issued: &'a Issued,
    /// The profile as it was checked.
    pub profile: &'a Profile,
    /// Its customer, with codes usable: as read before the signatures were verified, or
    /// (for a login, whose challenge kept the rows read to issue it) as the writer's
    /// transaction read it to check the codes. An action needing only the customer's
    /// name or language need not read it again.
    pub customer: &'a Customer,
    /// The text the customer saw, if the purpose has one.
    pub shown_text: Option<&'a str>,
}

enum Outcome<T, A> {
    Approved(T),
    Failed {
        attempts_left: u32,
    },
    Locked(Customer),
    /// The answer was checked against rows read when the challenge was issued, and the
    /// profile has been re-keyed since: it is checked again against the current rows.
    Stale {
        issued: Box<Issued>,
        action: A,
    },
}

/// Verifies `assertion` for `purpose` (and `subject_id`, when the challenge is about an
/// object) and runs `action` in the same transaction as the bookkeeping. `approval`
/// rebuilds the purpose's fields from the bank's records and the shown text.
///
/// A login challenge carries the profile and customer read to issue it
/// ([`Issued::read_at_issue`]), and its answer uses them instead of reading them again,
/// with the same answers as a fresh read: whatever refuses the answer before the writer
/// (the profile checks, the shown text, K_dev, the second factor's key) is decided again
/// on a fresh read (a profile locked meanwhile still answers `profile_locked`, not
/// `signature_invalid`), and the writer's transaction checks the customer's codes and the
/// profile's state and keys against the current rows before anything is counted or
/// stored: re-keyed since the challenge, the answer is verified again with the current
/// keys.
pub async fn approve<T, B, A>(
    state: &Shared,
    assertion: Assertion,
    purpose: Purpose,
    subject_id: Option<String>,
    approval: B,
    action: A,
) -> ApiResult<T>
where
    T: Send + 'static,
    B: FnOnce(&Issued, Option<&str>) -> ApiResult<Approval>,
    A: FnOnce(&Connection, Approved<'_>) -> ApiResult<T> + Send + 'static,
{
    let now = state.now();
    let mut issued = state.challenges.take(&assertion.challenge_id, now)?;
    if issued.challenge.purpose != purpose || issued.challenge.subject_id != subject_id {
        return Err(ErrorCode::ChallengeMismatch.into());
    }
    let profile_id = issued.challenge.profile_id.clone();
    let (mut profile, mut customer, mut from_issue) = match issued.read_at_issue.take() {
        Some(read) => (read.profile, read.customer, true),
        None => {
            let (profile, customer) = read_current(state, &profile_id).await?;
            (profile, customer, false)
        }
    };
    if let Err(refused) = check_profile(state, &issued, &profile, &customer) {
        if !from_issue {
            return Err(refused);
        }
        (profile, customer) = read_current(state, &profile_id).await?;
        from_issue = false;
        check_profile(state, &issued, &profile, &customer)?;
    }
    let shown_text = assertion.shown_text.clone();
    let fields = match approval(&issued, shown_text.as_deref()) {
        Ok(fields) => fields,
        Err(refused) => {
            if from_issue {
                let (current, current_customer) = read_current(state, &profile_id).await?;
                check_profile(state, &issued, &current, &current_customer)?;
            }
            return Err(refused);
        }
    };
    let mut checked = check_factors(&issued, &profile, &fields, &assertion);
    if from_issue && checked.is_err() {
        // Refused on the rows read at issue: the current rows decide, as in the order of
        // checks (the profile first, then the signatures with the current keys).
        let (current, current_customer) = read_current(state, &profile_id).await?;
        check_profile(state, &issued, &current, &current_customer)?;
        if !same_keys(&current, &profile) {
            checked = check_factors(&issued, &current, &fields, &assertion);
        }
        (profile, customer, from_issue) = (current, current_customer, false);
    }
    let (mut verified, mut app_attest_counter) = checked?;
    let mut issued = Box::new(issued);
    let mut action = action;
    loop {
        let decision = Decision {
            issued,
            expected: profile,
            customer,
            from_issue,
            verified,
            app_attest_counter,
            shown_text: shown_text.clone(),
            now,
        };
        let outcome = state
            .db
            .write(move |conn| decision.decide(conn, action))
            .await?;
        return match outcome {
            Outcome::Approved(value) => Ok(value),
            Outcome::Failed { attempts_left } => Err(ApiError::with_attempts_left(
                ErrorCode::SignatureInvalid,
                attempts_left,
            )),
            Outcome::Locked(customer) => {
                // The locked app's open session ends with it; the customer's other devices
                // and the online bank keep theirs.
                state.sessions.end_all(customer.id, Some(&profile_id));
                notify::sms(
                    state,
                    &customer,
                    "profile_locked",
                    Notice::ProfileLockedWrongPins,
                );
                Err(ErrorCode::ProfileLocked.into())
            }
            Outcome::Stale {
                issued: again,
                action: unused,
            } => {
                (profile, customer) = read_current(state, &profile_id).await?;
                from_issue = false;
                check_profile(state, &again, &profile, &customer)?;
                (verified, app_attest_counter) =
                    check_factors(&again, &profile, &fields, &assertion)?;
                issued = again;
                action = unused;
                continue;
            }
        };
    }
}

/// The profile and its customer as they are now.
async fn read_current(state: &Shared, profile_id: &str) -> ApiResult<(Profile, Customer)> {
    let profile_id = profile_id.to_owned();
    state
        .db
        .read(move |conn| {
            let profile = records::profile(conn, &profile_id)?
                .ok_or(ApiError::new(ErrorCode::ChallengeUnknown))?;
            let customer = records::customer(conn, profile.customer_id)?;
            Ok((profile, customer))
        })
        .await
}

/// Step 2: the customer's codes usable, the profile active, the device's versions allowed
/// by the OS policy in force (a policy published while the challenge was open applies to
/// its answer too).
fn check_profile(
    state: &Shared,
    issued: &Issued,
    profile: &Profile,
    customer: &Customer,
) -> ApiResult<()> {
    if customer.codes_blocked {
        return Err(ErrorCode::CodesBlocked.into());
    }
    profile.require_active()?;
    let (os_version, app_version) = ReportedVersions::or_stored(issued.reported.as_ref(), profile);
    state.check_device(&profile.platform, os_version, app_version, false)
}

/// Whether two reads of a profile hold the same keys.
fn same_keys(a: &Profile, b: &Profile) -> bool {
    a.keys_version == b.keys_version
        && a.device_key == b.device_key
        && a.pin_key == b.pin_key
        && a.bio_key == b.bio_key
        && a.app_attest_key == b.app_attest_key
}

/// Steps 4 to 6: both signatures with `profile`'s keys, and the App Attest assertion
/// where the challenge asked for one. `Ok((verified, app_attest_counter))`: whether the
/// second factor verified (K_dev did, or this is an error), and the assertion's counter.
fn check_factors(
    issued: &Issued,
    profile: &Profile,
    fields: &Approval,
    assertion: &Assertion,
) -> ApiResult<(bool, Option<u32>)> {
    let challenge = &issued.challenge;
    let keys = ProfileKeys {
        device: &profile.device_key,
        pin: &profile.pin_key,
        biometric: profile.bio_key.as_deref(),
    };
    let verified = match verify_assertion(&keys, &challenge.context(), fields, assertion) {
        Ok(check) => check == FactorCheck::Verified,
        Err(AssertionError::Encoding(_)) => return Err(ErrorCode::InvalidValue.into()),
        Err(AssertionError::DeviceSignatureInvalid) => {
            return Err(ErrorCode::SignatureInvalid.into());
        }
        Err(AssertionError::NoBiometricKey) => {
            return Err(ErrorCode::BiometricNotRegistered.into());
        }
    };
    // The factors are right; where the challenge asked for it, the App Attest assertion
    // over the same bytes must be the device's too, with a counter above the stored one.
    let app_attest_counter = if verified && challenge.app_attest_assertion_requested {
        let bytes = signed_bytes::encode(&challenge.context(), fields)
            .map_err(|_| ApiError::new(ErrorCode::InvalidValue))?;
        Some(attestation::check_assertion(
            assertion
                .app_attest_assertion
                .as_ref()
                .map(|a| a.as_slice()),
            profile.app_attest_key.as_deref(),
            profile.app_attest_counter,
            bytes.as_bytes(),
        )?)
    } else {
        None
    };
    Ok((verified, app_attest_counter))
}

/// What the writer's transaction decides on (step 5).
struct Decision {
    issued: Box<Issued>,
    /// The profile the signatures were checked against.
    expected: Profile,
    /// Its customer as read then.
    customer: Customer,
    /// Whether `expected` and `customer` were read when the challenge was issued.
    from_issue: bool,
    verified: bool,
    app_attest_counter: Option<u32>,
    shown_text: Option<String>,
    now: OffsetDateTime,
}

impl Decision {
    fn decide<T, A>(self, conn: &Connection, action: A) -> ApiResult<Outcome<T, A>>
    where
        A: FnOnce(&Connection, Approved<'_>) -> ApiResult<T>,
    {
        let Decision {
            issued,
            expected,
            customer,
            from_issue,
            verified,
            app_attest_counter,
            shown_text,
            now,
        } = self;
        let current = records::profile(conn, &expected.id)?
            .ok_or(ApiError::new(ErrorCode::ChallengeUnknown))?;
        let customer = if from_issue {
            // Read when the challenge was issued: the customer's codes may have been
            // blocked since, which refuses the answer before anything is counted.
            let customer = records::customer(conn, current.customer_id)?;
            if customer.codes_blocked {
                return Err(ErrorCode::CodesBlocked.into());
            }
            customer
        } else {
            customer
        };
        // Another request may have locked, revoked or re-keyed the profile meanwhile.
        current.require_active()?;
        if from_issue && !same_keys(&current, &expected) {
            return Ok(Outcome::Stale { issued, action });
        }
        if current.keys_version != expected.keys_version {
            return Err(ErrorCode::ChallengeMismatch.into());
        }
        let challenge = &issued.challenge;
        let purpose_code = challenge.purpose.code();
        let at = to_millis(now);
        if !verified {
            let failures = current.failures + 1;
            let locked = failures >= MAX_FAILURES;
            conn.execute(
                "UPDATE profiles SET failures = ?2 WHERE id = ?1",
                params![current.id, failures],
            )?;
            conn.execute(
                "INSERT INTO approval_events (at, profile_id, purpose, subject_id, outcome,
                     challenge_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    at,
                    current.id,
                    purpose_code,
                    challenge.subject_id,
                    if locked { "locked" } else { "failed" },
                    challenge.challenge_id
                ],
            )?;
            if !locked {
                return Ok(Outcome::Failed {
                    attempts_left: MAX_FAILURES - failures,
                });
            }
            let next = current
                .state
                .apply(ProfileEvent::Lock(LockReason::WrongPins))
                .unwrap_or(ProfileState::Locked {
                    reason: LockReason::WrongPins,
                });
            records::set_profile_state(conn, &current.id, next, now)?;
            credentials::lock_user_code(conn, current.customer_id, UserCodeLock::WrongPins)?;
            let customer = records::customer(conn, current.customer_id)?;
            return Ok(Outcome::Locked(customer));
        }
        if !counter_advances(challenge.counter, current.counter) {
            return Err(ErrorCode::CounterNotIncreasing.into());
        }
        if let Some(counter) = app_attest_counter {
            // Against the current row: two answers with the same assertion counter
            // (a replay racing the original) cannot both pass.
            let advanced = conn.execute(
                "UPDATE profiles SET app_attest_counter = ?2
                 WHERE id = ?1 AND app_attest_counter < ?2",
                params![current.id, counter],
            )?;
            if advanced != 1 {
                return Err(ErrorCode::AttestationFailed.into());
            }
        }
        conn.prepare_cached(
            "UPDATE profiles SET failures = 0, counter = ?2, last_used_at = ?3 WHERE id = ?1",
        )?
        .execute(params![
            current.id,
            i64::try_from(challenge.counter).unwrap_or(i64::MAX),
            at
        ])?;
        let mut current = current;
        let changed = issued
            .reported
            .as_ref()
            .filter(|r| r.os_version != current.os_version || r.app_version != current.app_version);
        if let Some(reported) = changed {
            conn.prepare_cached(
                "UPDATE profiles SET os_version = ?2, app_version = ?3 WHERE id = ?1",
            )?
            .execute(params![
                current.id,
                reported.os_version,
                reported.app_version
            ])?;
            current.os_version.clone_from(&reported.os_version);
            current.app_version.clone_from(&reported.app_version);
        }
        conn.prepare_cached(
            "INSERT INTO approval_events (at, profile_id, purpose, subject_id, outcome,
                 challenge_id) VALUES (?1, ?2, ?3, ?4, 'approved', ?5)",
        )?
        .execute(params![
            at,
            current.id,
            purpose_code,
            challenge.subject_id,
            challenge.challenge_id
        ])?;
        let value = action(
            conn,
            Approved {
                issued: &issued,
                profile: &current,
                customer: &customer,
                shown_text: shown_text.as_deref(),
            },
        )?;
        Ok(Outcome::Approved(value))
    }
}

/// The shown text a purpose needs, or `invalid_value` when the device sent none.
pub fn require_shown_text(shown_text: Option<&str>) -> ApiResult<String> {
    shown_text
        .map(str::to_owned)
        .ok_or(ApiError::new(ErrorCode::InvalidValue))
}

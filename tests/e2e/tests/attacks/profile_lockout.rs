//! Locking a customer out, or rewriting their device's record, knowing only a profile id.
//!
//! A challenge is handed to anyone who names a profile id (a login starts without a
//! session), so the bank must not let an answer that does not prove possession count for
//! anything: a failure counts only when K_dev's signature verifies and then the PIN (or
//! biometric) signature does not. Garbage answers, however many and however concurrent,
//! leave the failure count at 0, the profile active and the user code open. The OS and
//! app versions sent with a challenge request are a claim: the bank applies the OS policy
//! to them but stores them only when the answer verifies. The real device's wrong PINs
//! still lock the profile after exactly five, even when they arrive at once.

use avain_core::api::{
    Assertion, Base64Bytes, Challenge, ChallengeRequest, DeviceList, DeviceState, ErrorCode,
    Factor, LoginChannel, LoginRequest, Session,
};
use avain_core::signed_bytes::Approval;
use avain_sandbox::Sandbox;
use avain_sandbox::client::{BankClient, CallError, LOGIN_TEXT, SoftwareDevice};
use avain_sandbox::seed::{self, ANNA};

const PIN: &str = "2580";
const WRONG_PIN: &str = "9713";

async fn bank_with_active_device() -> (Sandbox, BankClient, SoftwareDevice) {
    let bank = Sandbox::start_fresh().await.expect("sandbox starts");
    let client = BankClient::for_sandbox(&bank).expect("client");
    let mut device = SoftwareDevice::new();
    let anna = seed::customer(ANNA).expect("seeded customer");
    client
        .register_active(anna, &mut device, PIN)
        .await
        .expect("registration and unlock");
    (bank, client, device)
}

/// What an attacker who knows only the profile id sends to get a challenge.
fn challenge_request(profile_id: &str, os_version: &str, app_version: &str) -> ChallengeRequest {
    ChallengeRequest {
        profile_id: profile_id.to_owned(),
        device: DeviceState {
            os_version: os_version.to_owned(),
            app_version: app_version.to_owned(),
        },
        channel: LoginChannel::App,
    }
}

fn login_approval() -> Approval {
    Approval::Login {
        channel: LoginChannel::App,
        shown_text: LOGIN_TEXT.to_owned(),
    }
}

/// An answer without the device's keys: random bytes for odd `n`, for even `n` real
/// signatures over the right bytes by another phone's K_dev and a K_pin of the attacker's.
fn forged_answer(challenge: &Challenge, n: usize) -> Assertion {
    if n % 2 == 1 {
        Assertion {
            challenge_id: challenge.challenge_id.clone(),
            factor: Factor::Pin,
            device_signature: Base64Bytes(vec![0x30; 71]),
            factor_signature: Base64Bytes(vec![0xa5; 64]),
            shown_text: Some(LOGIN_TEXT.to_owned()),
            app_attest_assertion: None,
        }
    } else {
        SoftwareDevice::new().answer(challenge, &login_approval(), Some(PIN))
    }
}

/// `(failures, state)` of the profile, and its approval events other than approvals.
fn profile_record(bank: &Sandbox, profile_id: &str) -> (u32, String, Vec<String>) {
    let conn = avain_sandbox::db::connect(&bank.database_path()).expect("database opens");
    let (failures, state) = conn
        .query_row(
            "SELECT failures, state FROM profiles WHERE id = ?1",
            [profile_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the profile exists");
    let events = conn
        .prepare(
            "SELECT outcome FROM approval_events WHERE profile_id = ?1
             AND outcome <> 'approved' ORDER BY id",
        )
        .expect("statement")
        .query_map([profile_id], |r| r.get(0))
        .expect("query")
        .collect::<Result<Vec<String>, _>>()
        .expect("rows");
    (failures, state, events)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_signatures_from_a_profile_id_never_lock_the_owner_out() {
    let (bank, client, owner) = bank_with_active_device().await;
    let profile_id = owner.profile_id.clone();

    let mut attempts = tokio::task::JoinSet::new();
    for n in 0..16 {
        let (client, profile_id) = (client.clone(), profile_id.clone());
        attempts.spawn(async move {
            let challenge: Challenge = client
                .post(
                    "/v1/challenges",
                    None,
                    &challenge_request(&profile_id, "14", "1.0.0"),
                )
                .await
                .expect("anyone naming the profile gets a challenge");
            let assertion = forged_answer(&challenge, n);
            client
                .post::<Session>("/v1/sessions", None, &LoginRequest { assertion })
                .await
                .expect_err("a forged answer never logs in")
        });
    }
    while let Some(refused) = attempts.join_next().await {
        let refused: CallError = refused.expect("task");
        assert_eq!(refused.status, 401, "{refused}");
        assert_eq!(refused.code(), Some(ErrorCode::SignatureInvalid));
        assert_eq!(
            refused.body.and_then(|b| b.attempts_left),
            None,
            "no count is told to a sender that did not prove possession"
        );
    }

    let (failures, state, events) = profile_record(&bank, &profile_id);
    assert_eq!((failures, state.as_str()), (0, "active"));
    assert!(
        events.is_empty(),
        "nothing recorded as a failure: {events:?}"
    );
    // The online-bank user code stays open, and the owner logs in with the PIN.
    let anna = seed::customer(ANNA).expect("seeded customer");
    client
        .online_bank_login(anna)
        .await
        .expect("the user code is not locked");
    client
        .login(&owner, Some(PIN))
        .await
        .expect("the owner logs in with the PIN");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unauthenticated_challenge_request_does_not_rewrite_the_device_versions() {
    let (bank, client, mut owner) = bank_with_active_device().await;
    let session = client.login(&owner, Some(PIN)).await.expect("login");
    let token = session.token.expose().to_owned();

    // An old but still allowed Android and another app version, from someone with only
    // the profile id, concurrently: the challenges are issued (the policy allows them),
    // a few are answered with garbage, the rest left open.
    let mut attempts = tokio::task::JoinSet::new();
    for n in 0..10 {
        let (client, profile_id) = (client.clone(), owner.profile_id.clone());
        attempts.spawn(async move {
            let challenge: Challenge = client
                .post(
                    "/v1/challenges",
                    None,
                    &challenge_request(&profile_id, "9", "0.1.0"),
                )
                .await
                .expect("the policy allows Android 9");
            if n < 3 {
                let assertion = forged_answer(&challenge, n);
                let refused = client
                    .post::<Session>("/v1/sessions", None, &LoginRequest { assertion })
                    .await
                    .expect_err("a forged answer never logs in");
                assert_eq!(refused.code(), Some(ErrorCode::SignatureInvalid));
            }
        });
    }
    while let Some(done) = attempts.join_next().await {
        done.expect("task");
    }
    let versions = |list: &DeviceList| {
        let device = list
            .devices
            .iter()
            .find(|d| d.this_device)
            .expect("this device is listed");
        (device.os_version.clone(), device.app_version.clone())
    };
    let list: DeviceList = client
        .get("/v1/devices", Some(&token))
        .await
        .expect("devices");
    assert_eq!(versions(&list), ("14".to_owned(), "1.0.0".to_owned()));

    // The real device, updated, reports its new versions with a verified login: those
    // are stored.
    owner.description.os_version = "15".to_owned();
    owner.description.app_version = "1.1.0".to_owned();
    let session = client.login(&owner, Some(PIN)).await.expect("login");
    let list: DeviceList = client
        .get("/v1/devices", Some(session.token.expose()))
        .await
        .expect("devices");
    assert_eq!(versions(&list), ("15".to_owned(), "1.1.0".to_owned()));
    let (failures, state, _) = profile_record(&bank, &owner.profile_id);
    assert_eq!((failures, state.as_str()), (0, "active"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_wrong_pins_from_the_real_device_still_lock_after_exactly_five() {
    let (bank, client, owner) = bank_with_active_device().await;
    let mut challenges = Vec::new();
    for _ in 0..20 {
        challenges.push(client.login_challenge(&owner).await.expect("challenge"));
    }
    let mut answers = tokio::task::JoinSet::new();
    for challenge in challenges {
        let assertion = owner.answer(&challenge, &login_approval(), Some(WRONG_PIN));
        let client = client.clone();
        answers.spawn(async move {
            client
                .post::<Session>("/v1/sessions", None, &LoginRequest { assertion })
                .await
                .expect_err("a wrong PIN never logs in")
        });
    }
    let mut attempts_left = Vec::new();
    let mut locked = 0;
    while let Some(refused) = answers.join_next().await {
        let refused = refused.expect("task");
        match refused.code() {
            Some(ErrorCode::SignatureInvalid) => {
                assert_eq!(refused.status, 401);
                attempts_left.push(refused.body.and_then(|b| b.attempts_left));
            }
            Some(ErrorCode::ProfileLocked) => {
                assert_eq!(refused.status, 423);
                locked += 1;
            }
            other => panic!("unexpected answer {other:?}"),
        }
    }
    attempts_left.sort();
    assert_eq!(attempts_left, [Some(1), Some(2), Some(3), Some(4)]);
    assert_eq!(locked, 16);

    let (failures, state, events) = profile_record(&bank, &owner.profile_id);
    assert_eq!((failures, state.as_str()), (5, "locked"));
    assert_eq!(events, ["failed", "failed", "failed", "failed", "locked"]);
    let refused = client
        .login(&owner, Some(PIN))
        .await
        .expect_err("locked, even with the right PIN");
    assert_eq!(refused.code(), Some(ErrorCode::ProfileLocked));
    let anna = seed::customer(ANNA).expect("seeded customer");
    let refused = client
        .online_bank_login(anna)
        .await
        .expect_err("the user code is locked with the profile");
    assert_eq!(refused.code(), Some(ErrorCode::UserCodeLocked));
}

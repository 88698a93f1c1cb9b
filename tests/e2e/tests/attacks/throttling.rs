//! Throttling and oracles of the flows anyone can start without logging in: the
//! self-service unlock (HETU + user id, which sends an SMS code), the browser's "log in with
//! the code app" (which pushes to the customer's phones), the meeting look-up (booking code
//! + phone), and login challenges for a profile id.
//!
//! The attacks: tell from the unlock start whether a HETU belongs to a user id; flood a
//! customer with SMS or pushes; guess SMS codes by restarting the unlock; guess booking
//! codes; flood challenges for a profile id; spread guesses over many user ids from one
//! address. The bank must answer a non-matching pair exactly like a matching one (same
//! status and body shape, a decoy attempt that then fails like a wrong SMS code, no SMS),
//! count what an attacker must repeat per user id / profile id and per client address in
//! windows that expire, and refuse beyond the limit with 429, `Retry-After` (seconds) and
//! the code `rate_limited`; the phone turns that into "try again in N minutes". Legitimate
//! load (32 concurrent complete logins from one loopback address) is not throttled.

use std::collections::HashSet;

use avain_core::api::sandbox::Outbox;
use avain_core::api::{Challenge, ChallengeRequest, ErrorCode, LoginChannel};
use avain_core::client::{AvainError, AvainErrorCode};
use avain_core::net::Trust;
use avain_e2e::Harness;
use avain_sandbox::Sandbox;
use avain_sandbox::client::{BankClient, SoftwareDevice};
use avain_sandbox::seed::{self, ANNA, MIKKO, SANNA};
use reqwest::StatusCode;
use reqwest::header::{COOKIE, HeaderMap, RETRY_AFTER, SET_COOKIE};
use serde_json::{Value, json};

const PIN: &str = "4719";
/// The sandbox's default per-address limit (`ThrottleSettings::default()`).
const PER_ADDRESS: usize = 60;

/// One answer: status, `Retry-After` and the JSON body (`null` when not JSON).
#[derive(Debug)]
struct Answer {
    status: StatusCode,
    retry_after: Option<u32>,
    body: Value,
}

impl Answer {
    /// Asserts a throttling refusal: 429, a positive `Retry-After`, `rate_limited`.
    fn assert_throttled(&self) {
        assert_eq!(self.status, StatusCode::TOO_MANY_REQUESTS, "{self:?}");
        assert!(self.retry_after.is_some_and(|s| s > 0), "{self:?}");
        if !self.body.is_null() {
            assert_eq!(self.body["code"], "rate_limited", "{self:?}");
        }
    }
}

fn http(bank: &Sandbox) -> reqwest::Client {
    let config =
        avain_core::net::client_config(&Trust::only_root(bank.root_certificate_der().to_vec()))
            .expect("the sandbox's root certificate is valid");
    reqwest::Client::builder()
        .tls_backend_preconfigured(config)
        .https_only(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTPS client")
}

async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status();
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let bytes = response.bytes().await.expect("the body arrives");
    Answer {
        status,
        retry_after,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

async fn post(http: &reqwest::Client, bank: &Sandbox, path: &str, body: &Value) -> Answer {
    let response = http
        .post(format!("{}{path}", bank.url()))
        .json(body)
        .send()
        .await
        .expect("the bank answers");
    answer(response).await
}

async fn unlock_start(http: &reqwest::Client, bank: &Sandbox, user_id: &str, hetu: &str) -> Answer {
    post(
        http,
        bank,
        "/v1/user-code-unlocks",
        &json!({"user_id": user_id, "hetu": hetu}),
    )
    .await
}

fn hetu_of(user_id: &str) -> String {
    seed::customer(user_id).expect("a seed customer").hetu()
}

/// Five wrong passwords lock the customer's user code (what the unlock opens).
async fn lock_user_code(client: &BankClient, user_id: &str) {
    let customer = seed::customer(user_id).expect("a seed customer");
    for _ in 0..5 {
        client
            .online_bank_login_with(customer, "vaara123")
            .await
            .expect_err("a wrong password is refused");
    }
}

async fn sent(client: &BankClient, user_id: &str, kind: &str) -> usize {
    let outbox: Outbox = client
        .get(&format!("/v1/sandbox/outbox?user_id={user_id}"), None)
        .await
        .expect("the outbox");
    outbox.messages.iter().filter(|m| m.kind == kind).count()
}

/// The body's shape: its keys, recursively, with each value's JSON type.
fn shape(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect())
        }
        Value::String(_) => json!("string"),
        Value::Number(_) => json!("number"),
        Value::Bool(_) => json!("bool"),
        Value::Array(_) => json!("array"),
        Value::Null => json!("null"),
    }
}

/// Finishes an unlock attempt with a wrong SMS code (and a key-card code that would be
/// right for `user_id`), three times: what every attempt answers to that.
async fn three_wrong_sms_codes(
    http: &reqwest::Client,
    bank: &Sandbox,
    started: &Value,
    user_id: &str,
) -> Vec<(StatusCode, Value)> {
    let attempt = started["key_card"]["attempt_id"]
        .as_str()
        .expect("an attempt id");
    let index = started["key_card"]["key_card_index"]
        .as_u64()
        .expect("an index");
    let code = seed::customer(user_id)
        .expect("a seed customer")
        .key_card_code(u32::try_from(index).expect("a small index"));
    let mut answers = Vec::new();
    for _ in 0..3 {
        let a = post(
            http,
            bank,
            &format!("/v1/user-code-unlocks/{attempt}"),
            &json!({"sms_code": "000000", "key_card_code": code}),
        )
        .await;
        answers.push((
            a.status,
            json!({"code": a.body["code"], "attempts_left": a.body["attempts_left"]}),
        ));
    }
    answers
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unlock_start_is_no_hetu_oracle() {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let client = BankClient::for_sandbox(&bank).expect("client");
    let http = http(&bank);
    lock_user_code(&client, ANNA).await;

    let right = unlock_start(&http, &bank, ANNA, &hetu_of(ANNA)).await;
    let wrong_hetu = unlock_start(&http, &bank, ANNA, &hetu_of(MIKKO)).await;
    for a in [&right, &wrong_hetu] {
        assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
        assert_eq!(shape(&a.body), shape(&right.body), "{a:?}");
        let id = a.body["key_card"]["attempt_id"].as_str().expect("an id");
        assert!(
            id.starts_with("ucu_")
                && id.len()
                    == right.body["key_card"]["attempt_id"]
                        .as_str()
                        .expect("an id")
                        .len(),
            "{id}"
        );
        let index = a.body["key_card"]["key_card_index"]
            .as_u64()
            .expect("an index");
        assert!(
            (1..=u64::from(seed::KEY_CARD_SIZE)).contains(&index),
            "{index}"
        );
    }
    // The hint depends on the user id only, not on the HETU.
    assert_eq!(right.body["phone_hint"], wrong_hetu.body["phone_hint"]);
    // Only the matching pair got an SMS.
    assert_eq!(sent(&client, ANNA, "user_code_unlock_sms_code").await, 1);
    assert_eq!(sent(&client, MIKKO, "user_code_unlock_sms_code").await, 0);

    // The decoys fail exactly like the real attempt given wrong SMS codes.
    let real = three_wrong_sms_codes(&http, &bank, &right.body, ANNA).await;
    assert_eq!(real[0].1["code"], "sms_code_wrong", "{real:?}");
    assert_eq!(real[2].1["code"], "expired", "{real:?}");
    assert_eq!(
        three_wrong_sms_codes(&http, &bank, &wrong_hetu.body, ANNA).await,
        real
    );
    // Where no start is possible, the answer depends on the user id alone: an unknown user
    // id and a customer whose code is not locked get the same `conflict`, right HETU or not.
    let unknown_user = unlock_start(&http, &bank, "59990001", &hetu_of(ANNA)).await;
    let unlocked_right = unlock_start(&http, &bank, MIKKO, &hetu_of(MIKKO)).await;
    let unlocked_wrong = unlock_start(&http, &bank, MIKKO, &hetu_of(ANNA)).await;
    for a in [&unknown_user, &unlocked_right, &unlocked_wrong] {
        assert_eq!(a.status, StatusCode::CONFLICT, "{a:?}");
        assert_eq!(a.body, unknown_user.body, "{a:?}");
    }
    assert_eq!(sent(&client, MIKKO, "user_code_unlock_sms_code").await, 0);
    // Nothing was unlocked.
    assert_eq!(
        client
            .online_bank_login(seed::customer(ANNA).expect("anna"))
            .await
            .expect_err("still locked")
            .code(),
        Some(ErrorCode::UserCodeLocked)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sms_flooding_stops_at_the_limit() {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let client = BankClient::for_sandbox(&bank).expect("client");
    lock_user_code(&client, ANNA).await;
    let http = http(&bank);
    let hetu = hetu_of(ANNA);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (http, url, hetu) = (http.clone(), bank.url().to_owned(), hetu.clone());
        tasks.spawn(async move {
            let response = http
                .post(format!("{url}/v1/user-code-unlocks"))
                .json(&json!({"user_id": ANNA, "hetu": hetu}))
                .send()
                .await
                .expect("the bank answers");
            answer(response).await
        });
    }
    let mut started = 0;
    while let Some(a) = tasks.join_next().await {
        let a = a.expect("task");
        if a.status == StatusCode::CREATED {
            started += 1;
        } else {
            a.assert_throttled();
            assert!(a.retry_after.is_some_and(|s| s <= 3600), "{a:?}");
        }
    }
    assert_eq!(started, 3);
    assert_eq!(sent(&client, ANNA, "user_code_unlock_sms_code").await, 3);
    // The window expires: an hour later the customer can start again (no permanent lock).
    let _: Value = client
        .post("/v1/sandbox/clock", None, &json!({"advance_s": 3600}))
        .await
        .expect("the clock moves");
    let again = unlock_start(&http, &bank, ANNA, &hetu).await;
    assert_eq!(again.status, StatusCode::CREATED, "{again:?}");
    assert_eq!(sent(&client, ANNA, "user_code_unlock_sms_code").await, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sms_code_guessing_across_restarted_unlocks_stops() {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let client = BankClient::for_sandbox(&bank).expect("client");
    lock_user_code(&client, ANNA).await;
    let http = http(&bank);
    let mut guesses = 0;
    let mut refused = None;
    for _ in 0..10 {
        let a = unlock_start(&http, &bank, ANNA, &hetu_of(ANNA)).await;
        if a.status != StatusCode::CREATED {
            refused = Some(a);
            break;
        }
        for (status, body) in three_wrong_sms_codes(&http, &bank, &a.body, ANNA).await {
            assert_eq!(status.as_u16() / 100, 4, "{body}");
            guesses += 1;
        }
    }
    refused.expect("the restarts stop").assert_throttled();
    assert_eq!(guesses, 9, "3 starts per hour x 3 tries");
}

/// A browser's login page: its cookie and the form token.
async fn browser(http: &reqwest::Client, bank: &Sandbox) -> (String, String) {
    let page = http
        .get(format!("{}/login", bank.url()))
        .send()
        .await
        .expect("the login page");
    let cookie = cookie(page.headers(), "__Host-avain-browser");
    let html = page.text().await.expect("html");
    let token: String = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|t| t.split('"').next())
        .expect("a form token")
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    (cookie, token)
}

fn cookie(headers: &HeaderMap, name: &str) -> String {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .expect("the cookie is set")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_login_push_flooding_stops() {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let client = BankClient::for_sandbox(&bank).expect("client");
    let mut device = SoftwareDevice::new();
    client
        .register_active(seed::customer(ANNA).expect("anna"), &mut device, PIN)
        .await
        .expect("an active profile");
    let http = http(&bank);
    let (cookie, token) = browser(&http, &bank).await;
    let mut throttled = 0;
    for _ in 0..20 {
        let response = http
            .post(format!("{}/login/app", bank.url()))
            .header(COOKIE, &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("csrf={token}&username={ANNA}"))
            .send()
            .await
            .expect("the bank answers");
        let a = answer(response).await;
        if a.status != StatusCode::OK {
            a.assert_throttled();
            throttled += 1;
        }
    }
    assert_eq!(throttled, 15);
    assert_eq!(sent(&client, ANNA, "online_bank_login").await, 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meeting_lookup_guessing_stops() {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let http = http(&bank);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..PER_ADDRESS + 20 {
        let (http, url) = (http.clone(), bank.url().to_owned());
        tasks.spawn(async move {
            let response = http
                .post(format!("{url}/v1/meeting-lookups"))
                .json(&json!({"booking_code": format!("GUESS{i:03}"), "phone": "0401234567"}))
                .send()
                .await
                .expect("the bank answers");
            answer(response).await
        });
    }
    let mut not_found = 0;
    while let Some(a) = tasks.join_next().await {
        let a = a.expect("task");
        if a.status == StatusCode::NOT_FOUND {
            not_found += 1;
        } else {
            a.assert_throttled();
        }
    }
    assert_eq!(not_found, PER_ADDRESS);
}

/// Guessing the phone of one booking stops after five wrong phones, but the stop must
/// neither tell which booking codes exist (an unknown code stops exactly like a real one)
/// nor lock the customer out of their own booking for good (it ends with its window).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_booking_lookup_stop_is_no_code_oracle_and_expires() {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let http = http(&bank);
    let lookup = |code: &str, phone: &str| json!({"booking_code": code, "phone": phone});
    for code in [seed::ANNA_MEETING, "ZZZZ9999"] {
        for _ in 0..5 {
            let a = post(
                &http,
                &bank,
                "/v1/meeting-lookups",
                &lookup(code, "0409999999"),
            )
            .await;
            assert_eq!(a.status, StatusCode::NOT_FOUND, "{code}: {a:?}");
        }
    }
    // The sixth try: the real booking and the made-up one answer alike, even with the
    // right phone for the real one.
    let real = post(
        &http,
        &bank,
        "/v1/meeting-lookups",
        &lookup(seed::ANNA_MEETING, "0401234567"),
    )
    .await;
    let made_up = post(
        &http,
        &bank,
        "/v1/meeting-lookups",
        &lookup("ZZZZ9999", "0401234567"),
    )
    .await;
    real.assert_throttled();
    made_up.assert_throttled();
    assert_eq!(real.body, made_up.body);
    // An hour later the customer finds their booking again.
    let client = BankClient::for_sandbox(&bank).expect("client");
    let _: Value = client
        .post("/v1/sandbox/clock", None, &json!({"advance_s": 3601}))
        .await
        .expect("clock");
    let found = post(
        &http,
        &bank,
        "/v1/meeting-lookups",
        &lookup(seed::ANNA_MEETING, "040 123 4567"),
    )
    .await;
    assert_eq!(found.status, StatusCode::OK, "{found:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn challenge_flooding_for_a_profile_id_stops() {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let client = BankClient::for_sandbox(&bank).expect("client");
    let mut device = SoftwareDevice::new();
    client
        .register_active(seed::customer(ANNA).expect("anna"), &mut device, PIN)
        .await
        .expect("an active profile");
    let request = ChallengeRequest {
        profile_id: device.profile_id.clone(),
        device: device.state(),
        channel: LoginChannel::App,
    };
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let (client, request) = (client.clone(), request.clone());
        tasks.spawn(async move {
            client
                .post::<Challenge>("/v1/challenges", None, &request)
                .await
        });
    }
    let mut issued = Vec::new();
    while let Some(r) = tasks.join_next().await {
        match r.expect("task") {
            Ok(challenge) => issued.push(challenge),
            Err(e) => {
                assert_eq!(e.status, 429, "{e}");
                assert_eq!(e.code(), Some(ErrorCode::RateLimited));
            }
        }
    }
    assert_eq!(issued.len(), 60);
    // The customer's own login still works with a challenge already issued, and a valid
    // login clears the count.
    client
        .answer_login(&device, &issued[0], Some(PIN))
        .await
        .expect("the real login");
    client
        .login(&device, Some(PIN))
        .await
        .expect("logins go on");
}

/// The identification request's challenge is the other challenge anyone can ask for with
/// a profile id: flooding it must stop at the same per-profile limit as the login's (each
/// answer costs the bank a signature), whether or not the request exists.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identification_challenge_flooding_for_a_profile_id_stops() {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let client = BankClient::for_sandbox(&bank).expect("client");
    let mut device = SoftwareDevice::new();
    client
        .register_active(seed::customer(ANNA).expect("anna"), &mut device, PIN)
        .await
        .expect("an active profile");
    let body = json!({"profile_id": device.profile_id, "device": device.state()});
    let http = http(&bank);
    let limit = avain_sandbox::throttle::CHALLENGES_PER_PROFILE.max as usize;
    let mut not_found = 0;
    let mut throttled = 0;
    for i in 0..limit + 5 {
        let path = format!("/v1/identification-requests/idr_{i:024}/challenge");
        let a = post(&http, &bank, &path, &body).await;
        if a.status == StatusCode::TOO_MANY_REQUESTS {
            a.assert_throttled();
            throttled += 1;
        } else {
            assert_eq!(a.status, StatusCode::NOT_FOUND, "{a:?}");
            not_found += 1;
        }
    }
    assert_eq!((not_found, throttled), (limit, 5));
    // The login's challenges share the count.
    let login = ChallengeRequest {
        profile_id: device.profile_id.clone(),
        device: device.state(),
        channel: LoginChannel::App,
    };
    let refused = client
        .post::<Challenge>("/v1/challenges", None, &login)
        .await
        .expect_err("the profile's challenges are used up");
    assert_eq!(refused.code(), Some(ErrorCode::RateLimited));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_hammering_many_user_ids_is_limited_by_the_address_limit() {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let http = http(&bank);
    let hetu = hetu_of(SANNA);
    let mut answered = 0;
    let mut throttled = 0;
    // One start per user id: each user id stays far below its own limit. (Unknown user ids
    // are answered `conflict`, like a code that is not locked.)
    for i in 0..PER_ADDRESS + 10 {
        let a = unlock_start(&http, &bank, &format!("5999{i:04}"), &hetu).await;
        if a.status == StatusCode::CONFLICT {
            answered += 1;
        } else {
            a.assert_throttled();
            throttled += 1;
        }
    }
    assert_eq!((answered, throttled), (PER_ADDRESS, 10));
}

/// Spreads password guesses over many user ids through registration starts, which check
/// the online-bank password like the online bank's login does: the same per-address
/// failure limit must stop it, or registration is the way around the login's throttle.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_spraying_through_registration_starts_is_limited_by_the_address_limit() {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let http = http(&bank);
    let mut refused = 0;
    let mut throttled = 0;
    for i in 0..PER_ADDRESS + 10 {
        let body = json!({"username": format!("5999{i:04}"), "password": "Kesä2026!"});
        let a = post(&http, &bank, "/v1/registrations", &body).await;
        if a.status == StatusCode::TOO_MANY_REQUESTS {
            a.assert_throttled();
            throttled += 1;
        } else {
            assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{a:?}");
            refused += 1;
        }
    }
    assert_eq!((refused, throttled), (PER_ADDRESS, 10));
}

/// Registration starts for one user id count towards its online-bank login starts: an
/// attacker who alternates the two gets no more tries than with one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_and_login_starts_share_the_user_ids_limit() {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let http = http(&bank);
    let limit = avain_sandbox::throttle::LOGIN_STARTS_PER_USER.max as usize;
    let wrong = json!({"username": MIKKO, "password": "not the password"});
    let mut counted = 0;
    let mut throttled = None;
    for i in 0..=limit {
        let path = if i % 2 == 0 {
            "/v1/registrations"
        } else {
            "/v1/online-bank/logins"
        };
        let a = post(&http, &bank, path, &wrong).await;
        if a.status == StatusCode::TOO_MANY_REQUESTS {
            a.assert_throttled();
            throttled = Some(i);
            break;
        }
        counted += 1;
    }
    // Five wrong passwords lock the user code; the starts after it still count.
    assert_eq!((counted, throttled), (limit, Some(limit)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_two_concurrent_complete_logins_from_loopback_are_not_throttled() {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let customers: Vec<_> = seed::CUSTOMERS
        .iter()
        .filter(|c| c.phone.is_some() && c.sms_service)
        .collect();
    let mut phones = Vec::new();
    for i in 0..32 {
        let client = BankClient::for_sandbox(&bank).expect("client");
        let mut device = SoftwareDevice::new();
        client
            .register_active(customers[i % customers.len()], &mut device, PIN)
            .await
            .expect("an active profile");
        phones.push((client, device));
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (client, device) in phones {
        tasks.spawn(async move {
            for _ in 0..100 {
                client.login(&device, Some(PIN)).await?;
            }
            Ok::<_, avain_sandbox::client::CallError>(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("task").expect("every login passes");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_phone_says_how_long_to_wait_when_throttled() {
    let h = Harness::start().await.expect("harness");
    let hetu = hetu_of(MIKKO);
    let mut codes = HashSet::new();
    let mut last = None;
    for _ in 0..4 {
        match h
            .avain
            .start_user_code_unlock(ANNA.into(), hetu.clone())
            .await
        {
            Ok(_) => {
                codes.insert(None);
            }
            Err(e) => {
                codes.insert(Some(e.code()));
                last = Some(e);
            }
        }
    }
    let Some(AvainError::TryLater {
        retry_after_s: Some(wait),
        user_message: message,
        ..
    }) = last
    else {
        panic!("expected TryLater with the wait, got {last:?} ({codes:?})");
    };
    assert!((1..=3600).contains(&wait), "{wait}");
    let minutes = wait.div_ceil(60);
    assert!(message.contains(&minutes.to_string()), "{message}");
    assert_eq!(
        codes,
        // Anna's code is not locked: the starts within the limit are answered `conflict`.
        HashSet::from([
            Some(AvainErrorCode::Conflict),
            Some(AvainErrorCode::RateLimited)
        ])
    );
}

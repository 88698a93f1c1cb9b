//! `avain-bindings-sandbox`: a fresh sandbox bank for the Kotlin and Swift end-to-end
//! tests, plus a small plain-HTTP control server on loopback that plays the customer's
//! other hand, as `avain-e2e`'s harness does for the Rust tests: reading SMS codes from
//! the bank's outbox, looking up the paper key-code card, and unlocking a new profile in
//! the browser online bank.
//!
//! Plain HTTP on 127.0.0.1 keeps the tests free of TLS setup for these test-only calls
//! (Swift on Linux cannot trust a private CA in URLSession); the app's own traffic, the
//! core's, goes to the bank over HTTPS with the sandbox's root certificate.
//!
//! Prints `control http://127.0.0.1:PORT` when ready and serves until stdin closes or the
//! process is stopped. Control API (answers are text, one `key value` per line):
//!
//! | request | answer |
//! |---|---|
//! | `GET /bank` | `url`, `root_ca` (base64 DER), `challenge_key` (base64), `policy_key ID BASE64` |
//! | `GET /customer/{user_id}` | `user_id`, `password`, `hetu` of a demo customer |
//! | `GET /key-card/{user_id}/{index}` | the code (key-code cards are printed on paper) |
//! | `GET /sms/{user_id}/{kind}` | the newest 6-digit code of that kind, or 404 |
//! | `GET /outbox/{address}/{kind}` | `channel sms\|email` and `text ...` of the newest message of that kind to a phone number or e-mail address (meetings booked without login and invitations are filed under the address) |
//! | `GET /pushes/{user_id}` | one `push KIND` line per push notification the bank sent to the customer's phones, oldest first |
//! | `POST /unlock/{user_id}` | how many pending profiles the online bank unlocked |
//! | `POST /lock/{user_id}` | how many usable profiles the customer locked in the online bank (`online_bank_settings.rs`) |
//! | `POST /open/{user_id}` | how many of those the customer opened again with a key-card code |
//! | `POST /phone/{user_id}/{number}` | `saved`: the mobile number, confirmed with the key-card and SMS codes |
//! | `POST /sms-service/{user_id}` | `on`: the SMS additional service switched on |
//! | `POST /broker/{user_id}/{service}` | `request_id`, `status`: a service asks to identify the customer |
//! | `GET /broker/{request_id}` | `request_id`, `status`, `name` (once approved): what the broker learns |
//! | `POST /browser-login/{user_id}` | `request_id`, `short_code`, `app_link` (the page's "open the code app on this device" link): a browser waits for the code app |
//! | `GET /browser-login/{request_id}` | `pending`, `approved`, `rejected` or `expired`, as the page sees it |
//! | `POST /meetings/{code}/identifier/{user_id}` | the identifier the expert reads out |
//! | `GET /meetings/{code}` | the expert's view: `participant IDENTIFIED NAME` lines |
//! | `POST /clock/{unix_ms}` | `now MS`: the bank's clock stands still at that instant (`clock.rs`) |
//! | `POST /clock/real` | `now MS`: the bank's clock runs on real time again |
//! | `POST /relay`, `/relay/{id}/...` | a relay that holds the bank's answers, for cancelling calls (`relay.rs`) |
//! | `POST /attestation/...` | the bank's attestation policy and the simulated Android Keystore attestation and App Attest (`attestation.rs`) |

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

use avain_core::api::OnlineBankDeviceList;
use avain_core::api::sandbox::{Channel, Outbox};
use avain_core::lifecycle::ProfileState;
use avain_sandbox::Sandbox;
use avain_sandbox::client::BankClient;
use avain_sandbox::seed;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use tokio::io::AsyncReadExt;

mod attestation;
mod clock;
mod online_bank_settings;
mod relay;
mod services;
#[cfg(test)]
mod test_support;

struct Control {
    bank: Sandbox,
    /// The bank's JSON API, for the online bank and the sandbox's own endpoints.
    browser: BankClient,
    /// A browser with cookies, for the online bank's pages.
    web: reqwest::Client,
    /// The browser logins waiting for the app.
    browsers: services::Browsers,
    /// The relays the cancellation tests put between their phone and the bank.
    relays: relay::Relays,
}

impl Control {
    /// A fresh sandbox bank and the customer's other hand.
    async fn start() -> Result<Control, String> {
        let bank = Sandbox::start_fresh().await.map_err(|e| e.to_string())?;
        let browser = BankClient::for_sandbox(&bank)?;
        let web = services::browser_http(bank.root_certificate_der())?;
        Ok(Control {
            bank,
            browser,
            web,
            browsers: services::Browsers::default(),
            relays: relay::Relays::default(),
        })
    }
}

/// The control API (the table above).
fn router(control: Arc<Control>) -> Router {
    Router::new()
        .route("/bank", get(bank_settings))
        .route("/customer/{user_id}", get(demo_customer))
        .route("/key-card/{user_id}/{index}", get(key_card))
        .route("/sms/{user_id}/{kind}", get(sms))
        .route("/pushes/{user_id}", get(pushes))
        .route("/outbox/{address}/{kind}", get(services::outbox_to))
        .route("/unlock/{user_id}", post(unlock))
        .route("/lock/{user_id}", post(online_bank_settings::lock))
        .route("/open/{user_id}", post(online_bank_settings::open))
        .route(
            "/phone/{user_id}/{number}",
            post(online_bank_settings::phone),
        )
        .route(
            "/sms-service/{user_id}",
            post(online_bank_settings::sms_service),
        )
        // One parameter name per position: the router refuses `{user_id}` beside `{request_id}`.
        .route("/broker/{id}/{service}", post(services::broker_asks))
        .route("/broker/{id}", get(services::broker_result))
        .route(
            "/browser-login/{id}",
            post(services::browser_login).get(services::browser_login_status),
        )
        .route(
            "/meetings/{code}/identifier/{user_id}",
            post(services::expert_identifier),
        )
        .route("/meetings/{code}", get(services::expert_view))
        .route("/clock/real", post(clock::real))
        .route("/clock/{unix_ms}", post(clock::freeze))
        .route("/relay", post(relay::start))
        .route("/relay/{id}", get(relay::status))
        .route("/relay/{id}/hold", post(relay::hold_next))
        .route(
            "/relay/{id}/hold/{purpose}",
            post(relay::hold_after_approval),
        )
        .route("/relay/{id}/release", post(relay::release))
        .route(
            "/attestation/policy/{android}/{apple}",
            post(attestation::policy),
        )
        .route(
            "/attestation/android/{role}/{level}/{public_key}/{challenge}",
            post(attestation::android),
        )
        .route("/attestation/apple/keys", post(attestation::apple_key))
        .route(
            "/attestation/apple/attest/{key_id}/{client_data_hash}",
            post(attestation::apple_attest),
        )
        .route(
            "/attestation/apple/assert/{key_id}/{client_data_hash}",
            post(attestation::apple_assert),
        )
        .with_state(control)
}

type Answer = Result<String, (StatusCode, String)>;

fn not_found(what: &str) -> (StatusCode, String) {
    (StatusCode::NOT_FOUND, format!("no {what}\n"))
}

fn customer(user_id: &str) -> Result<&'static seed::SeedCustomer, (StatusCode, String)> {
    seed::customer(user_id).ok_or_else(|| not_found("such demo customer"))
}

async fn bank_settings(State(control): State<Arc<Control>>) -> Answer {
    let bank = &control.bank;
    let mut text = format!(
        "url {}\nroot_ca {}\nchallenge_key {}\n",
        bank.url(),
        STANDARD.encode(bank.root_certificate_der()),
        STANDARD.encode(bank.bank_keys().challenge_key.as_slice()),
    );
    if let Some(key) = bank.policy_bank_key() {
        text.push_str(&format!(
            "policy_key {} {}\n",
            key.id(),
            STANDARD.encode(key.public_key())
        ));
    }
    Ok(text)
}

async fn demo_customer(Path(user_id): Path<String>) -> Answer {
    let customer = customer(&user_id)?;
    Ok(format!(
        "user_id {}\npassword {}\nhetu {}\n",
        customer.user_id,
        customer.password,
        customer.hetu()
    ))
}

async fn key_card(Path((user_id, index)): Path<(String, u32)>) -> Answer {
    Ok(format!("{}\n", customer(&user_id)?.key_card_code(index)))
}

async fn sms(
    State(control): State<Arc<Control>>,
    Path((user_id, kind)): Path<(String, String)>,
) -> Answer {
    control
        .browser
        .latest_sms_code(&user_id, &kind)
        .await
        .map(|code| format!("{code}\n"))
        .ok_or_else(|| not_found("such SMS"))
}

async fn pushes(State(control): State<Arc<Control>>, Path(user_id): Path<String>) -> Answer {
    let outbox: Outbox = control
        .browser
        .get(&format!("/v1/sandbox/outbox?user_id={user_id}"), None)
        .await
        .map_err(|e| (StatusCode::BAD_GATEWAY, format!("{e}\n")))?;
    Ok(outbox
        .messages
        .iter()
        .filter(|m| m.channel == Channel::Push)
        .map(|m| format!("push {}\n", m.kind))
        .collect())
}

async fn unlock(State(control): State<Arc<Control>>, Path(user_id): Path<String>) -> Answer {
    let customer = customer(&user_id)?;
    let failed = |e: avain_sandbox::client::CallError| (StatusCode::BAD_GATEWAY, format!("{e}\n"));
    let token = control
        .browser
        .online_bank_login(customer)
        .await
        .map_err(failed)?;
    let list: OnlineBankDeviceList = control
        .browser
        .get("/v1/online-bank/devices", Some(&token))
        .await
        .map_err(failed)?;
    let mut unlocked = 0;
    for device in list.devices {
        if device.state == ProfileState::PendingUnlock {
            let _: serde_json::Value = control
                .browser
                .post_empty(
                    &format!("/v1/online-bank/devices/{}/unlock", device.profile_id),
                    Some(&token),
                )
                .await
                .map_err(failed)?;
            unlocked += 1;
        }
    }
    Ok(format!("{unlocked}\n"))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let control = match Control::start().await {
        Ok(control) => Arc::new(control),
        Err(e) => {
            eprintln!("avain-bindings-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    let app = router(Arc::clone(&control));
    let listener =
        match tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("avain-bindings-sandbox: {e}");
                return ExitCode::FAILURE;
            }
        };
    let address = match listener.local_addr() {
        Ok(address) => address,
        Err(e) => {
            eprintln!("avain-bindings-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("control http://{address}");
    // Serve until the parent closes our stdin (or stops us).
    let stdin_closed = async {
        let mut stdin = tokio::io::stdin();
        let mut buf = [0u8; 64];
        while matches!(stdin.read(&mut buf).await, Ok(n) if n > 0) {}
    };
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(stdin_closed)
        .await;
    if let Ok(control) = Arc::try_unwrap(control) {
        control.bank.stop().await;
    }
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("avain-bindings-sandbox: {e}");
            ExitCode::FAILURE
        }
    }
}

//! The bank's clock for the Kotlin and Swift tests, which move it together with the clock
//! they give the phone (`AvainSettings.clock`), so that no test waits in real time.
//!
//! These routes exist only on this control server (plain HTTP on loopback, started by
//! tests/bindings/with-sandbox): the bank's own API has no route that sets its clock
//! except `/v1/sandbox/clock`, which a bank started without its control routes answers
//! with 404. The tests below check both.

use std::sync::Arc;

use avain_sandbox::clock::ClockMode;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use time::{Duration, OffsetDateTime};

use crate::{Answer, Control};

/// The answer of both routes: the bank's time now, in milliseconds since 1970.
fn now_line(control: &Control) -> String {
    let now = control.bank.clock().now();
    format!("now {}\n", now.unix_timestamp_nanos() / 1_000_000)
}

/// `POST /clock/{unix_ms}`: the bank's clock stands still at that instant until the next
/// call (the phone's test clock does the same, so both agree to the millisecond).
pub async fn freeze(State(control): State<Arc<Control>>, Path(unix_ms): Path<i64>) -> Answer {
    let at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(unix_ms) * 1_000_000)
        .map_err(|_| (StatusCode::BAD_REQUEST, "no such instant\n".to_owned()))?;
    control.bank.clock().set_mode(ClockMode::Frozen(at));
    Ok(now_line(&control))
}

/// `POST /clock/real`: the bank's clock runs on real time again.
pub async fn real(State(control): State<Arc<Control>>) -> Answer {
    control.bank.clock().set_mode(ClockMode::Running {
        offset: Duration::ZERO,
    });
    Ok(now_line(&control))
}

#[cfg(test)]
mod tests {
    use avain_sandbox::client::BankClient;
    use avain_sandbox::{Sandbox, SandboxOptions};
    use reqwest::Method;

    use super::*;
    use crate::test_support::post;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_control_server_freezes_and_releases_the_banks_clock() {
        let control = Arc::new(Control::start().await.unwrap());
        let app = crate::router(Arc::clone(&control));
        let (status, body) = post(&app, "/clock/1796386507123").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body, "now 1796386507123\n");
        assert_eq!(
            control.bank.clock().now().unix_timestamp_nanos(),
            1_796_386_507_123_000_000
        );
        let (status, _) = post(&app, "/clock/real").await;
        assert_eq!(status, StatusCode::OK);
        let drift = control.bank.clock().now() - OffsetDateTime::now_utc();
        assert!(drift.abs() < Duration::seconds(5), "{drift}");
        let (status, _) = post(&app, &format!("/clock/{}", i64::MAX)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = post(&app, "/clock/tomorrow").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_banks_public_api_cannot_set_its_clock() {
        // A bank as the public reaches it: no control routes.
        let bank = Sandbox::start(SandboxOptions::default()).await.unwrap();
        let client = BankClient::for_sandbox(&bank).unwrap();
        let before = bank.clock().now();
        for (method, path, body) in [
            (Method::POST, "/v1/sandbox/clock", r#"{"advance_s": 86400}"#),
            (Method::POST, "/v1/sandbox/clock", r#"{"real": true}"#),
            (Method::GET, "/v1/sandbox/clock", ""),
            (Method::POST, "/clock/1796386507123", ""),
            (Method::POST, "/clock/real", ""),
        ] {
            let (status, _) = client
                .raw(
                    method.clone(),
                    path,
                    None,
                    Some("application/json"),
                    body.into(),
                )
                .await
                .unwrap();
            assert!(
                status == StatusCode::NOT_FOUND || status == StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}: HTTP {status}"
            );
        }
        let moved = bank.clock().now() - before;
        assert!(moved < Duration::minutes(1), "the clock moved by {moved}");
        bank.stop().await;
    }
}

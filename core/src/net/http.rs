//! The HTTP client the flows use: JSON over HTTPS to one bank base URL.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reqwest::{Method, StatusCode, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::tls::check_trust;
use super::{NetError, Trust, client_config};
use crate::api::ErrorCode;

/// Timeouts and retry budget. The defaults suit a phone on a mobile network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpOptions {
    /// Time to set up TCP and TLS.
    pub connect_timeout: Duration,
    /// Time for a whole request, answer included.
    pub request_timeout: Duration,
    /// Extra attempts for idempotent reads after a transient failure; writes never retry.
    pub read_retries: u32,
    /// Wait before the first retry; doubled for each next one.
    pub retry_backoff: Duration,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            read_retries: 2,
            retry_backoff: Duration::from_millis(250),
        }
    }
}

/// A connection pool to one bank. Cheap to share: clone the `Arc` around it.
///
/// The TLS configuration and the HTTP client are built on the first request, not when
/// the app opens: the first screen (the profile picker) needs no network, and with the
/// platform's roots the verifier reaches into the platform's trust store. [`BankHttp::new`]
/// still checks the configuration (URL, anchors, pins, the roots' encoding), so a wrong
/// one is reported when the app opens.
pub struct BankHttp {
    client: OnceLock<reqwest::Client>,
    trust: Trust,
    base: Url,
    options: HttpOptions,
    round_trips: AtomicU64,
}

impl std::fmt::Debug for BankHttp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BankHttp")
            .field("host", &self.base.host_str())
            .finish_non_exhaustive()
    }
}

impl BankHttp {
    /// A client for the bank at `base_url`, which must be `https://`.
    pub fn new(base_url: &str, trust: &Trust, options: HttpOptions) -> Result<BankHttp, NetError> {
        let mut base = Url::parse(base_url).map_err(|_| NetError::Configuration("bank_url"))?;
        if base.scheme() != "https" {
            return Err(NetError::Configuration("insecure_url"));
        }
        if base.host_str().is_none() || base.query().is_some() || !base.username().is_empty() {
            return Err(NetError::Configuration("bank_url"));
        }
        // Paths are joined onto the base, so it must end in a slash.
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        check_trust(trust)?;
        Ok(BankHttp {
            client: OnceLock::new(),
            trust: trust.clone(),
            base,
            options,
            round_trips: AtomicU64::new(0),
        })
    }

    /// The client, built on the first call (two racing first calls may both build one;
    /// one is kept).
    fn client(&self) -> Result<&reqwest::Client, NetError> {
        if let Some(client) = self.client.get() {
            return Ok(client);
        }
        let built = reqwest::Client::builder()
            .tls_backend_preconfigured(client_config(&self.trust)?)
            .https_only(true)
            .connect_timeout(self.options.connect_timeout)
            .timeout(self.options.request_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(Duration::from_secs(90))
            .build()
            .map_err(|_| NetError::Configuration("http_client"))?;
        Ok(self.client.get_or_init(|| built))
    }

    /// How many requests went to the bank so far (for the login round-trip benchmark).
    pub fn round_trips(&self) -> u64 {
        self.round_trips.load(Ordering::Relaxed)
    }

    /// GET `path` (relative to the base URL), retried on transient failures.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        bearer: Option<&str>,
    ) -> Result<T, NetError> {
        let mut wait = self.options.retry_backoff;
        let mut attempt = 0;
        loop {
            match self.send::<(), T>(Method::GET, path, None, bearer).await {
                Err(e) if e.is_transient() && attempt < self.options.read_retries => {
                    attempt += 1;
                    tracing::debug!(target: "avain::net", code = e.code(), attempt, "retrying read");
                    tokio::time::sleep(wait).await;
                    wait *= 2;
                }
                other => return other,
            }
        }
    }

    /// POST `body` as JSON to `path`; never retried (it may not be idempotent).
    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        bearer: Option<&str>,
    ) -> Result<T, NetError> {
        self.send(Method::POST, path, Some(body), bearer).await
    }

    /// POST to `path` without a body (an action named by the path); never retried.
    pub async fn post_empty<T: DeserializeOwned>(
        &self,
        path: &str,
        bearer: Option<&str>,
    ) -> Result<T, NetError> {
        self.send::<(), T>(Method::POST, path, None, bearer).await
    }

    /// PATCH `path` with `body` as JSON; never retried.
    pub async fn patch<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        bearer: Option<&str>,
    ) -> Result<T, NetError> {
        self.send(Method::PATCH, path, Some(body), bearer).await
    }

    /// GET `path` as raw bytes (a file download), retried on transient failures like
    /// [`BankHttp::get`].
    pub async fn get_bytes(&self, path: &str, bearer: Option<&str>) -> Result<Vec<u8>, NetError> {
        let mut wait = self.options.retry_backoff;
        let mut attempt = 0;
        loop {
            match self.send_raw::<()>(Method::GET, path, None, bearer).await {
                Err(e) if e.is_transient() && attempt < self.options.read_retries => {
                    attempt += 1;
                    tracing::debug!(target: "avain::net", code = e.code(), attempt, "retrying read");
                    tokio::time::sleep(wait).await;
                    wait *= 2;
                }
                other => return other,
            }
        }
    }

    /// DELETE `path`; never retried.
    pub async fn delete<T: DeserializeOwned>(
        &self,
        path: &str,
        bearer: Option<&str>,
    ) -> Result<T, NetError> {
        self.send::<(), T>(Method::DELETE, path, None, bearer).await
    }

    async fn send<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        bearer: Option<&str>,
    ) -> Result<T, NetError> {
        let bytes = self.send_raw(method, path, body, bearer).await?;
        // 204 No Content (and empty 200s) read as JSON `null`, which `()` accepts.
        let bytes: &[u8] = if bytes.is_empty() { b"null" } else { &bytes };
        serde_json::from_slice(bytes).map_err(|_| NetError::Protocol)
    }

    /// One request; a success's body as bytes, or the bank's error.
    async fn send_raw<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        bearer: Option<&str>,
    ) -> Result<Vec<u8>, NetError> {
        super::caller::admit(&method)?;
        let url = self
            .base
            .join(path.trim_start_matches('/'))
            .map_err(|_| NetError::Configuration("path"))?;
        let mut request = self.client()?.request(method, url);
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        self.round_trips.fetch_add(1, Ordering::Relaxed);
        let response = request.send().await.map_err(classify)?;
        let status = response.status();
        let retry_after_s = retry_after(response.headers());
        let bytes = response.bytes().await.map_err(classify)?;
        if status == StatusCode::TOO_MANY_REQUESTS {
            return Err(NetError::Throttled { retry_after_s });
        }
        if status.is_success() {
            return Ok(bytes.to_vec());
        }
        Err(NetError::Bank {
            status: status.as_u16(),
            code: error_code(status, &bytes),
            attempts_left: attempts_left(&bytes),
        })
    }
}

/// The longest wait a `Retry-After` is believed for: a day.
const MAX_RETRY_AFTER_S: u32 = 86_400;

/// `Retry-After` as whole seconds (the delay form; an HTTP date or garbage is ignored),
/// capped at [`MAX_RETRY_AFTER_S`].
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<u32> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    let seconds: u64 = value.trim().parse().ok()?;
    Some(
        u32::try_from(seconds)
            .unwrap_or(u32::MAX)
            .min(MAX_RETRY_AFTER_S),
    )
}

/// The bank's stable error code from an error body (`{"code": ...}` or
/// `{"error": {"code": ...}}`), read tolerantly: a code this version does not know is
/// [`ErrorCode::Unknown`]; without one (a proxy's page), a 5xx status is the bank's
/// [`ErrorCode::Internal`] and any other status `Unknown`.
fn error_code(status: StatusCode, body: &[u8]) -> ErrorCode {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let code = value
        .get("code")
        .or_else(|| value.get("error").and_then(|e| e.get("code")))
        .filter(|c| c.is_string())
        .and_then(|c| serde_json::from_value::<ErrorCode>(c.clone()).ok());
    match code {
        Some(code) => code,
        None if status.is_server_error() => ErrorCode::Internal,
        None => ErrorCode::Unknown,
    }
}

/// `attempts_left` from an error body, when present.
fn attempts_left(body: &[u8]) -> Option<u32> {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    value
        .get("attempts_left")
        .and_then(|n| n.as_u64())
        .and_then(|n| u32::try_from(n).ok())
}

fn classify(error: reqwest::Error) -> NetError {
    if is_tls_rejection(&error) {
        return NetError::UntrustedServer;
    }
    if error.is_timeout() {
        NetError::Timeout
    } else if error.is_connect() || error.is_request() {
        NetError::Connect
    } else {
        NetError::Protocol
    }
}

/// Whether a rustls error (bad chain, pin mismatch) is somewhere in the error's causes.
/// hyper wraps it in `io::Error`s, whose `source()` skips the wrapped error itself.
fn is_tls_rejection(error: &reqwest::Error) -> bool {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = next {
        if e.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        next = match e.downcast_ref::<std::io::Error>() {
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};

    fn with(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static(value));
        headers
    }

    fn bank_root() -> Vec<u8> {
        rcgen::generate_simple_self_signed(vec!["bank.example".to_owned()])
            .unwrap()
            .cert
            .der()
            .to_vec()
    }

    #[test]
    fn a_wrong_configuration_is_refused_at_open_and_a_right_one_builds_nothing_yet() {
        let root = bank_root();
        let http = BankHttp::new(
            "https://bank.example/api",
            &Trust::only_root(root.clone()),
            HttpOptions::default(),
        )
        .unwrap();
        assert!(http.client.get().is_none(), "the client was built at open");
        let pins_without_backup = Trust {
            system_roots: true,
            extra_roots_der: Vec::new(),
            pinned_spki_sha256: vec![[7; 32], [7; 32]],
        };
        for (url, trust, refused) in [
            (
                "http://bank.example/",
                Trust::only_root(root),
                NetError::Configuration("insecure_url"),
            ),
            (
                "https://bank.example/",
                Trust::default(),
                NetError::Configuration("no_trust_anchor"),
            ),
            (
                "https://bank.example/",
                Trust::only_root(b"not a certificate".to_vec()),
                NetError::BadCertificate,
            ),
            (
                "https://bank.example/",
                pins_without_backup,
                NetError::Configuration("backup_pin_missing"),
            ),
        ] {
            assert_eq!(
                BankHttp::new(url, &trust, HttpOptions::default()).err(),
                Some(refused),
                "{url} {trust:?}"
            );
        }
    }

    #[tokio::test]
    async fn the_first_request_builds_the_client_and_later_ones_reuse_it() {
        // A port nothing listens on: the request fails after the client is built.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let options = HttpOptions {
            read_retries: 0,
            connect_timeout: Duration::from_secs(5),
            ..HttpOptions::default()
        };
        let http = BankHttp::new(
            &format!("https://127.0.0.1:{port}/"),
            &Trust::only_root(bank_root()),
            options,
        )
        .unwrap();
        assert!(http.client.get().is_none());
        let first = http.get::<serde_json::Value>("policy", None).await;
        assert_eq!(first.unwrap_err(), NetError::Connect);
        let built = http.client.get().map(std::ptr::from_ref);
        assert!(
            built.is_some(),
            "the first request did not build the client"
        );
        let second = http.get::<serde_json::Value>("policy", None).await;
        assert_eq!(second.unwrap_err(), NetError::Connect);
        assert_eq!(http.client.get().map(std::ptr::from_ref), built);
        assert_eq!(http.round_trips(), 2);
    }

    #[test]
    fn retry_after_reads_seconds_only() {
        assert_eq!(retry_after(&with("120")), Some(120));
        assert_eq!(retry_after(&with(" 7 ")), Some(7));
        assert_eq!(retry_after(&with("99999999999")), Some(MAX_RETRY_AFTER_S));
        assert_eq!(retry_after(&with("Wed, 21 Oct 2015 07:28:00 GMT")), None);
        assert_eq!(retry_after(&with("-1")), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[test]
    fn error_codes_are_read_tolerantly_into_the_typed_code() {
        let conflict = StatusCode::CONFLICT;
        assert_eq!(
            error_code(conflict, br#"{"code":"challenge_used","message":"x"}"#),
            ErrorCode::ChallengeUsed
        );
        assert_eq!(
            error_code(conflict, br#"{"error":{"code":"meeting_full"}}"#),
            ErrorCode::MeetingFull
        );
        // A code of a newer bank, a code of the wrong type, or no body at all.
        assert_eq!(
            error_code(conflict, br#"{"code":"brand_new"}"#),
            ErrorCode::Unknown
        );
        assert_eq!(error_code(conflict, br#"{"code":7}"#), ErrorCode::Unknown);
        assert_eq!(error_code(conflict, b"<html>"), ErrorCode::Unknown);
        assert_eq!(
            error_code(StatusCode::BAD_GATEWAY, b"<html>"),
            ErrorCode::Internal
        );
    }
}

//! # avain-browser
//!
//! Drives Debian's headless Chromium through `chromedriver` (WebDriver, with the
//! `fantoccini` crate) against the sandbox bank's online bank (`tests/sandbox/src/web`).
//! The tests are in `tests/online_bank.rs` and run from `tests/run browser`, which
//! installs `chromium` and `chromium-driver`; they need the `browser` feature, so the
//! default `cargo test` (which has no browser) skips them.
//!
//! The browser trusts the sandbox's certificate through an explicit pin
//! (`--ignore-certificate-errors-spki-list` with the SHA-256 of the server's public key),
//! never by switching certificate checks off.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use base64::Engine;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use tokio::process::{Child, Command};

/// A phone-sized window (CSS pixels), as a customer holds it.
pub const PHONE: (u32, u32) = (390, 844);

/// What went wrong, as text for the test output.
pub type Failure = String;

/// A headless Chromium session with its chromedriver.
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    /// The bank's base URL ("https://127.0.0.1:port").
    pub base: String,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl std::fmt::Debug for Browser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Browser").field("base", &self.base).finish()
    }
}

fn free_port() -> Result<u16, Failure> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("port: {e}"))
}

/// The first program of `names` found on `PATH` (or as an absolute path).
fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    names.iter().find_map(|name| {
        let direct = Path::new(name);
        if direct.is_absolute() && direct.exists() {
            return Some(direct.to_path_buf());
        }
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.exists())
    })
}

impl Browser {
    /// Starts chromedriver and a headless Chromium that trusts the bank at `base`, whose
    /// data directory holds `tls/server-chain.pem`.
    pub async fn start(base: &str, bank_data_dir: &Path) -> Result<Browser, Failure> {
        let driver_path = find_program(&["chromedriver", "/usr/lib/chromium/chromedriver"])
            .ok_or("chromedriver not found (apt-get install chromium-driver)")?;
        let chromium = find_program(&["chromium", "/usr/bin/chromium"])
            .ok_or("chromium not found (apt-get install chromium)")?;
        let chain = std::fs::read_to_string(bank_data_dir.join("tls/server-chain.pem"))
            .map_err(|e| format!("server certificate: {e}"))?;
        let pin = spki_pin(&chain)?;
        let port = free_port()?;
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("chromedriver: {e}"))?;
        let profile = tempfile::tempdir().map_err(|e| format!("profile dir: {e}"))?;
        let caps = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new",
                    // Root in a container has no user namespace for Chromium's sandbox.
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--hide-scrollbars",
                    "--force-device-scale-factor=1",
                    format!("--window-size={},{}", PHONE.0, PHONE.1),
                    format!("--user-data-dir={}", profile.path().display()),
                    format!("--ignore-certificate-errors-spki-list={pin}"),
                    "--accept-lang=fi-FI,fi",
                ],
            },
        });
        let serde_json::Value::Object(caps) = caps else {
            return Err("capabilities".to_owned());
        };
        let url = format!("http://127.0.0.1:{port}");
        let mut last = String::new();
        // chromedriver takes a moment to listen.
        for _ in 0..100 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Ok(Browser {
                        client,
                        base: base.trim_end_matches('/').to_owned(),
                        driver,
                        _profile: profile,
                    });
                }
                Err(e) => last = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("webdriver session: {last}"))
    }

    /// Opens `path` of the bank.
    pub async fn open(&self, path: &str) -> Result<(), Failure> {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .map_err(|e| format!("goto {path}: {e}"))
    }

    /// The current path.
    pub async fn path(&self) -> Result<String, Failure> {
        self.client
            .current_url()
            .await
            .map(|u| u.path().to_owned())
            .map_err(|e| format!("url: {e}"))
    }

    /// Types `text` into the field with id `id` (found by its label's `for`).
    pub async fn fill(&self, id: &str, text: &str) -> Result<(), Failure> {
        let field = self
            .client
            .find(Locator::Id(id))
            .await
            .map_err(|e| format!("field {id}: {e}"))?;
        field
            .clear()
            .await
            .map_err(|e| format!("clear {id}: {e}"))?;
        field
            .send_keys(text)
            .await
            .map_err(|e| format!("type into {id}: {e}"))
    }

    /// Clicks the element matched by CSS `selector`.
    pub async fn click(&self, selector: &str) -> Result<(), Failure> {
        self.client
            .find(Locator::Css(selector))
            .await
            .map_err(|e| format!("find {selector}: {e}"))?
            .click()
            .await
            .map_err(|e| format!("click {selector}: {e}"))
    }

    /// Clicks the element matched by `selector` and waits until the browser shows the
    /// next document (a form's answer), so nothing is read from the page before it.
    pub async fn submit(&self, selector: &str) -> Result<(), Failure> {
        self.script("window.__avainOld = true; return 1;").await?;
        self.click(selector).await?;
        for _ in 0..200 {
            let done = self
                .script(
                    "return window.__avainOld === undefined && document.readyState === 'complete';",
                )
                .await
                .unwrap_or(serde_json::Value::Bool(false));
            if done == serde_json::Value::Bool(true) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(format!("no new page after clicking {selector}"))
    }

    /// The visible text of the element matched by `selector`.
    pub async fn text(&self, selector: &str) -> Result<String, Failure> {
        self.client
            .find(Locator::Css(selector))
            .await
            .map_err(|e| format!("find {selector}: {e}"))?
            .text()
            .await
            .map_err(|e| format!("text of {selector}: {e}"))
    }

    /// Whether an element matches `selector`.
    pub async fn has(&self, selector: &str) -> bool {
        self.client.find(Locator::Css(selector)).await.is_ok()
    }

    /// The whole page's text.
    pub async fn page_text(&self) -> Result<String, Failure> {
        self.text("body").await
    }

    /// The value of the cookie `name` for the current page, HttpOnly ones included (the
    /// page's script cannot read those; WebDriver can).
    pub async fn cookie(&self, name: &str) -> Result<String, Failure> {
        self.client
            .get_named_cookie(name)
            .await
            .map(|c| c.value().to_owned())
            .map_err(|e| format!("cookie {name}: {e}"))
    }

    /// Runs a script and returns its value.
    pub async fn script(&self, js: &str) -> Result<serde_json::Value, Failure> {
        self.client
            .execute(js, Vec::new())
            .await
            .map_err(|e| format!("script: {e}"))
    }

    /// Saves a PNG of the whole page (the window grows to the page's height for the
    /// shot) as `tests/artifacts/browser/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf, Failure> {
        let height = self
            .script("return Math.ceil(document.documentElement.scrollHeight);")
            .await?
            .as_u64()
            .unwrap_or(u64::from(PHONE.1));
        let height = u32::try_from(height)
            .unwrap_or(PHONE.1)
            .clamp(PHONE.1, 4000);
        self.client
            .set_window_size(PHONE.0, height)
            .await
            .map_err(|e| format!("resize: {e}"))?;
        let png = self.client.screenshot().await;
        self.client
            .set_window_size(PHONE.0, PHONE.1)
            .await
            .map_err(|e| format!("resize: {e}"))?;
        let png = png.map_err(|e| format!("screenshot: {e}"))?;
        let dir = artifacts_dir();
        std::fs::create_dir_all(&dir).map_err(|e| format!("artifacts: {e}"))?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| format!("write {name}: {e}"))?;
        Ok(path)
    }

    /// Ends the session and chromedriver.
    pub async fn close(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill().await;
    }
}

/// `tests/artifacts/browser/` of the repository.
pub fn artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts/browser")
}

/// Chromium's pin for the first certificate of a PEM chain: base64 of the SHA-256 of its
/// SubjectPublicKeyInfo.
pub fn spki_pin(pem: &str) -> Result<String, Failure> {
    let body: String = pem
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN CERTIFICATE"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(body.trim())
        .map_err(|e| format!("certificate base64: {e}"))?;
    let pin = avain_core::net::spki_sha256(&der).map_err(|_| "certificate DER")?;
    Ok(base64::engine::general_purpose::STANDARD.encode(pin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_needs_a_certificate() {
        assert!(spki_pin("not a certificate").is_err());
        let garbage = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert!(spki_pin(garbage).is_err());
    }
}

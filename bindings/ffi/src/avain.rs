//! The `Avain` object: the app's root handle on the core's flows (registration, login,
//! profiles, PIN change, biometrics, the OS policy; the other areas are its sub-handles),
//! each a thin call into `avain_core::client::Avain`, which decides everything. Its errors
//! become [`AvainError`] in `error.rs`.
//!
//! Every call that talks to the bank, the keystore or the local database is `async`: the
//! core runs it on the library's one runtime (`runtime.rs`), so no call blocks the thread
//! that awaits it. What a cancelled call stops is in docs/concurrency.md.

use std::path::PathBuf;
use std::sync::Arc;

use avain_core::Language;
use avain_core::app_link::{AppLink, AppLinkDomain};
use avain_core::client::{
    self as core, DeviceDetails, LoginResult, PlatformParts, PolicyStatus, ProfileInfo,
    UserCodeUnlockStarted, UserCodeUnlocked, Versions,
};
use avain_core::i18n;
use avain_core::keys::DEFAULT_PIN_KDF_ITERATIONS;
use avain_core::language;
use avain_core::lifecycle::BiometricKind;
use avain_core::net::{HttpOptions, Trust};
use avain_core::os_policy::BankKey;

use crate::app_attest::{AppAttest, CoreAppAttest};
use crate::biometric_keys::{BiometricKeys, CoreBiometricKeys};
use crate::clock::{WallClock, core_clock};
use crate::device_keys::{CoreDeviceKeys, DeviceKeys};
use crate::error::{AvainError, AvainErrorCode};
use crate::registration::Registration;
use crate::runtime;
use crate::secret_store::{CoreSecretStore, SecretStore};

/// A key the bank signs OS policies with.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PolicyKey {
    /// The key id the bank names in its signed policies.
    pub id: String,
    /// Uncompressed SEC1 P-256 (65 bytes).
    pub public_key: Vec<u8>,
}

/// The bank the app talks to: where, how its certificate is trusted, and its public keys.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BankSettings {
    /// The API's base URL; must be `https://`.
    pub url: String,
    /// Whether chains to the platform's trust store count (public CAs).
    pub use_system_roots: bool,
    /// Extra root certificates (DER), e.g. the bank's private CA. With
    /// `use_system_roots` off these are the only anchors.
    pub extra_roots: Vec<Vec<u8>>,
    /// SHA-256 of SubjectPublicKeyInfo values (32 bytes each): when not empty, the
    /// verified certificate path must carry one of these keys (the leaf's, an
    /// intermediate's or the trust anchor's). With `use_system_roots`, at least two
    /// different pins (one a backup), or opening fails with a configuration error.
    pub pinned_spki_sha256: Vec<Vec<u8>>,
    /// The bank's challenge signing key, uncompressed SEC1 P-256 (65 bytes).
    pub challenge_key: Vec<u8>,
    /// The bank's OS policy signing keys.
    pub policy_keys: Vec<PolicyKey>,
    /// Whose app links the app opens (`readAppLink`, `openAppLink`): `None`, the
    /// default and what apps pass, is the bank's own host; tests against the sandbox
    /// pass `Sandbox`.
    #[uniffi(default)]
    pub app_links: Option<AppLinkDomain>,
}

/// Everything [`Avain::open`] needs besides the platform's parts.
#[derive(Clone, uniffi::Record)]
pub struct AvainSettings {
    /// The app's private data directory (Android `filesDir`, iOS Application Support);
    /// the local database lives here.
    pub data_dir: String,
    /// The bank.
    pub bank: BankSettings,
    /// The phone's preferred languages, most preferred first (BCP 47 tags).
    pub preferred_languages: Vec<String>,
    /// The languages the bank's app is offered in; empty (the default) means Finnish and
    /// Swedish, so English first and Swedish second gives Swedish. A bank that also
    /// offers English lists all three.
    #[uniffi(default)]
    pub supported_languages: Vec<Language>,
    /// This phone.
    pub device: DeviceDetails,
    /// PBKDF2 iterations for new PINs; `None` for the core's default, which apps use.
    /// Tests lower it.
    pub pin_kdf_iterations: Option<u32>,
    /// Where "now" comes from; `None` (the default, what apps pass) is the system clock.
    /// Tests pass a [`WallClock`] they move together with the sandbox bank's clock.
    #[uniffi(default)]
    pub clock: Option<Arc<dyn WallClock>>,
    /// iOS: App Attest (`DCAppAttestService`), which vouches for this app instance at
    /// registration and on approvals where the bank asks; `None` (the default) on
    /// Android, whose evidence comes with the keys.
    #[uniffi(default)]
    pub app_attest: Option<Arc<dyn AppAttest>>,
}

impl std::fmt::Debug for AvainSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AvainSettings")
            .field("data_dir", &self.data_dir)
            .field("bank", &self.bank)
            .field("preferred_languages", &self.preferred_languages)
            .field("supported_languages", &self.supported_languages)
            .field("device", &self.device)
            .field("pin_kdf_iterations", &self.pin_kdf_iterations)
            .field(
                "clock",
                &self.clock.as_ref().map_or("system", |_| "the shell's"),
            )
            .field("app_attest", &self.app_attest.is_some())
            .finish()
    }
}

/// The object the app holds: opened once at start-up, several profiles per device.
#[derive(uniffi::Object)]
pub struct Avain {
    pub(crate) core: Arc<core::Avain>,
}

impl std::fmt::Debug for Avain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Avain").finish_non_exhaustive()
    }
}

fn configuration_error(lang: Language, code: AvainErrorCode) -> AvainError {
    tracing::error!(target: "avain_ffi", code = code.as_str(), "invalid bank settings");
    AvainError::Internal {
        code,
        user_message: i18n::text(lang, "client-error-configuration"),
    }
}

impl BankSettings {
    fn into_core(self, lang: Language) -> Result<core::BankConfig, AvainError> {
        let pins = self
            .pinned_spki_sha256
            .into_iter()
            .map(|pin| <[u8; 32]>::try_from(pin.as_slice()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| configuration_error(lang, AvainErrorCode::InvalidPin))?;
        let policy_keys = self
            .policy_keys
            .into_iter()
            .map(|key| BankKey::new(key.id, &key.public_key))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| configuration_error(lang, AvainErrorCode::InvalidPolicyKey))?;
        Ok(core::BankConfig {
            url: self.url,
            trust: Trust {
                system_roots: self.use_system_roots,
                extra_roots_der: self.extra_roots,
                pinned_spki_sha256: pins,
            },
            challenge_key: self.challenge_key,
            policy_keys,
            app_links: self.app_links.unwrap_or_default(),
        })
    }
}

#[uniffi::export]
impl Avain {
    /// Opens the core: the local database in `settings.data_dir` (created or migrated),
    /// and the HTTPS client, with the platform's secret store and keys; the core's work
    /// runs on the library's runtime from then on.
    /// Changes persisted state when the database is new or older.
    #[uniffi::constructor]
    pub async fn open(
        settings: AvainSettings,
        secret_store: Arc<dyn SecretStore>,
        device_keys: Arc<dyn DeviceKeys>,
        biometric_keys: Arc<dyn BiometricKeys>,
    ) -> Result<Arc<Avain>, AvainError> {
        // The language the core will choose, for errors before it exists.
        let supported = language::supported_or_default(&settings.supported_languages);
        let lang = language::preferred_language(&settings.preferred_languages, supported);
        let config = core::AvainConfig {
            data_dir: PathBuf::from(settings.data_dir),
            bank: settings.bank.into_core(lang)?,
            preferred_languages: settings.preferred_languages,
            supported_languages: settings.supported_languages,
            device: settings.device,
            pin_kdf_iterations: settings
                .pin_kdf_iterations
                .unwrap_or(DEFAULT_PIN_KDF_ITERATIONS),
            http: HttpOptions::default(),
        };
        let parts = PlatformParts {
            secrets: Arc::new(CoreSecretStore::new(secret_store)),
            device_keys: Arc::new(CoreDeviceKeys::new(device_keys)),
            biometric_keys: Arc::new(CoreBiometricKeys::new(biometric_keys)),
            app_attest: settings.app_attest.map(|platform| {
                Arc::new(CoreAppAttest::new(platform)) as Arc<dyn avain_core::keys::AppAttest>
            }),
            clock: core_clock(settings.clock),
        };
        // Opened on the runtime's blocking pool: the core runs on the runtime it is
        // opened in, and opening reads the disk.
        let core = runtime::blocking(lang, move || core::Avain::open(config, parts)).await??;
        Ok(Arc::new(Avain { core }))
    }

    /// The core's version and the app's (the `app_version` given in `DeviceDetails`, the
    /// same value the OS gate checks against the policy's minimum), for "More". Pure.
    pub fn versions(&self) -> Versions {
        self.core.versions()
    }

    /// Reads `url`, the URL the platform opened the app with (Android: the `VIEW`
    /// intent's data; iOS: the `NSUserActivity`'s `webpageURL`), as one of the bank's app
    /// links: sync, nothing is sent. `AppLink.AppLogin(requestId)`: a browser login on
    /// this phone waits for the app; pick the profile, then
    /// `identification().openAppLink(profileId, url)`. Anything else is `Refused` with an
    /// `APP_LINK_...` code and its text.
    pub fn read_app_link(&self, url: String) -> Result<AppLink, AvainError> {
        self.core.read_app_link(&url)
    }

    /// The language texts and errors are in now.
    pub fn language(&self) -> Language {
        self.core.language()
    }

    /// Switches the language of texts and errors (the phone's languages changed).
    pub fn set_preferred_languages(&self, tags: Vec<String>) {
        self.core.set_preferred_languages(tags);
    }

    /// The platform's push token (Android: `FirebaseMessaging.getToken()` and
    /// `onNewToken`; iOS: the APNs device token as hex), or `None` when notifications are
    /// off. Call it at start-up and whenever the platform rotates the token; a
    /// registration sends it with the device so the bank can notify this phone. Memory
    /// only, never logged.
    pub fn set_push_token(&self, token: Option<String>) {
        self.core.set_push_token(token);
    }

    /// The profiles on this device, oldest first, for the profile picker.
    pub async fn profiles(&self) -> Result<Vec<ProfileInfo>, AvainError> {
        self.core.profiles().await
    }

    /// One profile.
    pub async fn profile(&self, profile_id: String) -> Result<ProfileInfo, AvainError> {
        self.core.profile(&profile_id).await
    }

    /// Starts registering the authenticator on this device with the online bank's user id
    /// and password; the returned [`Registration`] leads through the remaining steps.
    pub async fn start_registration(
        &self,
        username: String,
        password: String,
    ) -> Result<Arc<Registration>, AvainError> {
        let registration = self.core.start_registration(username, password).await?;
        Ok(Arc::new(Registration::new(registration)))
    }

    /// Logs in with the PIN. A wrong PIN is [`AvainError::WrongPin`] with the attempts
    /// left; the fifth in a row locks ([`AvainError::Locked`]).
    pub async fn login_with_pin(
        &self,
        profile_id: String,
        pin: String,
    ) -> Result<LoginResult, AvainError> {
        self.core.login_with_pin(profile_id, pin).await
    }

    /// Logs in with biometrics (the platform's prompt). When the biometric set changed,
    /// biometrics are switched off with a notice and the PIN must be used.
    pub async fn login_with_biometrics(
        &self,
        profile_id: String,
    ) -> Result<LoginResult, AvainError> {
        self.core.login_with_biometrics(profile_id).await
    }

    /// The profile logged in now, if the session is alive (5 minutes of inactivity end it).
    pub fn logged_in_profile(&self) -> Option<String> {
        self.core.logged_in_profile()
    }

    /// Logs out here and at the bank (best effort).
    pub async fn logout(&self) -> Result<(), AvainError> {
        self.core.logout().await
    }

    /// Self-service unlock, step 1: the personal identity code and the user id.
    pub async fn start_user_code_unlock(
        &self,
        user_id: String,
        hetu: String,
    ) -> Result<UserCodeUnlockStarted, AvainError> {
        self.core.start_user_code_unlock(user_id, hetu).await
    }

    /// Self-service unlock, step 2: the SMS code and the key-card code. Changes persisted
    /// state.
    pub async fn finish_user_code_unlock(
        &self,
        unlock_id: String,
        sms_code: String,
        key_card_code: String,
    ) -> Result<UserCodeUnlocked, AvainError> {
        self.core
            .finish_user_code_unlock(unlock_id, sms_code, key_card_code)
            .await
    }

    /// Deletes a profile from this device only (its keys and local data). Changes
    /// persisted state.
    pub async fn delete_profile_locally(&self, profile_id: String) -> Result<(), AvainError> {
        self.core.delete_profile_locally(&profile_id).await
    }

    /// Changes the PIN of the logged-in profile; the new PIN is typed twice (`new_pin`,
    /// `new_pin_again`). A PIN the rules refuse (the customer's birth date included) is
    /// `PinRejected`; a repetition that differs is `InvalidInput` with code
    /// `pin_mismatch`, and nothing is sent. A change whose answer was lost (a `Network`
    /// error, or the app killed) is settled by the next login: the PIN the bank holds
    /// works, new or old. Changes persisted state.
    pub async fn change_pin(
        &self,
        current_pin: String,
        new_pin: String,
        new_pin_again: String,
    ) -> Result<(), AvainError> {
        self.core
            .change_pin(current_pin, new_pin, new_pin_again)
            .await
    }

    /// Turns biometrics on for the logged-in profile, confirmed with the PIN. Changes
    /// persisted state.
    pub async fn enable_biometrics(
        &self,
        kind: BiometricKind,
        pin: String,
    ) -> Result<(), AvainError> {
        self.core.enable_biometrics(kind, pin).await
    }

    /// Turns biometrics off for the logged-in profile. Changes persisted state.
    pub async fn disable_biometrics(&self) -> Result<(), AvainError> {
        self.core.disable_biometrics().await
    }

    /// The customer saw the notice that biometrics were switched off. Changes persisted
    /// state.
    pub async fn acknowledge_biometric_notice(&self, profile_id: String) -> Result<(), AvainError> {
        self.core.acknowledge_biometric_notice(&profile_id).await
    }

    /// Whether to offer turning biometrics on for the profile.
    pub async fn biometrics_offered(&self, profile_id: String) -> Result<bool, AvainError> {
        self.core.biometrics_offered(&profile_id).await
    }

    /// Fetches, verifies and caches the bank's OS policy; the gate's answer for this phone.
    pub async fn refresh_policy(&self) -> Result<PolicyStatus, AvainError> {
        self.core.refresh_policy().await
    }

    /// The gate's answer for this phone under the policy in force (no network; reads the
    /// database and the keystore and verifies the policy's signature).
    pub async fn policy_status(&self) -> PolicyStatus {
        self.core.policy_status().await
    }
}

//! The app's brain: one [`Avain`] object the app holds, and every flow between the phone
//! and the bank, over HTTPS with the keys of [`crate::keys`].
//!
//! | file | what it holds |
//! |---|---|
//! | `mod.rs` | [`Avain`]: configuration, platform parts, profiles |
//! | `areas.rs` | the sub-handles grouping the API by area ([`Avain::payments`], ...) |
//! | `tasks.rs` | where flows run, and what a cancelled call stops |
//! | (`crate::error`) | [`AvainError`], the one public error, and its codes: re-exported here |
//! | `session.rs` | the logged-in session and its 5-minute inactivity timeout |
//! | `approval.rs` | answering a bank challenge: checks, OS gate, two signatures, receipt |
//! | `attestation.rs` | the platform's key evidence on the wire, App Attest at registration and on approvals |
//! | `registration.rs` | the registration state machine |
//! | `login.rs` | login with PIN or biometrics, logout, self-service unlock |
//! | `devices.rs` | trusted devices, remote removal, deleting a profile locally |
//! | `pin_change.rs` | changing the PIN |
//! | `biometrics.rs` | enabling, disabling and invalidating biometrics |
//! | `policy.rs` | the OS policy: fetch, verify, cache, apply |
//! | `app_link.rs` | reading the online bank's app link and opening the login it names |
//! | `screen_lock.rs` | the secure screen lock registration, biometrics, logins and approvals need |
//! | `app_login.rs` | approving a browser online-bank login whose short code the app shows |
//! | `identification.rs` | strong identification for third parties, through a broker (Finnish only) |
//! | `meetings.rs` | meetings: list, book, look-up without login, edit, cancel, join window, identifier |
//! | `meeting_guests.rs` | meetings without login: free slots, booking, invitations, a guest's join through the broker |
//! | `signing.rs` | the signing service: waiting, pending, completed; sign; download for 30 days |
//! | `inbox.rs` | the secure inbox: list, open (marks read), unread count, write to the bank |
//! | `blocking.rs` | the blocking service: the 24/7 numbers, blocking codes and cards |
//! | `pending.rs` | what is on screen to approve next (in memory only) |
//! | `accounts.rs` | accounts, transactions, e-invoices, payments awaiting approval |
//! | `payment_form.rs` | the payment form and the virtual barcode, checked (pure) |
//! | `transfer_form.rs` | the form of a transfer between own accounts (pure) |
//! | `payments.rs` | the payment state machine: start, SMS step-up, confirm, cancel; own-account transfers |
//! | `receipts.rs` | receipts of every approval and the "this was not me" report |
//!
//! # Threads and async
//!
//! The core owns no runtime. [`Avain::open`] is called inside a tokio runtime (the CLI's,
//! a test's, the FFI's one runtime) and the core runs its work there: every public method
//! that reads or writes the local database or the keystore, talks to the bank or verifies
//! a signature is an `async fn`; pure rules stay sync. A flow that talks to the bank runs
//! as a task of that runtime and the caller only awaits it, so the caller may poll it
//! from any executor (UniFFI's foreign executors, a test's runtime, `block_on`). Local
//! work (SQLite, the keystore's foreign calls, PBKDF2, the biometric prompt) runs on the
//! runtime's blocking pool. No lock is held across an `.await`.
//!
//! When the caller drops a future, what stops and what finishes is decided per
//! operation in `tasks.rs` and written down in docs/concurrency.md: nothing more reaches
//! the bank, but once a request that may change the bank's state was sent, its answer is
//! handled and the matching local state written.
//!
//! # What survives a restart
//!
//! Profiles, their state (pending unlock, active, locked, revoked), biometrics, the OS
//! policy, receipts and payments waiting for approval (with their challenge and the exact
//! confirmation text) are in the local database; keys are in the platform's keystore.
//! A registration is persisted once the bank has accepted the device (pending unlock);
//! the steps before it (password, key-card code, SMS code) are single-use codes with a
//! short expiry at the bank, so an interrupted registration starts again from the
//! password. The session lives only in memory: after a restart the customer logs in.

mod accounts;
mod app_link;
mod app_login;
mod approval;
mod areas;
mod attestation;
mod biometrics;
mod blocking;
mod devices;
mod identification;
mod inbox;
mod login;
mod meeting_guests;
mod meetings;
mod payment_form;
mod payment_qr;
mod payments;
mod pending;
mod pin_change;
mod policy;
mod pushed_request;
mod receipts;
mod registration;
mod screen_lock;
mod session;
mod signing;
mod tasks;
mod transfer_form;
mod versions;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use time::OffsetDateTime;

pub use crate::error::{AvainError, AvainErrorCode, PinRejection};
pub use accounts::{AccountInfo, EInvoiceInfo, PaymentInfo, TransactionInfo};
pub use app_login::AppLoginPrompt;
pub use approval::ApprovalFactor;
pub use areas::{
    BlockingService, Devices, Documents, Identification, Inbox, Meetings, Payments, Receipts,
};
pub use blocking::{BlockOutcome, BlockingNumbers, PHONE_FROM_ABROAD, PHONE_IN_FINLAND};
pub use devices::{TrustedDevice, key_protection_label};
pub use identification::IdentificationPrompt;
pub use inbox::{InboxView, MessageInfo, MessageView};
pub use login::{LoginResult, UserCodeUnlockStarted, UserCodeUnlocked};
pub use meeting_guests::{
    GuestAdmitted, GuestBookingForm, GuestJoinStart, InviteeForm, normalize_invitation_code,
};
pub use meetings::{
    JOIN_OPENS_BEFORE, JoinWindow, MeetingEdit, MeetingInfo, MeetingJoin, ParticipantInfo,
    join_window, normalize_booking_code, normalize_phone,
};
pub use payment_form::{BarcodeForm, PaymentDraft, PaymentField, PaymentFieldError, amount_field};
pub use payment_qr::{QrForm, read_qr};
pub use payments::{PaymentDone, PendingPayment};
pub use policy::{PolicyDecision, PolicyStatus};
pub use receipts::{MAX_RECEIPTS, NotMeReported, ReceiptInfo};
pub use registration::{Registration, RegistrationStep};
pub use signing::{
    DOWNLOAD_PERIOD, DocumentFile, DocumentInfo, DocumentLists, DocumentView, PartyInfo,
    downloadable,
};
pub use transfer_form::TransferDraft;
pub use versions::{CORE_VERSION, Versions};

use crate::api::CustomerKind;
use crate::app_link::AppLinkDomain;
use crate::i18n::Language;
use crate::keys::{AppAttest, BiometricKeyFactory, DeviceKeyFactory};
use crate::lifecycle::{BiometricState, ProfileState};
use crate::net::{BankHttp, HttpOptions, Trust};
use crate::os_policy::{BankKey, Platform};
use crate::random::{Randomness, SystemRandomness};
use crate::secrets::SecretStore;
use crate::store::{Profile, Store};

use tasks::{blocking, run_on};

/// "Now", from the platform. Device clocks are hints (the bank's clock decides expiry);
/// the core uses this for the inactivity timeout, receipts and the OS policy's dates.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> OffsetDateTime;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// The bank the app talks to: its URL, how its TLS certificate is trusted, and the public
/// keys it signs challenges and OS policies with.
#[derive(Clone)]
pub struct BankConfig {
    /// The API's base URL; must be `https://`.
    pub url: String,
    /// Trust anchors and optional public-key pins for the bank's certificate.
    pub trust: Trust,
    /// The bank's challenge signing key: uncompressed SEC1 P-256 (65 bytes).
    pub challenge_key: Vec<u8>,
    /// The bank's OS policy signing keys, by key id.
    pub policy_keys: Vec<BankKey>,
    /// Whose app links the app opens: [`AppLinkDomain::Bank`] in apps, the sandbox's
    /// host in tests against it.
    pub app_links: AppLinkDomain,
}

impl std::fmt::Debug for BankConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BankConfig")
            .field("trust", &self.trust)
            .field("policy_keys", &self.policy_keys.len())
            .finish_non_exhaustive()
    }
}

/// This phone, as the bank and the OS gate see it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DeviceDetails {
    /// The platform.
    pub platform: Platform,
    /// The model ("Pixel 8", "iPhone15,2").
    pub model: String,
    /// The OS version, dotted ("14", "17.4.1").
    pub os_version: String,
    /// The app's version, dotted.
    pub app_version: String,
}

/// The platform's parts the core cannot make itself: keystores and the clock.
#[derive(Clone)]
pub struct PlatformParts {
    /// Where secrets live (Keychain, Android Keystore-wrapped storage, keyring, memory).
    pub secrets: Arc<dyn SecretStore>,
    /// K_dev per profile.
    pub device_keys: Arc<dyn DeviceKeyFactory>,
    /// K_bio per profile (a phone without a sensor reports `is_available() == false`).
    pub biometric_keys: Arc<dyn BiometricKeyFactory>,
    /// iOS: App Attest, which vouches for the app instance at registration and on
    /// approvals where the bank asks (docs/attestation.md); `None` elsewhere.
    pub app_attest: Option<Arc<dyn AppAttest>>,
    /// "Now".
    pub clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for PlatformParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlatformParts")
    }
}

/// Everything [`Avain::open`] needs.
#[derive(Debug, Clone)]
pub struct AvainConfig {
    /// The app's private data directory (the local database lives here).
    pub data_dir: PathBuf,
    /// The bank.
    pub bank: BankConfig,
    /// The phone's preferred languages, most preferred first (BCP 47 tags).
    pub preferred_languages: Vec<String>,
    /// The languages the bank's app is offered in; empty means Finnish and Swedish
    /// ([`crate::language::DEFAULT_SUPPORTED`]), so a phone set to English first and
    /// Swedish second gets Swedish, as the bank's FAQ says. A bank that also offers
    /// English lists it here.
    pub supported_languages: Vec<Language>,
    /// This phone.
    pub device: DeviceDetails,
    /// PBKDF2 iterations for new PINs (stored per profile, so lowering it for tests does
    /// not affect existing profiles); [`crate::keys::DEFAULT_PIN_KDF_ITERATIONS`] in apps.
    pub pin_kdf_iterations: u32,
    /// Timeouts and read retries.
    pub http: HttpOptions,
}

/// A profile as the profile picker shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProfileInfo {
    /// The local id, used in every call about this profile.
    pub id: String,
    /// The name the customer gave it.
    pub name: String,
    /// Whose codes these are: a private customer's or a company's (the picker shows the
    /// company profile apart). Learnt from the bank at registration; `Unknown` when the
    /// bank named a kind this version does not know.
    pub customer_kind: CustomerKind,
    /// Where the profile is in its life; a locked one carries its [`LockReason`]
    /// (who can open it).
    ///
    /// [`LockReason`]: crate::lifecycle::LockReason
    pub state: ProfileState,
    /// A one-line status in the customer's language.
    pub status: String,
    /// Whether biometrics are on.
    pub biometrics_enabled: bool,
    /// A notice to show once (biometrics switched off after a biometric set change).
    pub notice: Option<String>,
}

/// The shared state behind [`Avain`]: what every flow uses.
pub(crate) struct Inner {
    pub(crate) store: Store,
    pub(crate) http: BankHttp,
    pub(crate) parts: PlatformParts,
    pub(crate) rng: Arc<dyn Randomness>,
    pub(crate) bank: BankConfig,
    pub(crate) device: DeviceDetails,
    pub(crate) pin_kdf_iterations: u32,
    language: Mutex<Language>,
    supported_languages: Vec<Language>,
    /// The platform's push token (FCM, APNs) while the customer allows notifications.
    /// Memory only: the shell hands it over at every start (the platforms rotate it).
    push_token: Mutex<Option<crate::api::Secret>>,
    pub(crate) session: session::SessionSlot,
    pub(crate) pending: pending::Pending,
    /// Per local profile id, the highest challenge counter this core has answered: the
    /// bank refuses an answer whose counter is not above the last one it accepted, so a
    /// stored challenge (a payment waiting for its SMS code) older than it is renewed
    /// before signing. Memory only: after a restart the login's answer sets it again.
    answered_counters: Mutex<std::collections::HashMap<String, u64>>,
    /// The OS policy's rollback floor, kept in the secret store.
    pub(crate) policy_floor: policy::PolicyFloor,
}

impl Inner {
    /// The language of texts and errors now.
    pub(crate) fn lang(&self) -> Language {
        *self.language.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The push token to register a device with, if any.
    pub(crate) fn push_token(&self) -> Option<crate::api::Secret> {
        self.push_token
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(crate) fn now(&self) -> OffsetDateTime {
        self.parts.clock.now()
    }

    /// Remembers that `profile_id` answered a challenge with `counter`.
    pub(crate) fn note_answered(&self, profile_id: &str, counter: u64) {
        let mut counters = self
            .answered_counters
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let entry = counters.entry(profile_id.to_owned()).or_insert(0);
        *entry = (*entry).max(counter);
    }

    /// The highest counter `profile_id` answered since the core opened (0 if none).
    pub(crate) fn answered_counter(&self, profile_id: &str) -> u64 {
        self.answered_counters
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(profile_id)
            .copied()
            .unwrap_or(0)
    }

    pub(crate) fn profile(&self, id: &str) -> Result<Profile, AvainError> {
        self.store
            .profile(id)
            .map_err(|e| AvainError::from_store(self.lang(), e))
    }

    pub(crate) fn set_state(
        &self,
        profile: &Profile,
        state: ProfileState,
    ) -> Result<(), AvainError> {
        if profile.state == state {
            return Ok(());
        }
        tracing::info!(target: "avain::client", profile = %profile.id, state = state.code(), "profile state");
        self.store
            .set_profile_state(&profile.id, state)
            .map_err(|e| AvainError::from_store(self.lang(), e))?;
        let biometrics = profile.biometrics.after_profile_change(state);
        if biometrics != profile.biometrics {
            self.store
                .set_biometrics(&profile.id, biometrics)
                .map_err(|e| AvainError::from_store(self.lang(), e))?;
        }
        Ok(())
    }

    pub(crate) fn info(&self, profile: &Profile) -> ProfileInfo {
        let lang = self.lang();
        ProfileInfo {
            id: profile.id.clone(),
            name: profile.name.clone(),
            customer_kind: profile.customer_kind,
            state: profile.state,
            status: profile.state.status_message(lang),
            biometrics_enabled: profile.biometrics.is_enabled(),
            notice: profile.biometrics.notice(lang),
        }
    }
}

/// The object the app holds: opened once with the data directory, the bank and the
/// platform's parts; several profiles per device.
pub struct Avain {
    inner: Arc<Inner>,
    /// The runtime [`Avain::open`] was called in, which the flows run on (not owned).
    runtime: tokio::runtime::Handle,
}

impl std::fmt::Debug for Avain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Avain").finish_non_exhaustive()
    }
}

impl Avain {
    /// Opens the core: the local database in `config.data_dir` (created or migrated) and
    /// the HTTPS client. Must be called inside a tokio runtime (else an `Internal` error
    /// `no_runtime`): the core's work runs on that runtime from then on. Blocks on disk
    /// I/O briefly, so an async caller calls it on the runtime's blocking pool (as the
    /// FFI does). Changes persisted state when the database is new or older.
    pub fn open(config: AvainConfig, parts: PlatformParts) -> Result<Arc<Avain>, AvainError> {
        let supported = crate::language::supported_or_default(&config.supported_languages).to_vec();
        let lang = crate::language::preferred_language(&config.preferred_languages, &supported);
        let runtime = tokio::runtime::Handle::try_current()
            .map_err(|_| AvainError::internal(lang, AvainErrorCode::NoRuntime))?;
        let http = BankHttp::new(&config.bank.url, &config.bank.trust, config.http)
            .map_err(|e| AvainError::from_net(lang, e))?;
        if config.bank.challenge_key.len() != crate::keys::P256_PUBLIC_KEY_LEN {
            return Err(AvainError::internal(lang, AvainErrorCode::Configuration));
        }
        if config.pin_kdf_iterations == 0 {
            return Err(AvainError::internal(lang, AvainErrorCode::Configuration));
        }
        let rng: Arc<dyn Randomness> = Arc::new(SystemRandomness::new());
        let store = Store::open(&config.data_dir, parts.secrets.as_ref(), Arc::clone(&rng))
            .map_err(|e| AvainError::from_store(lang, e))?;
        let inner = Inner {
            store,
            http,
            parts,
            rng,
            bank: config.bank,
            device: config.device,
            pin_kdf_iterations: config.pin_kdf_iterations,
            language: Mutex::new(lang),
            supported_languages: supported,
            push_token: Mutex::new(None),
            session: session::SessionSlot::default(),
            pending: pending::Pending::default(),
            answered_counters: Mutex::default(),
            policy_floor: policy::PolicyFloor::default(),
        };
        Ok(Arc::new(Avain {
            inner: Arc::new(inner),
            runtime,
        }))
    }

    /// The language texts and errors are in now.
    pub fn language(&self) -> Language {
        self.inner.lang()
    }

    /// Switches the language of texts and errors (the phone's languages changed).
    pub fn set_preferred_languages(&self, tags: Vec<String>) {
        let lang = crate::language::preferred_language(&tags, &self.inner.supported_languages);
        *self
            .inner
            .language
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = lang;
    }

    /// The platform's push token (Firebase Cloud Messaging on Android, APNs on iOS), or
    /// `None` when the customer turned notifications off. The shell calls this at start-up
    /// and whenever the platform hands it a new token. A registration sends it with the
    /// device, so the bank can tell this phone that the profile was unlocked, that a
    /// message waits or that a request waits for approval (never its content). Kept in
    /// memory only, never logged; a blank token counts as none.
    pub fn set_push_token(&self, token: Option<String>) {
        let token = token
            .filter(|t| !t.trim().is_empty())
            .map(crate::api::Secret::from);
        *self
            .inner
            .push_token
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = token;
    }

    /// The profiles on this device, oldest first (for the profile picker).
    pub async fn profiles(&self) -> Result<Vec<ProfileInfo>, AvainError> {
        self.local(|inner| {
            let profiles = inner
                .store
                .profiles()
                .map_err(|e| AvainError::from_store(inner.lang(), e))?;
            Ok(profiles.iter().map(|p| inner.info(p)).collect())
        })
        .await
    }

    /// One profile.
    pub async fn profile(&self, profile_id: &str) -> Result<ProfileInfo, AvainError> {
        let profile_id = profile_id.to_owned();
        self.local(move |inner| Ok(inner.info(&inner.profile(&profile_id)?)))
            .await
    }

    /// How many requests went to the bank so far (for benchmarks).
    pub fn round_trips(&self) -> u64 {
        self.inner.http.round_trips()
    }

    /// Whether `profile` may use biometrics now (state and flag).
    pub async fn biometrics_state(&self, profile_id: &str) -> Result<BiometricState, AvainError> {
        let profile_id = profile_id.to_owned();
        self.local(move |inner| Ok(inner.profile(&profile_id)?.biometrics))
            .await
    }
}

//! Calls the app gives up on (docs/concurrency.md): the future of a login, a payment
//! approval, a PIN change and a device removal is dropped at each dangerous point, and the
//! local state must then match the bank's.
//!
//! - Before the request: the phone is stopped in its keystore (deriving K_pin) by a gate,
//!   the call is dropped, the gate opens. Nothing more may reach the bank and nothing
//!   changes here or there.
//! - While the bank holds the answer: a relay between phone and bank holds the answer
//!   back once the bank has committed, the call is dropped, the answer is let through.
//!   The phone must write what matches the bank's state (session, receipt, PIN, removal)
//!   although nobody waits for it.
//! - After the answer: as before, but the call is dropped once the answer reached the
//!   phone.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use avain_core::client::{
    ApprovalFactor, Avain, BankConfig, PaymentDraft, Registration, RegistrationStep,
};
use avain_core::secrets::{SecretBytes, SecretStore, SecretStoreError};
use avain_core::signed_bytes::Purpose;
use avain_e2e::rows::{count, pin_change_started};
use avain_e2e::{ANNA, Harness, MIKKO, bank_config, reopen_phone};
use avain_sandbox::relay::{Condition, Faults, Relay};

const PIN: &str = "4719";
const NEW_PIN: &str = "5830";
const CURRENT: &str = "acc_anna_current";

/// How long a flow left alone gets to finish (or to stop) in the background.
const SETTLE: Duration = Duration::from_secs(10);

/// A keystore that stops the phone at its next read while closed: the phone is then in
/// its local work, before the request that follows it.
struct Gate {
    store: Arc<dyn SecretStore>,
    closed: Mutex<bool>,
    opened: Condvar,
    reached: AtomicBool,
}

impl Gate {
    fn new(store: Arc<dyn SecretStore>) -> Arc<Gate> {
        Arc::new(Gate {
            store,
            closed: Mutex::new(false),
            opened: Condvar::new(),
            reached: AtomicBool::new(false),
        })
    }

    fn close(&self) {
        self.reached.store(false, Ordering::SeqCst);
        *self.closed.lock().unwrap() = true;
    }

    fn open(&self) {
        *self.closed.lock().unwrap() = false;
        self.opened.notify_all();
    }

    /// Completes once the phone waits at the closed gate.
    async fn reached(&self) {
        until("the gate", || self.reached.load(Ordering::SeqCst)).await;
    }
}

impl SecretStore for Gate {
    fn get(&self, name: &str) -> Result<Option<SecretBytes>, SecretStoreError> {
        let mut closed = self.closed.lock().unwrap();
        if *closed {
            self.reached.store(true, Ordering::SeqCst);
            while *closed {
                closed = self.opened.wait(closed).unwrap();
            }
        }
        drop(closed);
        self.store.get(name)
    }

    fn put(&self, name: &str, value: &[u8]) -> Result<(), SecretStoreError> {
        self.store.put(name, value)
    }

    fn delete(&self, name: &str) -> Result<(), SecretStoreError> {
        self.store.delete(name)
    }
}

/// The phone's bank configuration with the URL through `relay`.
fn through(relay: &Relay, h: &Harness) -> BankConfig {
    BankConfig {
        url: relay.url(),
        ..bank_config(&h.bank).unwrap()
    }
}

/// Completes once the relay holds an answer back.
async fn held(relay: &Relay) {
    until("a held answer", || relay.is_holding()).await;
}

/// Completes once the held answer went on to the phone.
async fn passed(relay: &Relay) {
    until("the answer passed", || relay.has_passed()).await;
}

/// Waits until `done` holds, or fails the test after [`SETTLE`].
async fn until(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < SETTLE, "waited too long for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Runs `call` until `point` is reached, then drops it (the app stopped waiting). `true`
/// when the call finished first (possible only after the answer).
async fn drop_at<T>(call: impl Future<Output = T>, point: impl Future<Output = ()>) -> bool {
    tokio::select! {
        biased;
        () = point => false,
        _ = call => true,
    }
}

/// Approvals of `purpose` the bank accepted.
fn approved(db: &Path, purpose: &str) -> i64 {
    count(
        db,
        &format!(
            "SELECT count(*) FROM approval_events WHERE purpose = '{purpose}' AND outcome = 'approved'"
        ),
    )
}

/// The relay holds answers once the bank accepted `n` approvals of `purpose`.
fn after_approvals(h: &Harness, purpose: &'static str, n: i64) -> Condition {
    let db = h.bank.database_path();
    Box::new(move || approved(&db, purpose) >= n)
}

/// An active profile of Anna's, and a second app on the same phone (data directory and
/// keystore) that talks to the bank through a relay holding answers once `hold` holds
/// and reads its keystore through a gate.
struct Setup {
    h: Harness,
    id: String,
    gate: Arc<Gate>,
    relay: Relay,
    phone: Arc<Avain>,
}

impl Setup {
    async fn new(hold: impl FnOnce(&Harness) -> Condition) -> Setup {
        let h = Harness::start().await.unwrap();
        let id = h
            .active_profile(Harness::customer(ANNA).unwrap(), PIN)
            .await
            .unwrap();
        let faults = Faults {
            hold_answers: Some(hold(&h)),
            ..Faults::default()
        };
        let relay = Relay::start(h.bank.addr(), faults).await.unwrap();
        let gate = Gate::new(h.secrets.clone());
        let phone = reopen_phone(
            h.data_dir(),
            gate.clone(),
            h.clock.clone(),
            through(&relay, &h),
        )
        .unwrap();
        Setup {
            h,
            id,
            gate,
            relay,
            phone,
        }
    }

    fn bank_db(&self) -> PathBuf {
        self.h.bank.database_path()
    }

    fn phone_db(&self) -> PathBuf {
        self.h.data_dir().join(avain_core::store::DATABASE_FILE)
    }

    async fn log_in(&self) {
        self.phone
            .login_with_pin(self.id.clone(), PIN.into())
            .await
            .unwrap();
    }

    /// Drops `call` while the phone waits at the closed gate, then opens it and gives
    /// the flow time to stop.
    async fn drop_before_request<T>(&self, call: impl Future<Output = T>) {
        self.gate.close();
        assert!(!drop_at(call, self.gate.reached()).await);
        self.gate.open();
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    /// Drops `call` while the relay holds the bank's answer, then lets it through.
    async fn drop_while_bank_holds_answer<T>(&self, call: impl Future<Output = T>) {
        assert!(!drop_at(call, held(&self.relay)).await);
        self.relay.release();
    }

    /// Drops `call` as soon as the bank's answer reached the phone.
    async fn drop_after_answer<T>(&self, call: impl Future<Output = T>) {
        let point = async {
            held(&self.relay).await;
            self.relay.release();
            passed(&self.relay).await;
        };
        drop_at(call, point).await;
    }

    async fn receipts_of(&self, purpose: Purpose) -> usize {
        let receipts = self.phone.receipts().list(&self.id, 50).await.unwrap();
        receipts.iter().filter(|r| r.purpose == purpose).count()
    }
}

// Login: stops before the signed answer; once the bank opened a session, the phone keeps
// it and the receipt.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_dropped_before_its_answer_is_sent_reaches_nothing() {
    let s = Setup::new(|_| Box::new(|| false)).await;
    s.drop_before_request(s.phone.login_with_pin(s.id.clone(), PIN.into()))
        .await;
    assert_eq!(approved(&s.bank_db(), "login"), 1, "only the first login");
    assert_eq!(s.phone.logged_in_profile(), None);
    assert_eq!(s.receipts_of(Purpose::Login).await, 1);
    // The phone works on as before.
    s.log_in().await;
    assert_eq!(approved(&s.bank_db(), "login"), 2);
}

async fn login_left_after_the_bank_counted_it(drop_after: bool) {
    let s = Setup::new(|h| after_approvals(h, "login", 2)).await;
    let call = s.phone.login_with_pin(s.id.clone(), PIN.into());
    if drop_after {
        s.drop_after_answer(call).await;
    } else {
        s.drop_while_bank_holds_answer(call).await;
    }
    let id = s.id.clone();
    until("the session", || {
        s.phone.logged_in_profile().as_deref() == Some(id.as_str())
    })
    .await;
    let start = Instant::now();
    while s.receipts_of(Purpose::Login).await < 2 {
        assert!(start.elapsed() < SETTLE, "no receipt of the second login");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        s.phone.payments().accounts().await.is_ok(),
        "the session works"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_dropped_while_the_bank_holds_its_answer_keeps_the_banks_session() {
    login_left_after_the_bank_counted_it(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_dropped_after_its_answer_keeps_the_banks_session() {
    login_left_after_the_bank_counted_it(true).await;
}

// Payment approval: stops before the signed answer; once the bank booked it, the phone
// keeps the receipt and forgets the pending payment.

/// Logs in and starts a payment to Helen Oy (a payee Anna has paid before: no SMS).
async fn pending_payment(s: &Setup) -> String {
    s.log_in().await;
    let invoices = s.phone.payments().e_invoices().await.unwrap();
    let helen = invoices
        .iter()
        .find(|i| i.biller_name == "Helen Oy")
        .unwrap();
    let draft = PaymentDraft {
        from_account_id: CURRENT.into(),
        payee_name: "Helen Oy".into(),
        payee_iban: helen.iban.clone(),
        amount: "12,50".into(),
        reference: helen.reference.clone(),
        ..PaymentDraft::default()
    };
    let pending = s.phone.payments().start_payment(draft).await.unwrap();
    assert!(!pending.sms_code_required);
    pending.payment_id
}

fn payment_status(s: &Setup, payment_id: &str) -> i64 {
    count(
        &s.bank_db(),
        &format!(
            "SELECT count(*) FROM payments WHERE id = '{payment_id}' AND status = 'awaiting_approval'"
        ),
    )
}

fn pin() -> ApprovalFactor {
    ApprovalFactor::Pin { pin: PIN.into() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_approval_dropped_before_its_answer_is_sent_leaves_the_payment_waiting() {
    let s = Setup::new(|_| Box::new(|| false)).await;
    let payment = pending_payment(&s).await;
    s.drop_before_request(
        s.phone
            .payments()
            .confirm_payment(payment.clone(), pin(), None),
    )
    .await;
    assert_eq!(approved(&s.bank_db(), "payment"), 0);
    assert_eq!(payment_status(&s, &payment), 1, "still awaiting approval");
    assert_eq!(
        s.phone
            .payments()
            .pending_payments(&s.id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(s.receipts_of(Purpose::Payment).await, 0);
    // The customer approves it again, and it goes.
    let done = s
        .phone
        .payments()
        .confirm_payment(payment, pin(), None)
        .await
        .unwrap();
    assert_ne!(
        done.payment.status,
        avain_core::api::PaymentStatus::AwaitingApproval
    );
}

async fn payment_left_after_the_bank_counted_it(drop_after: bool) {
    let s = Setup::new(|h| after_approvals(h, "payment", 1)).await;
    let payment = pending_payment(&s).await;
    let call = s
        .phone
        .payments()
        .confirm_payment(payment.clone(), pin(), None);
    if drop_after {
        s.drop_after_answer(call).await;
    } else {
        s.drop_while_bank_holds_answer(call).await;
    }
    let start = Instant::now();
    while s.receipts_of(Purpose::Payment).await < 1
        || !s
            .phone
            .payments()
            .pending_payments(&s.id)
            .await
            .unwrap()
            .is_empty()
    {
        assert!(
            start.elapsed() < SETTLE,
            "the approval was not settled here"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(approved(&s.bank_db(), "payment"), 1);
    assert_eq!(
        payment_status(&s, &payment),
        0,
        "no longer awaiting approval"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_approval_dropped_while_the_bank_holds_its_answer_keeps_the_receipt() {
    payment_left_after_the_bank_counted_it(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_approval_dropped_after_its_answer_keeps_the_receipt() {
    payment_left_after_the_bank_counted_it(true).await;
}

// PIN change: stops before anything reaches the bank; once the bank committed, the phone
// commits its pending parameters too.

fn pending_pin_changes(s: &Setup) -> i64 {
    count(&s.phone_db(), "SELECT count(*) FROM pending_pin_changes")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_change_dropped_before_its_first_request_changes_nothing() {
    let s = Setup::new(|_| Box::new(|| false)).await;
    s.log_in().await;
    s.drop_before_request(
        s.phone
            .change_pin(PIN.into(), NEW_PIN.into(), NEW_PIN.into()),
    )
    .await;
    assert_eq!(approved(&s.bank_db(), "pin_change"), 0);
    assert_eq!(
        count(
            &s.bank_db(),
            "SELECT count(*) FROM pending_changes WHERE kind = 'pin'"
        ),
        0,
        "nothing reached the bank"
    );
    assert_eq!(pending_pin_changes(&s), 0);
    s.phone.logout().await.unwrap();
    s.log_in().await;
}

/// A PIN change dropped while the bank holds the answer to its start (the challenge)
/// stops there: the confirmation would not be sent, so nothing is derived, stored or
/// signed for it. Before, the flow went on to store the pending change and the receipt,
/// sign, and only then found the request refused: the receipt was there until the
/// refusal removed it, and the pending change stayed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_change_dropped_while_the_bank_holds_its_challenge_changes_nothing() {
    let s = Setup::new(pin_change_started).await;
    s.log_in().await;
    s.drop_while_bank_holds_answer(
        s.phone
            .change_pin(PIN.into(), NEW_PIN.into(), NEW_PIN.into()),
    )
    .await;
    passed(&s.relay).await;
    // Longer than the flow took to derive K_pin and store the receipt after the answer.
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(500) {
        assert_eq!(s.receipts_of(Purpose::PinChange).await, 0, "a receipt");
        assert_eq!(pending_pin_changes(&s), 0, "a pending PIN change");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(approved(&s.bank_db(), "pin_change"), 0);
    s.phone.logout().await.unwrap();
    s.log_in().await;
}

async fn pin_change_left_after_the_bank_committed(drop_after: bool) {
    let s = Setup::new(|h| after_approvals(h, "pin_change", 1)).await;
    s.log_in().await;
    let call = s
        .phone
        .change_pin(PIN.into(), NEW_PIN.into(), NEW_PIN.into());
    if drop_after {
        s.drop_after_answer(call).await;
    } else {
        s.drop_while_bank_holds_answer(call).await;
    }
    let start = Instant::now();
    while s.receipts_of(Purpose::PinChange).await < 1 || pending_pin_changes(&s) > 0 {
        assert!(
            start.elapsed() < SETTLE,
            "the PIN change was not committed here"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    s.phone.logout().await.unwrap();
    s.phone
        .login_with_pin(s.id.clone(), NEW_PIN.into())
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_change_dropped_while_the_bank_holds_its_answer_commits_the_new_pin() {
    pin_change_left_after_the_bank_committed(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_change_dropped_after_its_answer_commits_the_new_pin() {
    pin_change_left_after_the_bank_committed(true).await;
}

// Device removal: stops before the signed answer; once the bank removed this device, the
// phone deletes the profile.

async fn this_device(s: &Setup) -> String {
    s.log_in().await;
    let devices = s.phone.devices().list().await.unwrap();
    devices
        .into_iter()
        .find(|d| d.this_device)
        .unwrap()
        .device_id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_removal_dropped_before_its_answer_is_sent_keeps_the_profile() {
    let s = Setup::new(|_| Box::new(|| false)).await;
    let device = this_device(&s).await;
    s.drop_before_request(s.phone.devices().remove_device(device, pin()))
        .await;
    assert_eq!(approved(&s.bank_db(), "device_removal"), 0);
    assert_eq!(s.phone.profiles().await.unwrap().len(), 1);
    s.phone.logout().await.unwrap();
    s.log_in().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_removal_dropped_while_the_bank_holds_its_answer_deletes_the_profile() {
    let s = Setup::new(|h| after_approvals(h, "device_removal", 1)).await;
    let device = this_device(&s).await;
    s.drop_while_bank_holds_answer(s.phone.devices().remove_device(device, pin()))
        .await;
    let start = Instant::now();
    while !s.phone.profiles().await.unwrap().is_empty() {
        assert!(start.elapsed() < SETTLE, "the profile was not deleted here");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(approved(&s.bank_db(), "device_removal"), 1);
}

// Registration: each step's outcome is recorded by the step's flow itself, so a step the
// app stopped waiting for leaves the registration where the bank has it, never stuck.

/// Mikko's registration on the relay's phone, at the key-card step, and its code.
async fn mikko_registration(s: &Setup) -> (Arc<Registration>, String) {
    let mikko = Harness::customer(MIKKO).unwrap();
    let registration = s
        .phone
        .start_registration(mikko.user_id.into(), mikko.password.into())
        .await
        .unwrap();
    let RegistrationStep::KeyCardCode { key_card_index } = registration.step() else {
        panic!("expected the key-card step");
    };
    (registration, mikko.key_card_code(key_card_index))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registration_step_dropped_while_the_bank_holds_its_answer_still_moves_on() {
    let s = Setup::new(|h| {
        let db = h.bank.database_path();
        Box::new(move || count(&db, "SELECT count(*) FROM registrations WHERE step = 'sms'") >= 1)
    })
    .await;
    let (registration, code) = mikko_registration(&s).await;
    s.drop_while_bank_holds_answer(registration.submit_key_card_code(code))
        .await;
    // The bank sent the SMS code: the registration is at that step, not stuck.
    until("the SMS step", || {
        matches!(registration.step(), RegistrationStep::SmsCode { .. })
    })
    .await;
    let sms = s.h.sms_code(MIKKO, "registration_sms_code").await.unwrap();
    registration
        .submit_sms_code(sms)
        .await
        .expect("the SMS step");
    registration
        .choose_pin(NEW_PIN.into(), NEW_PIN.into())
        .await
        .expect("then the PIN");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registration_step_dropped_before_anything_is_sent_can_be_done_again() {
    let s = Setup::new(|_| Box::new(|| false)).await;
    let (registration, code) = mikko_registration(&s).await;
    registration.submit_key_card_code(code).await.unwrap();
    let sms = s.h.sms_code(MIKKO, "registration_sms_code").await.unwrap();
    registration.submit_sms_code(sms).await.unwrap();
    // Choosing the PIN derives K_pin from the keystore's device secret: dropped there.
    s.drop_before_request(registration.choose_pin(NEW_PIN.into(), NEW_PIN.into()))
        .await;
    assert!(matches!(
        registration.step(),
        RegistrationStep::ChoosePin { .. }
    ));
    registration
        .choose_pin(NEW_PIN.into(), NEW_PIN.into())
        .await
        .expect("the PIN step again");
    let step = registration
        .finish("Mikon puhelin".into())
        .await
        .expect("and the name");
    assert!(matches!(step, RegistrationStep::PendingUnlock { .. }));
}

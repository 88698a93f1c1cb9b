//! Responses are read tolerantly: every type the phone reads accepts a field it does not
//! know (the bank may add optional ones) and an enum value it does not know (kept as the
//! enum's `Unknown` variant). One table: a minimal sample of each response type, the JSON
//! pointers of its enum values, and the Rust type it is read as.

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::sandbox::*;
use super::*;

const AT: &str = "2026-12-20T09:30:00Z";
const DAY: &str = "2026-12-20";

fn money() -> Value {
    json!({"cents": 1250, "currency": "EUR"})
}

fn challenge() -> Value {
    json!({
        "challenge_id": "ch_1", "profile_id": "prf_1", "device_id": "dev_1",
        "purpose": "payment", "nonce": "AAAAAAAAAAAAAAAAAAAAAA", "counter": 7,
        "requester": "app", "subject_id": "pay_1", "issued_at": AT, "expires_at": AT,
        "bank_signature": "AAAA"
    })
}

fn device() -> Value {
    json!({
        "profile_id": "prf_1", "device_id": "dev_1", "profile_name": "Puhelin",
        "model": "Pixel 8", "platform": "android", "os_version": "15", "app_version": "1.0.0",
        "state": {"state": "locked", "reason": "wrong_pins"}, "biometric": "face",
        "registered_at": AT, "last_used_at": AT, "this_device": true
    })
}

fn payment() -> Value {
    json!({
        "payment_id": "pay_1", "from_account_id": "acc_1", "payee_name": "Helen Oy",
        "payee_iban": "FI4950009420028730", "amount": money(), "reference": "13",
        "due_date": DAY, "status": "awaiting_approval", "new_payee": false, "created_at": AT
    })
}

fn identification_request() -> Value {
    json!({
        "request_id": "idr_1", "service_name": "Vero", "broker_name": "Broker",
        "attributes": ["name"], "status": "pending", "expires_at": AT
    })
}

fn message_summary() -> Value {
    json!({
        "message_id": "msg_1", "subject": "Hei", "sender": "Pankki", "sent_at": AT,
        "read": false, "important": true
    })
}

fn meeting() -> Value {
    json!({
        "booking_code": "2KMEVE6X", "starts_at": AT, "duration_minutes": 30, "topic": "Laina",
        "details": "x", "expert_name": "Asiantuntija", "expert_office": "Helsinki",
        "participants": [{"name": "Anna", "identified": false}], "status": "booked",
        "join_opens_at": AT, "ends_at": AT, "recorded": true
    })
}

fn key_card() -> Value {
    json!({"attempt_id": "att_1", "key_card_index": 12, "expires_at": AT})
}

fn document() -> Value {
    json!({
        "document_id": "doc_1", "title": "Sopimus", "status": "completed",
        "parties": [{"name": "Anna", "signed_at": AT}], "sha256": "AAAA",
        "completed_at": AT, "download_until": AT
    })
}

fn demo_customer() -> Value {
    json!({
        "user_id": "anna", "password": "x", "name": "Anna", "kind": "personal",
        "hetu": "x", "phone": "+358401234567", "sms_service": true, "language": "fi",
        "key_card": ["1234"], "note": ""
    })
}

/// Reads `value` as `T`, or says why not.
fn read<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
    serde_json::from_value::<T>(value.clone())
        .map(drop)
        .map_err(|e| e.to_string())
}

type Reader = fn(&Value) -> Result<(), String>;

/// Every response type: its name, a sample, and the pointers of its enum values.
fn table() -> Vec<(&'static str, Reader, Value, Vec<&'static str>)> {
    vec![
        (
            "AccountList",
            read::<AccountList>,
            json!({"accounts": [{
            "account_id": "acc_1", "iban": "FI4950009420028730", "name": "Käyttötili",
            "kind": "current", "balance": money(), "available": money()}]}),
            vec!["/accounts/0/kind", "/accounts/0/balance/currency"],
        ),
        (
            "TransactionList",
            read::<TransactionList>,
            json!({"transactions": [{
            "transaction_id": "tx_1", "booked_on": DAY, "amount": money(),
            "counterparty": "Helen Oy"}]}),
            vec!["/transactions/0/amount/currency"],
        ),
        (
            "Challenge",
            read::<Challenge>,
            challenge(),
            vec!["/purpose"],
        ),
        (
            "ApprovalRequired",
            read::<ApprovalRequired>,
            json!({"challenge": challenge()}),
            vec!["/challenge/purpose"],
        ),
        (
            "Session",
            read::<Session>,
            json!({
            "token": "x", "idle_timeout_s": 300, "profile_id": "prf_1",
            "profile_state": {"state": "active"}, "biometric": "fingerprint",
            "customer": {"name": "Anna", "kind": "personal", "language": "fi"}}),
            vec!["/profile_state/state", "/biometric", "/customer/kind"],
        ),
        (
            "BlockResult",
            read::<BlockResult>,
            json!({"codes_blocked": true, "cards_blocked": 2,
            "info": {"phone_in_finland": "020 333", "phone_from_abroad": "+358 20 333",
            "open": "24/7"}}),
            vec![],
        ),
        (
            "BlockingInfo",
            read::<BlockingInfo>,
            json!({"phone_in_finland": "020 333",
            "phone_from_abroad": "+358 20 333", "open": "24/7"}),
            vec![],
        ),
        (
            "DeviceList",
            read::<DeviceList>,
            json!({"devices": [device()]}),
            vec![
                "/devices/0/state/state",
                "/devices/0/state/reason",
                "/devices/0/biometric",
            ],
        ),
        (
            "PendingChange",
            read::<PendingChange>,
            json!({"change_id": "chg_1",
            "challenge": challenge(), "birth_date": DAY}),
            vec!["/challenge/purpose"],
        ),
        (
            "ProfileStatus",
            read::<ProfileStatus>,
            json!({"profile_id": "prf_1",
            "state": {"state": "pending_unlock"}, "biometric": "face"}),
            vec!["/state/state", "/biometric"],
        ),
        (
            "ErrorBody",
            read::<ErrorBody>,
            json!({"code": "signature_invalid",
            "message": "x", "attempts_left": 2}),
            vec!["/code"],
        ),
        (
            "IdentificationRequest",
            read::<IdentificationRequest>,
            identification_request(),
            vec!["/status"],
        ),
        (
            "IdentificationApproval",
            read::<IdentificationApproval>,
            json!({
            "request": identification_request(), "challenge": challenge()}),
            vec!["/request/status", "/challenge/purpose"],
        ),
        (
            "MessageList",
            read::<MessageList>,
            json!({"messages": [message_summary()]}),
            vec![],
        ),
        (
            "Message",
            read::<Message>,
            json!({"summary": message_summary(), "body": "Hei"}),
            vec![],
        ),
        (
            "MeetingList",
            read::<MeetingList>,
            json!({"meetings": [meeting()]}),
            vec!["/meetings/0/status"],
        ),
        ("Meeting", read::<Meeting>, meeting(), vec!["/status"]),
        (
            "MeetingJoin",
            read::<MeetingJoin>,
            json!({"join_url": "https://example.invalid/m",
            "identification_required": true, "recorded": false}),
            vec![],
        ),
        (
            "KeyCardChallenge",
            read::<KeyCardChallenge>,
            key_card(),
            vec![],
        ),
        (
            "OnlineBankSession",
            read::<OnlineBankSession>,
            json!({"token": "x",
            "idle_timeout_s": 300, "password_change_required": false}),
            vec![],
        ),
        (
            "OnlineBankDeviceList",
            read::<OnlineBankDeviceList>,
            json!({"devices": [device()]}),
            vec!["/devices/0/state/state", "/devices/0/biometric"],
        ),
        (
            "UserCodeUnlockStarted",
            read::<UserCodeUnlockStarted>,
            json!({
            "key_card": key_card(), "phone_hint": "*** 67"}),
            vec![],
        ),
        (
            "UserCodeUnlocked",
            read::<UserCodeUnlocked>,
            json!({
            "password_is_key_card_code": 3, "profiles_unlocked": 1}),
            vec![],
        ),
        (
            "AppLoginApproval",
            read::<AppLoginApproval>,
            json!({"request_id": "alr_1",
            "short_code": "AB12", "expires_at": AT, "challenge": challenge()}),
            vec!["/challenge/purpose"],
        ),
        (
            "PaymentList",
            read::<PaymentList>,
            json!({"payments": [payment()]}),
            vec!["/payments/0/status", "/payments/0/amount/currency"],
        ),
        ("Payment", read::<Payment>, payment(), vec!["/status"]),
        (
            "Payment (own transfer)",
            read::<Payment>,
            {
                let mut p = payment();
                p["kind"] = json!("own_transfer");
                p["from_iban"] = json!("FI2112345600000785");
                p
            },
            vec!["/kind", "/status"],
        ),
        (
            "PaymentApproval",
            read::<PaymentApproval>,
            json!({"payment": payment(),
            "challenge": challenge(), "sms_code_sent": true}),
            vec!["/payment/status", "/challenge/purpose"],
        ),
        (
            "PayeeList",
            read::<PayeeList>,
            json!({"payees": [{"name": "Helen Oy",
            "iban": "FI4950009420028730", "last_paid_on": DAY}]}),
            vec![],
        ),
        (
            "EInvoiceList",
            read::<EInvoiceList>,
            json!({"invoices": [{"invoice_id": "inv_1",
            "biller_name": "Helen Oy", "iban": "FI4950009420028730", "amount": money(),
            "reference": "13", "due_date": DAY, "virtual_barcode": "4"}]}),
            vec!["/invoices/0/amount/currency"],
        ),
        (
            "RegistrationStarted",
            read::<RegistrationStarted>,
            json!({
            "registration_id": "reg_1", "key_card_index": 4, "expires_at": AT}),
            vec![],
        ),
        (
            "SmsCodeSent",
            read::<SmsCodeSent>,
            json!({"phone_hint": "*** 67",
            "expires_at": AT}),
            vec![],
        ),
        (
            "RegistrationVerified",
            read::<RegistrationVerified>,
            json!({"profile_id": "prf_1",
            "device_id": "dev_1", "nonce": "AAAA", "customer_name": "Anna",
            "customer_kind": "business", "birth_date": DAY}),
            vec!["/customer_kind"],
        ),
        (
            "RegisteredProfile",
            read::<RegisteredProfile>,
            json!({"profile_id": "prf_1",
            "state": {"state": "pending_unlock"}, "profile_name": "Puhelin"}),
            vec!["/state/state"],
        ),
        (
            "ApprovalReportReceipt",
            read::<ApprovalReportReceipt>,
            json!({"report_id": "rep_1",
            "approval_id": "ch_1", "purpose": "login", "received_at": AT}),
            vec!["/purpose"],
        ),
        (
            "Outbox",
            read::<Outbox>,
            json!({"messages": [{"id": 1, "channel": "sms",
            "user_id": "anna", "to": "+358401234567", "kind": "alert", "text": "x",
            "sent_at": AT}]}),
            vec!["/messages/0/channel"],
        ),
        (
            "ClockState",
            read::<ClockState>,
            json!({"now": AT, "frozen": true}),
            vec![],
        ),
        (
            "DemoCustomerList",
            read::<DemoCustomerList>,
            json!({"customers": [demo_customer()]}),
            vec!["/customers/0/kind"],
        ),
        (
            "BankKeys",
            read::<BankKeys>,
            json!({"challenge_key": "AAAA", "policy_key": "AAAA",
            "policy_key_id": "k1"}),
            vec![],
        ),
        (
            "IssuedIdentifier",
            read::<IssuedIdentifier>,
            json!({"identifier": "1234"}),
            vec![],
        ),
        (
            "BrokerResult",
            read::<BrokerResult>,
            json!({"request_id": "idr_1",
            "status": "approved", "name": "Anna"}),
            vec!["/status"],
        ),
        (
            "DocumentList",
            read::<DocumentList>,
            json!({"waiting": [], "pending": [],
            "completed": [document()]}),
            vec!["/completed/0/status"],
        ),
        (
            "Document",
            read::<Document>,
            json!({"summary": document(), "content": "x"}),
            vec!["/summary/status"],
        ),
    ]
}

/// Adds a field no version of this app knows to every object in `value`.
fn with_extra_fields(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut map: serde_json::Map<String, Value> = map
                .iter()
                .map(|(k, v)| (k.clone(), with_extra_fields(v)))
                .collect();
            map.insert("added_later".into(), json!({"nested": [1, "two", null]}));
            Value::Object(map)
        }
        Value::Array(items) => Value::Array(items.iter().map(with_extra_fields).collect()),
        other => other.clone(),
    }
}

#[test]
fn every_response_type_reads_its_sample_with_unknown_fields_and_enum_values() {
    let mut failures = Vec::new();
    for (name, reader, sample, enums) in table() {
        if let Err(e) = reader(&sample) {
            failures.push(format!("{name}: the sample itself: {e}"));
        }
        if let Err(e) = reader(&with_extra_fields(&sample)) {
            failures.push(format!("{name}: with an extra field: {e}"));
        }
        for pointer in enums {
            let mut changed = sample.clone();
            match changed.pointer_mut(pointer) {
                Some(slot @ Value::String(_)) => *slot = json!("added_in_a_later_version"),
                _ => failures.push(format!("{name}: no enum value at {pointer}")),
            }
            if let Err(e) = reader(&changed) {
                failures.push(format!("{name}: unknown value at {pointer}: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn unknown_enum_values_are_kept_as_unknown() {
    let read = |json: &str| serde_json::from_str::<Value>(json).expect("json");
    let payment: Payment = serde_json::from_value({
        let mut p = payment();
        p["status"] = json!("disputed");
        p["amount"]["currency"] = json!("SEK");
        p
    })
    .expect("reads");
    assert_eq!(payment.status, PaymentStatus::Unknown);
    assert_eq!(payment.amount.currency, Currency::Unknown);
    let body: ErrorBody =
        serde_json::from_value(read(r#"{"code":"quantum_error","message":"x"}"#)).expect("reads");
    assert_eq!(body.code, ErrorCode::Unknown);
    assert_eq!(
        body.code.message(crate::Language::En, None),
        ErrorCode::Internal.message(crate::Language::En, None)
    );
    let status: ProfileStatus = serde_json::from_value(read(
        r#"{"profile_id":"p","state":{"state":"frozen"},"biometric":"iris"}"#,
    ))
    .expect("reads");
    assert_eq!(status.state, ProfileState::Unknown);
    assert_eq!(status.biometric, Some(BiometricKind::Unknown));
    let locked: ProfileStatus = serde_json::from_value(read(
        r#"{"profile_id":"p","state":{"state":"locked","reason":"court_order"}}"#,
    ))
    .expect("reads");
    assert_eq!(
        locked.state,
        ProfileState::Locked {
            reason: crate::lifecycle::LockReason::Unknown
        }
    );
    let challenge: Challenge = serde_json::from_value({
        let mut c = challenge();
        c["purpose"] = json!("loan_signing");
        c
    })
    .expect("reads");
    assert_eq!(challenge.purpose, Purpose::Unknown);
    // A bank before transfers sends no kind: a payment. A kind added later: unknown.
    assert_eq!(payment.kind, PaymentKind::Payment);
    let later: Payment = serde_json::from_value({
        let mut p = self::payment();
        p["kind"] = json!("standing_order");
        p
    })
    .expect("reads");
    assert_eq!(later.kind, PaymentKind::Unknown);
    assert_eq!(later.kind.purpose(), None);
    // The customer kind the profile picker shows: unknown or missing never fails.
    let verified = |kind: Option<&str>| {
        let mut v = json!({"profile_id": "prf_1", "device_id": "dev_1", "nonce": "AAAA",
            "customer_name": "Puutyö"});
        if let Some(kind) = kind {
            v["customer_kind"] = json!(kind);
        }
        serde_json::from_value::<RegistrationVerified>(v)
            .expect("reads")
            .customer_kind
    };
    assert_eq!(verified(Some("business")), CustomerKind::Business);
    assert_eq!(verified(Some("cooperative")), CustomerKind::Unknown);
    assert_eq!(verified(None), CustomerKind::Unknown);
    for kind in [
        CustomerKind::Personal,
        CustomerKind::Business,
        CustomerKind::Unknown,
    ] {
        assert_eq!(CustomerKind::from_code(kind.code()), kind);
    }
}

#[test]
fn requests_stay_strict() {
    let extra = |mut value: Value| {
        value["added_later"] = json!(1);
        value
    };
    let new_payment = json!({"from_account_id": "acc_1", "payee_name": "Helen Oy",
        "payee_iban": "FI4950009420028730", "amount_cents": 1250});
    assert!(serde_json::from_value::<NewPayment>(new_payment.clone()).is_ok());
    assert!(serde_json::from_value::<NewPayment>(extra(new_payment)).is_err());
    let new_transfer = json!({"from_account_id": "acc_1", "to_account_id": "acc_2",
        "amount_cents": 1250});
    assert!(serde_json::from_value::<NewTransfer>(new_transfer.clone()).is_ok());
    assert!(serde_json::from_value::<NewTransfer>(extra(new_transfer)).is_err());
    let login = json!({"profile_id": "prf_1", "device": {"os_version": "15",
        "app_version": "1.0.0"}, "channel": "app"});
    assert!(serde_json::from_value::<ChallengeRequest>(login.clone()).is_ok());
    assert!(serde_json::from_value::<ChallengeRequest>(extra(login.clone())).is_err());
    let mut other_channel = login;
    other_channel["channel"] = json!("smart_tv");
    assert!(serde_json::from_value::<ChallengeRequest>(other_channel).is_err());
}

//! openapi.yaml tested against the wire types (`avain_protocol::api`), rather than generated
//! from them: the YAML is the contract a bank team reads and writes, with prose, limits
//! and status codes that the Rust types cannot carry, so it stays hand-written and these
//! tests hold it to the types.
//!
//! - Real answers: a logged-in session walks the API; every answer is validated against
//!   its operation's schema for that status, read as its Rust type, written back with
//!   serde, and must come out the same and valid again.
//! - Requests: values of the request types, serialized with serde, validate against their
//!   schemas, and the fields a minimal request sends are exactly the schema's `required`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

mod common;

use std::collections::BTreeSet;

use avain_protocol::api::{
    AccountList, ApprovalReport, Base64Bytes, BlockRequest, BlockingInfo, ChallengeRequest,
    CodeRequest, DeviceList, DeviceState, Document, DocumentList, EInvoiceList, LoginChannel,
    MeetingChange, MeetingList, Message, MessageList, MessageSummary, NewMessage, NewPayment,
    PayeeList, Payment, PaymentApproval, PaymentList, PendingChange, PinChangeRequest,
    RegistrationStart, Secret, Session, TransactionList,
};
use avain_sandbox::client::BankClient;
use avain_sandbox::seed::ANNA;
use common::spec::{assert_valid, component, request_schema, response_schema, spec, validator};
use common::*;
use reqwest::Method;
use ring::signature::KeyPair as _;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The spec and a logged-in client.
struct Walk {
    spec: Value,
    client: BankClient,
    token: String,
}

impl Walk {
    /// Sends `body` (validated against the operation's request schema first) to `path`,
    /// an instance of `template`; validates the answer against the schema of `status`,
    /// reads it as `T` and checks that serde writes `T` back as the same valid JSON.
    async fn call<T: Serialize + DeserializeOwned>(
        &self,
        method: Method,
        template: &str,
        path: &str,
        body: Option<Value>,
        status: u16,
    ) -> T {
        let operation = method.as_str().to_ascii_lowercase();
        let what = format!("{method} {path}");
        if let Some(body) = &body {
            let schema = request_schema(&self.spec, &operation, template);
            assert_valid(&validator(&self.spec, &schema), body, &what);
        }
        let (got, bytes) = self
            .client
            .raw(
                method,
                path,
                Some(&self.token),
                body.as_ref().map(|_| "application/json"),
                body.map(|b| serde_json::to_vec(&b).unwrap())
                    .unwrap_or_default(),
            )
            .await
            .unwrap();
        let answer: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(got.as_u16(), status, "{what}: {answer}");
        let schema = response_schema(&self.spec, &operation, template, status);
        assert!(!schema.is_null(), "{what}: no schema for {status}");
        let valid = validator(&self.spec, &schema);
        assert_valid(&valid, &answer, &what);
        let typed: T = serde_json::from_value(answer.clone())
            .unwrap_or_else(|e| panic!("{what}: not its type: {e}"));
        let again = serde_json::to_value(&typed).unwrap();
        assert_eq!(again, answer, "{what}: serde writes it back differently");
        assert_valid(&valid, &again, &what);
        typed
    }

    async fn get<T: Serialize + DeserializeOwned>(&self, template: &str, path: &str) -> T {
        self.call(Method::GET, template, path, None, 200).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_answers_match_their_schemas_and_types() {
    let (_bank, client) = bank().await;
    let (device, token) = logged_in(&client, ANNA).await;
    let walk = Walk {
        spec: spec(),
        client,
        token,
    };

    let _: Session = walk
        .get("/v1/sessions/current", "/v1/sessions/current")
        .await;
    let _: BlockingInfo = walk.get("/v1/blocking", "/v1/blocking").await;
    let _: Value = walk.get("/v1/policy", "/v1/policy").await;
    let _: DeviceList = walk.get("/v1/devices", "/v1/devices").await;
    let accounts: AccountList = walk.get("/v1/accounts", "/v1/accounts").await;
    for account in &accounts.accounts {
        let path = format!("/v1/accounts/{}/transactions", account.account_id);
        let _: TransactionList = walk.get("/v1/accounts/{id}/transactions", &path).await;
    }
    let payments: PaymentList = walk.get("/v1/payments", "/v1/payments").await;
    for payment in &payments.payments {
        let path = format!("/v1/payments/{}", payment.payment_id);
        let _: Payment = walk.get("/v1/payments/{id}", &path).await;
    }
    let _: PayeeList = walk.get("/v1/payees", "/v1/payees").await;
    let _: EInvoiceList = walk.get("/v1/e-invoices", "/v1/e-invoices").await;
    let messages: MessageList = walk.get("/v1/messages", "/v1/messages").await;
    let first: &MessageSummary = messages.messages.first().expect("seeded messages");
    let path = format!("/v1/messages/{}", first.message_id);
    let _: Message = walk.get("/v1/messages/{id}", &path).await;
    let _: MeetingList = walk.get("/v1/meetings", "/v1/meetings").await;
    let documents: DocumentList = walk.get("/v1/documents", "/v1/documents").await;
    let summary = documents.waiting.first().expect("a document to sign");
    let path = format!("/v1/documents/{}", summary.document_id);
    let _: Document = walk.get("/v1/documents/{id}", &path).await;

    // Answers that carry dates and a challenge.
    let new_payment = NewPayment {
        from_account_id: accounts.accounts[0].account_id.clone(),
        payee_name: "Helsingin Energia Oy".into(),
        payee_iban: "FI21 1234 5600 0007 85".into(),
        amount_cents: 4_250,
        reference: Some("1234561".into()),
        message: None,
        due_date: Some(time::OffsetDateTime::now_utc().date() + time::Duration::days(10)),
        invoice_id: None,
    };
    let body = serde_json::to_value(&new_payment).unwrap();
    let approval: PaymentApproval = walk
        .call(
            Method::POST,
            "/v1/payments",
            "/v1/payments",
            Some(body),
            201,
        )
        .await;
    assert!(approval.payment.new_payee);
    let new_key = device.pin_key("3691");
    let body = serde_json::to_value(PinChangeRequest {
        new_pin_public_key: Base64Bytes(new_key.public_key().as_ref().to_vec()),
    })
    .unwrap();
    let pending: PendingChange = walk
        .call(
            Method::POST,
            "/v1/pin-changes",
            "/v1/pin-changes",
            Some(body),
            201,
        )
        .await;
    assert!(pending.birth_date.is_some());

    // An error answer.
    let _: Value = walk
        .call(
            Method::GET,
            "/v1/payments/{id}",
            "/v1/payments/nothing",
            None,
            404,
        )
        .await;
}

/// The keys a request sends, as serde writes it.
fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

/// `schema`'s `required`, resolved through one `$ref`.
fn required(spec: &Value, schema: &Value) -> BTreeSet<String> {
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => &spec["components"]["schemas"][reference.rsplit('/').next().unwrap()],
        None => schema,
    };
    schema["required"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A request value validates against the request schema of `method path`; with `minimal`
/// its fields are exactly the schema's required ones.
fn check_request(spec: &Value, method: &str, path: &str, value: &impl Serialize, minimal: bool) {
    let value = serde_json::to_value(value).unwrap();
    let schema = request_schema(spec, method, path);
    assert!(!schema.is_null(), "{method} {path}: no request schema");
    assert_valid(
        &validator(spec, &schema),
        &value,
        &format!("{method} {path}"),
    );
    if minimal {
        assert_eq!(
            keys(&value),
            required(spec, &schema),
            "{method} {path}: the required fields are not the type's"
        );
    }
}

#[test]
fn request_types_match_their_schemas() {
    let spec = spec();
    let full_payment = NewPayment {
        from_account_id: "acc_anna_current".into(),
        payee_name: "Helsingin Energia Oy".into(),
        payee_iban: "FI2112345600000785".into(),
        amount_cents: 99_999_999_999,
        reference: Some("RF18539007547034".into()),
        message: Some("Lasku 12/2026".into()),
        due_date: Some(time::macros::date!(2026 - 12 - 20)),
        invoice_id: Some("inv_1".into()),
    };
    check_request(&spec, "post", "/v1/payments", &full_payment, false);
    let minimal_payment = NewPayment {
        reference: None,
        message: None,
        due_date: None,
        invoice_id: None,
        ..full_payment
    };
    check_request(&spec, "post", "/v1/payments", &minimal_payment, true);

    let start = RegistrationStart {
        username: ANNA.into(),
        password: Secret::new("salasana"),
    };
    check_request(&spec, "post", "/v1/registrations", &start, true);
    let code = CodeRequest {
        code: Secret::new("123456"),
    };
    check_request(&spec, "post", "/v1/registrations/{id}/sms", &code, true);
    let challenge = ChallengeRequest {
        profile_id: "prf_1".into(),
        device: DeviceState {
            os_version: "17.4.1".into(),
            app_version: "1.2.0".into(),
        },
        channel: LoginChannel::OnlineBank,
    };
    check_request(&spec, "post", "/v1/challenges", &challenge, false);
    let message = NewMessage {
        subject: "Kysymys".into(),
        body: "Hei!".into(),
    };
    check_request(&spec, "post", "/v1/messages", &message, true);
    let block = BlockRequest {
        codes: true,
        cards: false,
    };
    check_request(&spec, "post", "/v1/online-bank/blocking", &block, true);
    check_request(
        &spec,
        "post",
        "/v1/approvals/{id}/reports",
        &ApprovalReport { comment: None },
        true,
    );
    let change = MeetingChange {
        starts_at: Some(time::macros::datetime!(2026-12-20 10:00 UTC)),
        duration_minutes: Some(45),
        topic: Some("Asuntolaina".into()),
        details: Some(String::new()),
    };
    check_request(&spec, "patch", "/v1/meetings/{id}", &change, false);
    check_request(
        &spec,
        "patch",
        "/v1/meetings/{id}",
        &MeetingChange::default(),
        true,
    );
}

#[test]
fn the_error_body_matches_its_schema() {
    let spec = spec();
    let body = avain_protocol::api::ErrorBody::with_attempts_left(
        avain_protocol::api::ErrorCode::SignatureInvalid,
        avain_protocol::i18n::Language::Sv,
        2,
    );
    assert_valid(
        &component(&spec, "ErrorBody"),
        &serde_json::to_value(&body).unwrap(),
        "ErrorBody",
    );
    assert_valid(
        &component(&spec, "ErrorBody"),
        &json!({"code": "not_found", "message": "Ei löytynyt."}),
        "ErrorBody",
    );
}

/// Optional request fields that the schema lets be `null` are read as absent by the
/// types, as the schema says.
#[test]
fn null_optional_fields_are_absent_on_both_sides() {
    let spec = spec();
    let payment = json!({
        "from_account_id": "acc_anna_current",
        "payee_name": "Helsingin Energia Oy",
        "payee_iban": "FI2112345600000785",
        "amount_cents": 100,
        "reference": null,
        "message": null,
        "due_date": null,
        "invoice_id": null,
    });
    let schema = request_schema(&spec, "post", "/v1/payments");
    assert_valid(
        &validator(&spec, &schema),
        &payment,
        "NewPayment with nulls",
    );
    let read: NewPayment = serde_json::from_value(payment).unwrap();
    assert!(read.reference.is_none() && read.due_date.is_none());
    let change =
        json!({"starts_at": null, "duration_minutes": null, "topic": null, "details": null});
    let schema = request_schema(&spec, "patch", "/v1/meetings/{id}");
    assert_valid(
        &validator(&spec, &schema),
        &change,
        "MeetingChange with nulls",
    );
    let read: MeetingChange = serde_json::from_value(change).unwrap();
    assert_eq!(read, MeetingChange::default());
}

//! The HTTP API: every route, the body limit and the errors for unknown paths and methods.
//! What every request goes through around them (its language, no caching) is
//! [`crate::requests`].

pub mod accounts;
pub mod auth;
pub mod biometric_attestation;
pub mod confirmations;
pub mod device_locks;
pub mod devices;
pub mod extra_services;
pub mod identification;
pub mod inbox;
pub mod meeting_guests;
pub mod meetings;
pub mod online_bank;
pub mod payments;
pub mod registration;
pub mod reports;
pub mod sandbox;
pub mod signing;

use avain_protocol::api::{BlockRequest, BlockResult, BlockingInfo, ErrorCode};
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::middleware;
use axum::routing::{delete, get, patch, post, put};

use crate::attestation::simulated;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppSession, BODY_LIMIT, Json};
use crate::state::Shared;

/// The whole API, served through [`crate::requests::ConnectionRequests`]; the control
/// routes `/v1/sandbox/*` only with `control` (otherwise they answer 404 like any unknown
/// path).
pub fn router(state: Shared, control: bool) -> Router {
    let failed_lookups =
        middleware::from_fn_with_state(state.clone(), crate::throttle::failed_lookups);
    let api = Router::new()
        // Public.
        .route("/v1/policy", get(sandbox::policy))
        .route("/v1/blocking", get(blocking_info).post(block))
        // Registration.
        .route("/v1/registrations", post(registration::start))
        .route(
            "/v1/registrations/{id}/key-card",
            post(registration::key_card),
        )
        .route("/v1/registrations/{id}/sms", post(registration::sms))
        .route(
            "/v1/registrations/{id}/complete",
            post(registration::complete),
        )
        // Login and session.
        .route("/v1/challenges", post(auth::challenge))
        .route("/v1/sessions", post(auth::login))
        .route(
            "/v1/sessions/current",
            get(auth::current).delete(auth::logout),
        )
        // Trusted devices and keys.
        .route("/v1/devices", get(devices::list))
        .route("/v1/devices/{id}/removal", post(devices::removal))
        .route(
            "/v1/devices/{id}/removal/confirm",
            post(devices::confirm_removal),
        )
        .route("/v1/pin-changes", post(devices::pin_change))
        .route(
            "/v1/pin-changes/{id}/confirm",
            post(devices::confirm_pin_change),
        )
        .route("/v1/biometric-keys", post(devices::biometric_key))
        .route(
            "/v1/biometric-keys/attestation-challenges",
            post(biometric_attestation::challenge),
        )
        .route(
            "/v1/biometric-keys/current",
            delete(devices::remove_biometric_key),
        )
        .route(
            "/v1/biometric-keys/{id}/confirm",
            post(devices::confirm_biometric_key),
        )
        // Accounts and payments.
        .route("/v1/accounts", get(accounts::list))
        .route(
            "/v1/accounts/{id}/transactions",
            get(accounts::transactions),
        )
        .route("/v1/payments", get(payments::list).post(payments::create))
        .route(
            "/v1/payments/{id}",
            get(payments::get).delete(payments::cancel),
        )
        .route("/v1/payments/{id}/approval", post(payments::approval))
        .route("/v1/payments/{id}/confirm", post(payments::confirm))
        .route("/v1/transfers", post(payments::create_transfer))
        .route("/v1/payees", get(payments::payees))
        .route("/v1/e-invoices", get(payments::e_invoices))
        // Receipts: "this was not me".
        .route("/v1/approvals/{id}/reports", post(reports::report))
        // Third-party identification.
        .route(
            "/v1/identification-requests/{id}/challenge",
            post(identification::challenge),
        )
        .route(
            "/v1/identification-requests/{id}/approve",
            post(identification::approve),
        )
        .route(
            "/v1/identification-requests/{id}/reject",
            post(identification::reject),
        )
        // Secure inbox.
        .route("/v1/messages", get(inbox::list).post(inbox::send))
        .route("/v1/messages/{id}", get(inbox::open))
        // Video meetings.
        .route("/v1/meetings", get(meetings::list).post(meetings::book))
        .route(
            "/v1/meetings/{id}",
            patch(meetings::change).delete(meetings::cancel),
        )
        .route("/v1/meetings/{id}/join", post(meetings::join))
        .route("/v1/meetings/{id}/identify", post(meetings::identify))
        .route(
            "/v1/meeting-lookups",
            post(meetings::lookup).layer(failed_lookups.clone()),
        )
        .route(
            "/v1/meeting-lookups/change",
            post(meetings::lookup_change).layer(failed_lookups.clone()),
        )
        .route(
            "/v1/meeting-lookups/cancel",
            post(meetings::lookup_cancel).layer(failed_lookups.clone()),
        )
        // Meetings without login: slots, bookings, invitations, guests via the broker.
        .route("/v1/meeting-slots", get(meeting_guests::slots))
        .route("/v1/meeting-bookings", post(meeting_guests::book))
        .route(
            "/v1/meetings/{id}/invitations",
            post(meeting_guests::invite),
        )
        .route(
            "/v1/meeting-guests/join",
            post(meeting_guests::join).layer(failed_lookups.clone()),
        )
        .route(
            "/v1/meeting-guests/admit",
            post(meeting_guests::admit).layer(failed_lookups),
        )
        // Signing service.
        .route("/v1/documents", get(signing::list))
        .route("/v1/documents/{id}", get(signing::get))
        .route("/v1/documents/{id}/signature", post(signing::start))
        .route(
            "/v1/documents/{id}/signature/confirm",
            post(signing::confirm),
        )
        .route("/v1/documents/{id}/download", get(signing::download))
        // Online bank.
        .route("/v1/online-bank/logins", post(online_bank::login_start))
        .route(
            "/v1/online-bank/logins/{id}",
            post(online_bank::login_finish),
        )
        .route(
            "/v1/online-bank/sessions/current",
            delete(online_bank::logout),
        )
        .route(
            "/v1/online-bank/password",
            post(online_bank::change_password),
        )
        .route("/v1/online-bank/devices", get(online_bank::devices))
        .route(
            "/v1/online-bank/devices/{id}",
            delete(online_bank::remove_device),
        )
        .route(
            "/v1/online-bank/devices/{id}/unlock",
            post(online_bank::unlock_device),
        )
        .route(
            "/v1/online-bank/devices/{id}/lock",
            post(device_locks::lock),
        )
        .route(
            "/v1/online-bank/devices/{id}/open",
            post(device_locks::open_start),
        )
        .route(
            "/v1/online-bank/device-opens/{id}",
            post(device_locks::open_finish),
        )
        .route("/v1/online-bank/extra-services", get(extra_services::get))
        .route(
            "/v1/online-bank/sms-service",
            put(extra_services::set_sms_service),
        )
        .route(
            "/v1/online-bank/sms-service-off",
            post(extra_services::off_start),
        )
        .route(
            "/v1/online-bank/sms-service-offs/{id}",
            post(extra_services::off_finish),
        )
        .route("/v1/online-bank/phone-changes", post(extra_services::start))
        .route(
            "/v1/online-bank/phone-changes/{id}",
            post(extra_services::finish),
        )
        .route("/v1/online-bank/blocking", post(online_bank::block))
        .route(
            "/v1/online-bank/app-logins/{id}/challenge",
            post(crate::web::app_login::api_challenge),
        )
        .route(
            "/v1/online-bank/app-logins/{id}/approve",
            post(crate::web::app_login::api_approve),
        )
        .route(
            "/v1/online-bank/app-logins/{id}/reject",
            post(crate::web::app_login::api_reject),
        )
        .route("/v1/user-code-unlocks", post(online_bank::unlock_start))
        .route(
            "/v1/user-code-unlocks/{id}",
            post(online_bank::unlock_finish),
        );
    let api = if control {
        api.merge(control_routes())
    } else {
        api
    };
    // The browser online bank at `/` (crate::web).
    api.merge(crate::web::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// The sandbox's control routes: what the bank's staff, its SMS operator and the tests
/// see (every SMS code, the clock, policy publishing, the branch, the expert's side).
fn control_routes() -> Router<Shared> {
    Router::new()
        .route("/v1/sandbox/outbox", get(sandbox::outbox))
        .route(
            "/v1/sandbox/clock",
            get(sandbox::clock).post(sandbox::set_clock),
        )
        .route("/v1/sandbox/customers", get(sandbox::customers))
        .route("/v1/sandbox/bank-keys", get(sandbox::bank_keys))
        .route("/v1/sandbox/reset", post(sandbox::reset))
        .route("/v1/sandbox/policy", post(sandbox::publish_policy))
        .route(
            "/v1/sandbox/branch/customers/{id}/unlock",
            post(sandbox::branch_unlock),
        )
        .route("/v1/sandbox/messages", post(inbox::bank_send))
        .route(
            "/v1/sandbox/broker/identification-requests",
            post(identification::broker_create),
        )
        .route(
            "/v1/sandbox/broker/identification-requests/{id}",
            get(identification::broker_result),
        )
        .route("/v1/sandbox/meetings/{id}", get(meetings::expert_view))
        .route(
            "/v1/sandbox/meetings/{id}/identifiers",
            post(meetings::issue_identifier),
        )
        .route(
            "/v1/sandbox/meetings/{id}/participants",
            post(meetings::add_participant),
        )
        .route(
            "/v1/sandbox/broker/other-bank-identifications",
            post(meeting_guests::broker_identify),
        )
        .route(
            "/v1/sandbox/attestation/policy",
            get(simulated::policy).post(simulated::set_policy),
        )
        .route("/v1/sandbox/attestation/android", post(simulated::android))
        .route(
            "/v1/sandbox/attestation/apple/keys",
            post(simulated::apple_key),
        )
        .route(
            "/v1/sandbox/attestation/apple/attest",
            post(simulated::apple_attest),
        )
        .route(
            "/v1/sandbox/attestation/apple/assert",
            post(simulated::apple_assert),
        )
}

async fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound)
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(ErrorCode::MethodNotAllowed)
}

/// `GET /v1/blocking`: the blocking service's numbers (public).
async fn blocking_info() -> axum::Json<BlockingInfo> {
    axum::Json(online_bank::blocking_info())
}

/// `POST /v1/blocking`: block codes and/or cards from the app.
async fn block(
    State(state): State<Shared>,
    session: AppSession,
    Json(body): Json<BlockRequest>,
) -> ApiResult<axum::Json<BlockResult>> {
    online_bank::block_for(&state, session.session.customer_id, body)
        .await
        .map(axum::Json)
}

//! My authenticator profiles and devices: name, model, OS, last use, how the device's key
//! is protected (its attestation's verdict); unlock a profile
//! waiting for the online bank (or locked by wrong PINs); lock one profile (a lost phone)
//! and open it again with a key-card code; remove a device.

use askama::Template;
use avain_protocol::api::{CodeRequest, ErrorCode, KeyProtection, Secret, TrustedDevice};
use avain_protocol::lifecycle::{LockReason, ProfileState};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::context::{Ctx, LoggedIn};
use super::format;
use crate::extract::{Json, PathId};
use crate::routes::{device_locks, online_bank};
use crate::state::Shared;
use avain_protocol::rules::ids::is_id;

/// One device as the page lists it.
pub struct DeviceRow {
    /// The profile id (form field).
    pub profile_id: String,
    /// The profile's name.
    pub name: String,
    /// "iPhone 15 · iOS 17.4".
    pub model: String,
    /// Text key of the state.
    pub state_key: &'static str,
    /// Whether the page offers "unlock".
    pub can_unlock: bool,
    /// Whether the page offers "lock this profile" (usable, or locked by wrong PINs).
    pub can_lock: bool,
    /// Whether the page offers "open the lock" with a key-card code (the customer's lock).
    pub can_open: bool,
    /// Registered, formatted.
    pub registered: String,
    /// Last used, formatted (or empty).
    pub last_used: String,
    /// What the bank concluded about the device's key, as the app shows it too.
    pub key_protection: String,
}

/// The devices page.
#[derive(Template)]
#[template(path = "devices.html")]
pub struct DevicesPage {
    /// Context.
    pub c: Ctx,
    /// The devices.
    pub devices: Vec<DeviceRow>,
    /// What went wrong.
    pub error: Option<String>,
}

/// The removal confirmation.
#[derive(Template)]
#[template(path = "device_remove.html")]
pub struct RemovePage {
    /// Context.
    pub c: Ctx,
    /// The device.
    pub device: DeviceRow,
}

fn platform_name(platform: &str) -> &str {
    match platform {
        "ios" => "iOS",
        "ipados" => "iPadOS",
        "android" => "Android",
        other => other,
    }
}

fn row(c: &Ctx, d: TrustedDevice) -> DeviceRow {
    let (state_key, can_unlock) = match d.state {
        ProfileState::PendingUnlock => ("state_pending_unlock", true),
        ProfileState::Active => ("state_active", false),
        ProfileState::Locked {
            reason: LockReason::WrongPins,
        } => ("state_locked_wrong_pins", true),
        ProfileState::Locked {
            reason: LockReason::ByCustomer,
        } => ("state_locked_by_customer", false),
        ProfileState::Locked {
            reason: LockReason::ByBank,
        } => ("state_locked_by_bank", false),
        // The bank stores only reasons it knows; an unknown one reads as the strictest.
        ProfileState::Locked {
            reason: LockReason::WrongKeyCardCodes | LockReason::Unknown,
        } => ("state_locked_key_card", false),
        ProfileState::Revoked | ProfileState::Deleted | ProfileState::Unknown => {
            ("state_removed", false)
        }
    };
    let can_lock = matches!(
        d.state,
        ProfileState::Active
            | ProfileState::Locked {
                reason: LockReason::WrongPins
            }
    );
    let can_open = d.state
        == (ProfileState::Locked {
            reason: LockReason::ByCustomer,
        });
    DeviceRow {
        can_lock,
        can_open,
        profile_id: d.profile_id,
        name: d.profile_name,
        model: format!(
            "{} · {} {}",
            d.model,
            platform_name(&d.platform),
            d.os_version
        ),
        state_key,
        can_unlock,
        registered: format::date_time(c.lang, d.registered_at),
        last_used: d
            .last_used_at
            .map(|t| format::date_time(c.lang, t))
            .unwrap_or_default(),
        // Nothing the bank could verify, however it came to be, reads as not verified.
        key_protection: d
            .key_protection
            .unwrap_or(KeyProtection::NotAttested)
            .label(c.lang),
    }
}

async fn rows(state: &Shared, me: &LoggedIn, c: &Ctx) -> Result<Vec<DeviceRow>, String> {
    match online_bank::devices(State(state.clone()), me.bank_session()).await {
        Ok(list) => Ok(list.0.devices.into_iter().map(|d| row(c, d)).collect()),
        Err(e) => Err(me.web.api_error(e)),
    }
}

/// `GET /devices`
pub async fn page(State(state): State<Shared>, me: LoggedIn) -> Response {
    let c = me.ctx("devices");
    let (devices, error) = match rows(&state, &me, &c).await {
        Ok(devices) => (devices, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    me.web.render(&DevicesPage { c, devices, error })
}

/// A form naming one profile.
#[derive(Deserialize)]
pub struct DeviceForm {
    csrf: String,
    profile_id: String,
}

impl DeviceForm {
    /// The profile id, once the CSRF token and the id's form are checked; else the page
    /// that refuses the form.
    fn checked(self, me: &LoggedIn) -> Result<String, Box<Response>> {
        if let Some(refused) = me.web.csrf_refusal(&self.csrf) {
            return Err(Box::new(refused));
        }
        if !is_id(&self.profile_id) {
            return Err(Box::new(
                me.web
                    .error_page(StatusCode::BAD_REQUEST, "error_bad_request"),
            ));
        }
        Ok(self.profile_id)
    }
}

/// `POST /devices/unlock`: unlocks the profile; the bank sends the "profile unlocked"
/// SMS and push.
pub async fn unlock(
    State(state): State<Shared>,
    mut me: LoggedIn,
    Form(form): Form<DeviceForm>,
) -> Response {
    let profile_id = match form.checked(&me) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    match online_bank::unlock_device(State(state.clone()), me.bank_session(), PathId(profile_id))
        .await
    {
        Ok(_) => me.web.redirect("/devices", Some("flash_device_unlocked")),
        Err(e) => failed(&state, me, e).await,
    }
}

/// `POST /devices/lock`: locks the profile at once (no code: it only makes things
/// safer); the customer gets an SMS.
pub async fn lock(
    State(state): State<Shared>,
    mut me: LoggedIn,
    Form(form): Form<DeviceForm>,
) -> Response {
    let profile_id = match form.checked(&me) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    match device_locks::lock(State(state.clone()), me.bank_session(), PathId(profile_id)).await {
        Ok(_) => me.web.redirect("/devices", Some("flash_device_locked")),
        Err(e) => failed(&state, me, e).await,
    }
}

/// The key-card code that opens a profile the customer locked.
#[derive(Template)]
#[template(path = "device_open.html")]
pub struct OpenPage {
    /// Context.
    pub c: Ctx,
    /// The device.
    pub device: DeviceRow,
    /// The confirmation's id.
    pub attempt_id: String,
    /// Which key code to type.
    pub index: u32,
    /// What went wrong.
    pub error: Option<String>,
}

/// `POST /devices/open`: asks the key-card code.
pub async fn open(
    State(state): State<Shared>,
    me: LoggedIn,
    Form(form): Form<DeviceForm>,
) -> Response {
    let profile_id = match form.checked(&me) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    let c = me.ctx("devices");
    let Some(device) = rows(&state, &me, &c)
        .await
        .unwrap_or_default()
        .into_iter()
        .find(|d| d.profile_id == profile_id)
    else {
        return me
            .web
            .error_page(StatusCode::NOT_FOUND, "error_bad_request");
    };
    match device_locks::open_start(State(state.clone()), me.bank_session(), PathId(profile_id))
        .await
    {
        Ok((_, challenge)) => me.web.render(&OpenPage {
            c,
            device,
            attempt_id: challenge.0.attempt_id,
            index: challenge.0.key_card_index,
            error: None,
        }),
        Err(e) => failed(&state, me, e).await,
    }
}

/// The key-card code form.
#[derive(Deserialize)]
pub struct OpenForm {
    csrf: String,
    profile_id: String,
    attempt_id: String,
    index: u32,
    code: String,
}

/// `POST /devices/open/confirm`: the key-card code; a wrong one shows the page again with
/// the attempts left (three wrong ones lock the codes, as at login).
pub async fn open_confirm(
    State(state): State<Shared>,
    mut me: LoggedIn,
    Form(form): Form<OpenForm>,
) -> Response {
    if let Some(refused) = me.web.csrf_refusal(&form.csrf) {
        return refused;
    }
    if !is_id(&form.profile_id) || !is_id(&form.attempt_id) {
        return me
            .web
            .error_page(StatusCode::BAD_REQUEST, "error_bad_request");
    }
    let body = CodeRequest {
        code: Secret::new(form.code),
    };
    match device_locks::open_finish(
        State(state.clone()),
        me.bank_session(),
        PathId(form.attempt_id.clone()),
        Json(body),
    )
    .await
    {
        Ok(_) => me.web.redirect("/devices", Some("flash_device_opened")),
        Err(e) if e.code == ErrorCode::KeyCardCodeWrong => {
            let c = me.ctx("devices");
            let Some(device) = rows(&state, &me, &c)
                .await
                .unwrap_or_default()
                .into_iter()
                .find(|d| d.profile_id == form.profile_id)
            else {
                return me
                    .web
                    .error_page(StatusCode::NOT_FOUND, "error_bad_request");
            };
            let page = OpenPage {
                c,
                device,
                attempt_id: form.attempt_id,
                index: form.index,
                error: Some(me.web.api_error(e)),
            };
            me.web.render_refusal(StatusCode::FORBIDDEN, e, &page)
        }
        Err(e) => failed(&state, me, e).await,
    }
}

async fn failed(state: &Shared, me: LoggedIn, e: crate::error::ApiError) -> Response {
    let c = me.ctx("devices");
    let devices = rows(state, &me, &c).await.unwrap_or_default();
    let page = DevicesPage {
        c,
        devices,
        error: Some(me.web.api_error(e)),
    };
    me.web.render_status(StatusCode::CONFLICT, &page)
}

/// `POST /devices/remove`: asks to confirm.
pub async fn remove(
    State(state): State<Shared>,
    me: LoggedIn,
    Form(form): Form<DeviceForm>,
) -> Response {
    if let Some(refused) = me.web.csrf_refusal(&form.csrf) {
        return refused;
    }
    let c = me.ctx("devices");
    let Ok(devices) = rows(&state, &me, &c).await else {
        return me
            .web
            .error_page(StatusCode::NOT_FOUND, "error_bad_request");
    };
    match devices
        .into_iter()
        .find(|d| d.profile_id == form.profile_id)
    {
        Some(device) => me.web.render(&RemovePage { c, device }),
        None => me
            .web
            .error_page(StatusCode::NOT_FOUND, "error_bad_request"),
    }
}

/// `POST /devices/remove/confirm`: removes the device for good; its sessions end and the
/// customer gets an SMS.
pub async fn remove_confirm(
    State(state): State<Shared>,
    mut me: LoggedIn,
    Form(form): Form<DeviceForm>,
) -> Response {
    let profile_id = match form.checked(&me) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    match online_bank::remove_device(State(state.clone()), me.bank_session(), PathId(profile_id))
        .await
    {
        Ok(_) => me.web.redirect("/devices", Some("flash_device_removed")),
        Err(e) => failed(&state, me, e).await,
    }
}

//! Self-service unlock of a locked user code, without logging in: HETU and user id, then
//! the SMS code the bank sends and the key-card code it names. A lock from wrong key-card
//! codes is refused here: only the bank opens it (the API's rule, the same code).

use askama::Template;
use avain_protocol::api::{Secret, UserCodeUnlockFinish, UserCodeUnlockStart};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::context::{Ctx, Web};
use crate::extract::{Json, PathId};
use crate::routes::online_bank;
use crate::state::Shared;
use crate::throttle::ClientAddr;
use avain_protocol::rules::ids::is_id;

/// Step 1: who.
#[derive(Template)]
#[template(path = "unlock.html")]
pub struct UnlockPage {
    /// Context.
    pub c: Ctx,
    /// What went wrong.
    pub error: Option<String>,
    /// The user id typed (kept after an error; never the HETU).
    pub user_id: String,
}

/// Step 2: the codes.
#[derive(Template)]
#[template(path = "unlock_codes.html")]
pub struct UnlockCodesPage {
    /// Context.
    pub c: Ctx,
    /// The attempt (form field).
    pub unlock_id: String,
    /// Which key-card code.
    pub index: u32,
    /// Where the SMS went, masked.
    pub phone_hint: String,
    /// What went wrong.
    pub error: Option<String>,
}

/// Done.
#[derive(Template)]
#[template(path = "unlock_done.html")]
pub struct UnlockDonePage {
    /// Context.
    pub c: Ctx,
    /// The password was reset to this key-card code.
    pub password_code: Option<u32>,
    /// Profiles reactivated.
    pub profiles: u32,
}

/// `GET /unlock`
pub async fn page(web: Web) -> Response {
    web.render(&UnlockPage {
        c: web.ctx(None, "unlock"),
        error: None,
        user_id: String::new(),
    })
}

/// Step 1's form.
#[derive(Deserialize)]
pub struct StartForm {
    csrf: String,
    hetu: String,
    user_id: String,
}

/// `POST /unlock`
pub async fn start(
    State(state): State<Shared>,
    client: ClientAddr,
    web: Web,
    Form(form): Form<StartForm>,
) -> Response {
    if let Some(refused) = web.csrf_refusal(&form.csrf) {
        return refused;
    }
    let user_id = form.user_id.trim().to_owned();
    let body = UserCodeUnlockStart {
        hetu: Secret::new(form.hetu.trim().to_uppercase()),
        user_id: user_id.clone(),
    };
    match online_bank::unlock_start(State(state), client, Json(body)).await {
        Ok((_, started)) => {
            let started = started.0;
            web.render(&UnlockCodesPage {
                c: web.ctx(None, "unlock"),
                unlock_id: started.key_card.attempt_id,
                index: started.key_card.key_card_index,
                phone_hint: started.phone_hint,
                error: None,
            })
        }
        Err(e) => {
            let page = UnlockPage {
                c: web.ctx(None, "unlock"),
                error: Some(web.api_error(e)),
                user_id,
            };
            web.render_refusal(StatusCode::BAD_REQUEST, e, &page)
        }
    }
}

/// Step 2's form.
#[derive(Deserialize)]
pub struct FinishForm {
    csrf: String,
    unlock_id: String,
    phone_hint: String,
    sms_code: String,
    key_card_code: String,
}

/// `POST /unlock/finish`
pub async fn finish(
    State(state): State<Shared>,
    web: Web,
    Form(form): Form<FinishForm>,
) -> Response {
    if let Some(refused) = web.csrf_refusal(&form.csrf) {
        return refused;
    }
    if !is_id(&form.unlock_id) {
        return web.error_page(StatusCode::BAD_REQUEST, "error_bad_request");
    }
    let body = UserCodeUnlockFinish {
        sms_code: Secret::new(form.sms_code),
        key_card_code: Secret::new(form.key_card_code),
    };
    match online_bank::unlock_finish(
        State(state.clone()),
        PathId(form.unlock_id.clone()),
        Json(body),
    )
    .await
    {
        Ok(done) => web.render(&UnlockDonePage {
            c: web.ctx(None, "unlock"),
            password_code: done.0.password_is_key_card_code,
            profiles: done.0.profiles_unlocked,
        }),
        Err(e) if e.attempts_left.is_some() => {
            // Tries left: the same step again, the same code number (the bank's record).
            let index = super::login::attempt_index(&state, &form.unlock_id)
                .await
                .unwrap_or(0);
            let page = UnlockCodesPage {
                c: web.ctx(None, "unlock"),
                unlock_id: form.unlock_id,
                index,
                phone_hint: form.phone_hint.chars().take(20).collect(),
                error: Some(web.api_error(e)),
            };
            web.render_status(StatusCode::BAD_REQUEST, &page)
        }
        Err(e) => {
            let page = UnlockPage {
                c: web.ctx(None, "unlock"),
                error: Some(web.api_error(e)),
                user_id: String::new(),
            };
            web.render_status(StatusCode::BAD_REQUEST, &page)
        }
    }
}

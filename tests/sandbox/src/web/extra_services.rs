//! The page "Ota käyttöön lisäpalvelut" / "Ta i bruk tilläggstjänster" / "Activate
//! additional services": add or change the mobile number (confirmed with a key-card code
//! and an SMS code sent to the new number) and switch the SMS additional service on, or
//! off with a key-card code. The rules are the API's (`routes::extra_services`).

use askama::Template;
use avain_protocol::api::{
    CodeRequest, ErrorCode, ExtraServices, Personal, PhoneChangeFinish, PhoneChangeStart, Secret,
    SmsServiceChange,
};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::context::{Ctx, LoggedIn};
use crate::extract::{Json, PathId};
use crate::routes::extra_services;
use crate::state::Shared;
use avain_protocol::rules::ids::is_id;

/// The page.
#[derive(Template)]
#[template(path = "extra_services.html")]
pub struct ServicesPage {
    /// Context.
    pub c: Ctx,
    /// The saved number, masked; empty when none.
    pub phone_hint: String,
    /// The SMS additional service is on.
    pub sms_service: bool,
    /// The number as typed, shown again after a refusal.
    pub typed: String,
    /// What went wrong.
    pub error: Option<String>,
}

/// The codes that confirm a new number.
#[derive(Template)]
#[template(path = "extra_services_confirm.html")]
pub struct ConfirmPage {
    /// Context.
    pub c: Ctx,
    /// The change's id.
    pub change_id: String,
    /// Which key code to type.
    pub index: u32,
    /// Where the SMS went, masked.
    pub phone_hint: String,
    /// What went wrong.
    pub error: Option<String>,
}

async fn current(state: &Shared, me: &LoggedIn) -> Option<ExtraServices> {
    extra_services::get(State(state.clone()), me.bank_session())
        .await
        .ok()
        .map(|s| s.0)
}

async fn page_with(
    state: &Shared,
    me: &LoggedIn,
    status: StatusCode,
    typed: String,
    error: Option<crate::error::ApiError>,
) -> Response {
    let Some(now) = current(state, me).await else {
        return me
            .web
            .error_page(StatusCode::INTERNAL_SERVER_ERROR, "error_internal");
    };
    let page = ServicesPage {
        c: me.ctx("extra_services"),
        phone_hint: now.phone_hint.unwrap_or_default(),
        sms_service: now.sms_service,
        typed,
        error: error.map(|e| me.web.api_error(e)),
    };
    match error {
        Some(e) => me.web.render_refusal(status, e, &page),
        None => me.web.render(&page),
    }
}

/// `GET /extra-services`
pub async fn page(State(state): State<Shared>, me: LoggedIn) -> Response {
    page_with(&state, &me, StatusCode::OK, String::new(), None).await
}

/// The new number.
#[derive(Deserialize)]
pub struct PhoneForm {
    csrf: String,
    phone: String,
}

/// `POST /extra-services/phone`: checks the number, sends the SMS code to it and asks the
/// codes.
pub async fn phone_start(
    State(state): State<Shared>,
    me: LoggedIn,
    Form(form): Form<PhoneForm>,
) -> Response {
    if let Some(refused) = me.web.csrf_refusal(&form.csrf) {
        return refused;
    }
    let body = PhoneChangeStart {
        phone: Personal(form.phone.clone()),
    };
    match extra_services::start(State(state.clone()), me.bank_session(), Json(body)).await {
        Ok((_, started)) => {
            let started = started.0;
            me.web.render(&ConfirmPage {
                c: me.ctx("extra_services"),
                change_id: started.key_card.attempt_id,
                index: started.key_card.key_card_index,
                phone_hint: started.phone_hint,
                error: None,
            })
        }
        Err(e) => {
            let typed = if e.code == ErrorCode::PhoneNumberInvalid {
                form.phone
            } else {
                String::new()
            };
            page_with(&state, &me, StatusCode::BAD_REQUEST, typed, Some(e)).await
        }
    }
}

/// The codes.
#[derive(Deserialize)]
pub struct ConfirmForm {
    csrf: String,
    change_id: String,
    index: u32,
    phone_hint: String,
    sms_code: String,
    key_card_code: String,
}

/// `POST /extra-services/phone/confirm`: a wrong code shows the codes again with the
/// attempts left; anything else that ends the change goes back to the page.
pub async fn phone_confirm(
    State(state): State<Shared>,
    mut me: LoggedIn,
    Form(form): Form<ConfirmForm>,
) -> Response {
    if let Some(refused) = me.web.csrf_refusal(&form.csrf) {
        return refused;
    }
    if !is_id(&form.change_id) {
        return me
            .web
            .error_page(StatusCode::BAD_REQUEST, "error_bad_request");
    }
    let body = PhoneChangeFinish {
        sms_code: Secret::new(form.sms_code),
        key_card_code: Secret::new(form.key_card_code),
    };
    match extra_services::finish(
        State(state.clone()),
        me.bank_session(),
        PathId(form.change_id.clone()),
        Json(body),
    )
    .await
    {
        Ok(_) => me
            .web
            .redirect("/extra-services", Some("flash_phone_changed")),
        Err(e)
            if matches!(
                e.code,
                ErrorCode::SmsCodeWrong | ErrorCode::KeyCardCodeWrong
            ) =>
        {
            let page = ConfirmPage {
                c: me.ctx("extra_services"),
                change_id: form.change_id,
                index: form.index,
                phone_hint: form.phone_hint,
                error: Some(me.web.api_error(e)),
            };
            me.web.render_refusal(StatusCode::FORBIDDEN, e, &page)
        }
        Err(e) => page_with(&state, &me, StatusCode::CONFLICT, String::new(), Some(e)).await,
    }
}

/// On or off.
#[derive(Deserialize)]
pub struct SmsForm {
    csrf: String,
    enabled: bool,
}

/// `POST /extra-services/sms`: switches the SMS additional service on (needs a number), or
/// asks the key-card code that switches it off.
pub async fn sms_service(
    State(state): State<Shared>,
    mut me: LoggedIn,
    Form(form): Form<SmsForm>,
) -> Response {
    if let Some(refused) = me.web.csrf_refusal(&form.csrf) {
        return refused;
    }
    if !form.enabled {
        return match extra_services::off_start(State(state.clone()), me.bank_session()).await {
            Ok((_, asked)) => me.web.render(&OffPage {
                c: me.ctx("extra_services"),
                attempt_id: asked.0.attempt_id,
                index: asked.0.key_card_index,
                error: None,
            }),
            Err(e) => page_with(&state, &me, StatusCode::CONFLICT, String::new(), Some(e)).await,
        };
    }
    let body = SmsServiceChange { enabled: true };
    match extra_services::set_sms_service(State(state.clone()), me.bank_session(), Json(body)).await
    {
        Ok(_) => me
            .web
            .redirect("/extra-services", Some("flash_sms_service_on")),
        Err(e) => page_with(&state, &me, StatusCode::CONFLICT, String::new(), Some(e)).await,
    }
}

/// The key-card code that switches the SMS additional service off.
#[derive(Template)]
#[template(path = "extra_services_off.html")]
pub struct OffPage {
    /// Context.
    pub c: Ctx,
    /// The confirmation's id.
    pub attempt_id: String,
    /// Which key code to type.
    pub index: u32,
    /// What went wrong.
    pub error: Option<String>,
}

/// The key-card code.
#[derive(Deserialize)]
pub struct OffForm {
    csrf: String,
    attempt_id: String,
    index: u32,
    code: String,
}

/// `POST /extra-services/sms/off`: a wrong code asks it again with the attempts left;
/// anything else that ends the change goes back to the page.
pub async fn sms_off_confirm(
    State(state): State<Shared>,
    mut me: LoggedIn,
    Form(form): Form<OffForm>,
) -> Response {
    if let Some(refused) = me.web.csrf_refusal(&form.csrf) {
        return refused;
    }
    if !is_id(&form.attempt_id) {
        return me
            .web
            .error_page(StatusCode::BAD_REQUEST, "error_bad_request");
    }
    let body = CodeRequest {
        code: Secret::new(form.code),
    };
    match extra_services::off_finish(
        State(state.clone()),
        me.bank_session(),
        PathId(form.attempt_id.clone()),
        Json(body),
    )
    .await
    {
        Ok(_) => me
            .web
            .redirect("/extra-services", Some("flash_sms_service_off")),
        Err(e) if e.code == ErrorCode::KeyCardCodeWrong => {
            let page = OffPage {
                c: me.ctx("extra_services"),
                attempt_id: form.attempt_id,
                index: form.index,
                error: Some(me.web.api_error(e)),
            };
            me.web.render_refusal(StatusCode::FORBIDDEN, e, &page)
        }
        Err(e) => page_with(&state, &me, StatusCode::CONFLICT, String::new(), Some(e)).await,
    }
}

#[cfg(test)]
mod tests {
    use avain_protocol::Language;
    use avain_protocol::api::ErrorCode;
    use avain_protocol::i18n;
    use avain_protocol::lifecycle::{LockReason, ProfileState};

    use crate::web::texts;

    /// The phone's messages name the pages by the names the pages show, in every language.
    #[test]
    fn the_phones_messages_name_the_pages_as_the_pages_do() {
        for lang in Language::ALL {
            let services = texts::get(lang, "extra_services_title");
            for code in [ErrorCode::NoPhoneNumber, ErrorCode::SmsServiceOff] {
                let message = code.message(lang, None);
                assert!(message.contains(services), "{lang:?} {message}");
            }
            let devices = texts::get(lang, "devices_title");
            let locked = ProfileState::Locked {
                reason: LockReason::ByCustomer,
            };
            for message in [
                ErrorCode::ProfileLockedByCustomer.message(lang, None),
                locked.status_message(lang),
                i18n::text(lang, "client-error-locked-by-customer"),
            ] {
                assert!(message.contains(devices), "{lang:?} {message}");
            }
        }
    }
}

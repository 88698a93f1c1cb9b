//! The front page after login, and the blocking service (open to everybody; blocking
//! itself needs the login, or a phone call to the 24/7 numbers).

use askama::Template;
use avain_protocol::api::{BlockRequest, BlockingInfo};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::context::{Ctx, LoggedIn, Web};
use crate::routes::online_bank;
use crate::state::Shared;

/// The front page.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    /// Context.
    pub c: Ctx,
}

/// `GET /`: the front page, or the login.
pub async fn root(State(state): State<Shared>, mut web: Web) -> Response {
    let logged_in = web.session_token.as_deref().is_some_and(|token| {
        state
            .sessions
            .touch(token, crate::sessions::SessionKind::OnlineBank, state.now())
            .is_ok()
    });
    web.redirect(if logged_in { "/home" } else { "/login" }, None)
}

/// `GET /home`
pub async fn home(me: LoggedIn) -> Response {
    me.web.render(&HomePage { c: me.ctx("home") })
}

/// The blocking service page.
#[derive(Template)]
#[template(path = "blocking.html")]
pub struct BlockingPage {
    /// Context.
    pub c: Ctx,
    /// The 24/7 numbers.
    pub info: BlockingInfo,
    /// Whether the customer is logged in (and so can block here).
    pub logged_in: bool,
    /// What went wrong.
    pub error: Option<String>,
}

/// `GET /blocking`: the numbers for everybody; the form for a logged-in customer.
pub async fn blocking(State(state): State<Shared>, web: Web) -> Response {
    let session = web.session_token.as_deref().and_then(|token| {
        state
            .sessions
            .touch(token, crate::sessions::SessionKind::OnlineBank, state.now())
            .ok()
    });
    let page = BlockingPage {
        c: web.ctx(None, "blocking"),
        info: online_bank::blocking_info(),
        logged_in: session.is_some(),
        error: None,
    };
    web.render(&page)
}

/// The blocking form: codes, cards or both.
#[derive(Deserialize)]
pub struct BlockForm {
    csrf: String,
    #[serde(default)]
    codes: Option<String>,
    #[serde(default)]
    cards: Option<String>,
}

/// `POST /blocking`: blocks; blocking the codes ends every session, this one too.
pub async fn block(
    State(state): State<Shared>,
    mut me: LoggedIn,
    Form(form): Form<BlockForm>,
) -> Response {
    if let Some(refused) = me.web.csrf_refusal(&form.csrf) {
        return refused;
    }
    let request = BlockRequest {
        codes: form.codes.is_some(),
        cards: form.cards.is_some(),
    };
    match online_bank::block_for(&state, me.session.customer_id, request).await {
        Ok(result) if result.codes_blocked => {
            me.web
                .set_cookie(super::cookies::clear(super::cookies::SESSION));
            me.web.redirect("/blocking", Some("flash_codes_blocked"))
        }
        Ok(_) => me.web.redirect("/blocking", Some("flash_cards_blocked")),
        Err(e) => {
            let page = BlockingPage {
                c: me.ctx("blocking"),
                info: online_bank::blocking_info(),
                logged_in: true,
                error: Some(me.web.api_error(e)),
            };
            me.web.render_status(StatusCode::BAD_REQUEST, &page)
        }
    }
}

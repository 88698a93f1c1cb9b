//! Request extractors that answer bad input with the API's error body: a JSON body
//! (content type, size limit, syntax, types, unknown fields), path ids, query strings and
//! the session token. None of them echoes what it refused: the input may be a secret.

use avain_protocol::api::ErrorCode;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::sessions::{Session, SessionKind};
use crate::state::Shared;

/// The largest request body accepted. Every request of this API fits in a few kilobytes;
/// the largest is a message to the bank (4000 characters).
pub const BODY_LIMIT: usize = 64 * 1024;

/// A JSON request body of type `T`.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(ErrorCode::UnsupportedMediaType.into());
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(ErrorCode::BodyTooLarge)
            } else {
                ApiError::new(ErrorCode::MalformedRequest)
            }
        })?;
        serde_json::from_slice(&bytes)
            .map(Json)
            .map_err(|_| ErrorCode::MalformedRequest.into())
    }
}

/// The single `{id}` of a path, limited to what the bank's ids look like, so nothing
/// stranger reaches a query.
#[derive(Debug)]
pub struct PathId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(id) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::new(ErrorCode::NotFound))?;
        if avain_protocol::rules::ids::is_id(&id) {
            Ok(PathId(id))
        } else {
            Err(ErrorCode::NotFound.into())
        }
    }
}

/// A query string of type `T`.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded_like(query)
            .map(Query)
            .ok_or_else(|| ErrorCode::MalformedRequest.into())
    }
}

/// Parses `a=1&b=x` into `T` through a JSON object of strings, so the same serde types
/// (and `deny_unknown_fields`) serve. Numbers must be typed as strings in `T`.
fn serde_urlencoded_like<T: DeserializeOwned>(query: &str) -> Option<T> {
    let mut map = serde_json::Map::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(key)?;
        let value = percent_decode(value)?;
        if map.insert(key, serde_json::Value::String(value)).is_some() {
            return None;
        }
    }
    serde_json::from_value(serde_json::Value::Object(map)).ok()
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The bearer token of the request.
fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 128)
        .ok_or(ApiError::new(ErrorCode::Unauthorized))
}

/// A logged-in app session (`Authorization: Bearer <token>`).
#[derive(Debug)]
pub struct AppSession {
    /// The session.
    pub session: Session,
    /// The profile that logged in.
    pub profile_id: String,
    /// The token (for logout).
    pub token: String,
}

impl FromRequestParts<Shared> for AppSession {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Shared,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)?.to_owned();
        let session = state
            .sessions
            .touch(&token, SessionKind::App, state.now())?;
        let profile_id = session
            .profile_id
            .clone()
            .ok_or(ApiError::new(ErrorCode::Unauthorized))?;
        Ok(AppSession {
            session,
            profile_id,
            token,
        })
    }
}

/// A logged-in online-bank session.
#[derive(Debug)]
pub struct BankSession {
    /// The session.
    pub session: Session,
    /// The token.
    pub token: String,
}

impl BankSession {
    /// Refuses every action but the password change while a new password is due.
    pub fn require_password_ok(&self) -> Result<(), ApiError> {
        if self.session.password_change_required {
            Err(ErrorCode::PasswordChangeRequired.into())
        } else {
            Ok(())
        }
    }
}

impl FromRequestParts<Shared> for BankSession {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Shared,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)?.to_owned();
        let session = state
            .sessions
            .touch(&token, SessionKind::OnlineBank, state.now())?;
        Ok(BankSession { session, token })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Q {
        status: Option<String>,
        after: Option<String>,
    }

    #[test]
    fn query_strings_parse_and_refuse_unknown_or_repeated_keys() {
        assert_eq!(
            serde_urlencoded_like::<Q>("status=awaiting_approval&after=1%20"),
            Some(Q {
                status: Some("awaiting_approval".into()),
                after: Some("1 ".into())
            })
        );
        assert_eq!(serde_urlencoded_like::<Q>("nope=1"), None);
        assert_eq!(serde_urlencoded_like::<Q>("status=a&status=b"), None);
        assert_eq!(serde_urlencoded_like::<Q>("status=%zz"), None);
        assert_eq!(serde_urlencoded_like::<Q>("status=%ff"), None);
    }
}

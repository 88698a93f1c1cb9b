//! What the control server's unit tests share: calling a route of the router in process.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt as _;

/// POSTs to `path` with no body and answers the status and the text.
pub async fn post(app: &axum::Router, path: &str) -> (StatusCode, String) {
    let response = app
        .clone()
        .oneshot(
            Request::post(path)
                .body(Body::empty())
                .expect("a valid request"),
        )
        .await
        .expect("the router answers");
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("a small body");
    (status, String::from_utf8_lossy(&body).into_owned())
}

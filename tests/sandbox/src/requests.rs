//! What every request of a connection goes through around the routes, in one service:
//! the client's address recorded for the throttles, the request counted in the
//! connection's activity and in the server's requests in progress (which the database
//! writer waits for, `db::gather`) while it runs, also when the client abandons it, its
//! body given a deadline (`body_deadline`), its language in scope for every text rendered
//! below, and its answer marked never to be cached.
//!
//! One hand-written service instead of four stacked ones (two `from_fn` middlewares, a
//! `map_request` and a `map_future`): each of those cloned and boxed the inner service or
//! its future again for every request.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::{ACCEPT_LANGUAGE, CACHE_CONTROL};
use axum::response::Response;
use tower::Service;

use crate::body_deadline::{BodyTimedOut, DeadlineBody, Missed};
use crate::db::gather::RequestsInFlight;
use crate::idle::Activity;
use crate::language;
use crate::throttle::ClientAddr;

/// The service hyper calls for each request of one connection.
#[derive(Clone)]
pub struct ConnectionRequests {
    routes: axum::Router,
    client: ClientAddr,
    activity: Arc<Activity>,
    requests: RequestsInFlight,
    body_timeout: Duration,
}

impl ConnectionRequests {
    /// The requests of a connection from `client`, served by `routes`, each counted in
    /// `activity` and `requests` while it runs, each body due within `body_timeout` of
    /// its headers.
    pub fn new(
        routes: axum::Router,
        client: ClientAddr,
        activity: Arc<Activity>,
        requests: RequestsInFlight,
        body_timeout: Duration,
    ) -> Self {
        ConnectionRequests {
            routes,
            client,
            activity,
            requests,
            body_timeout,
        }
    }
}

impl<B> hyper::service::Service<hyper::Request<B>> for ConnectionRequests
where
    B: hyper::body::Body<Data = axum::body::Bytes> + Send + Unpin + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    /// A body that missed its deadline: hyper closes the connection without an answer.
    type Error = BodyTimedOut;
    type Future = Pin<Box<dyn Future<Output = Result<Response, BodyTimedOut>> + Send>>;

    fn call(&self, request: hyper::Request<B>) -> Self::Future {
        let missed = Missed::default();
        let body_timeout = self.body_timeout;
        let mut request: Request = request.map(|body| {
            axum::body::Body::new(DeadlineBody::new(body, body_timeout, missed.clone()))
        });
        request.extensions_mut().insert(self.client);
        let in_flight = (self.activity.start(), self.requests.start());
        let lang = language::from_header(
            request
                .headers()
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        );
        // The router is always ready (`poll_ready` is a no-op for it) and its clone is a
        // reference count.
        let answer = self.routes.clone().call(request);
        Box::pin(async move {
            let Ok(mut response) = language::scope(lang, answer).await;
            if missed.missed() {
                // Whatever the handler made of the cut-off body is not sent: the client
                // gets what a slow client gets at the headers, a closed connection.
                return Err(BodyTimedOut);
            }
            // Banking answers are never cached, by the client or anything in between.
            response
                .headers_mut()
                .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            drop(in_flight);
            Ok(response)
        })
    }
}

//! What every request of a connection goes through around the routes, in one service:
//! the client's address recorded for the throttles, the request counted in the
//! connection's activity and in the server's requests in progress (which the database
//! writer waits for, `db::gather`) while it runs, also when the client abandons it, its
//! language in scope for every text rendered below, and its answer marked never to be
//! cached.
//!
//! One hand-written service instead of four stacked ones (two `from_fn` middlewares, a
//! `map_request` and a `map_future`): each of those cloned and boxed the inner service or
//! its future again for every request.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::{ACCEPT_LANGUAGE, CACHE_CONTROL};
use axum::response::Response;
use tower::Service;

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
}

impl ConnectionRequests {
    /// The requests of a connection from `client`, served by `routes`, each counted in
    /// `activity` and `requests` while it runs.
    pub fn new(
        routes: axum::Router,
        client: ClientAddr,
        activity: Arc<Activity>,
        requests: RequestsInFlight,
    ) -> Self {
        ConnectionRequests {
            routes,
            client,
            activity,
            requests,
        }
    }
}

impl<B> hyper::service::Service<hyper::Request<B>> for ConnectionRequests
where
    B: hyper::body::Body<Data = axum::body::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn call(&self, request: hyper::Request<B>) -> Self::Future {
        let mut request: Request = request.map(axum::body::Body::new);
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
            let mut response = language::scope(lang, answer).await?;
            // Banking answers are never cached, by the client or anything in between.
            response
                .headers_mut()
                .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            drop(in_flight);
            Ok(response)
        })
    }
}

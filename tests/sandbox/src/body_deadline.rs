//! A request body that must arrive by a deadline. Without one, a client could send
//! complete headers and then its body a byte at a time: the request would stay in
//! progress while its handler waits for the body, so neither the header timeout nor the
//! idle rule (`idle.rs`) would ever close the connection, and a thousand such clients
//! would hold every connection slot.
//!
//! The timer starts only when the body is not there at once: a phone's body comes with
//! its headers, so the common request registers no timer.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use axum::body::Bytes;
use hyper::body::{Body, Frame, SizeHint};
use tokio::time::{Instant, Sleep};

/// Whether a request's body missed its deadline; the service then closes the connection
/// instead of answering.
#[derive(Debug, Clone, Default)]
pub struct Missed(Arc<AtomicBool>);

impl Missed {
    /// Whether the body missed its deadline.
    pub fn missed(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// The error a late body ends with.
#[derive(Debug, thiserror::Error)]
#[error("the request's body did not arrive in time")]
pub struct BodyTimedOut;

/// `inner`, cut off with [`BodyTimedOut`] when it has not ended by the deadline.
pub struct DeadlineBody<B> {
    inner: B,
    deadline: Instant,
    timer: Option<Pin<Box<Sleep>>>,
    missed: Missed,
}

impl<B> DeadlineBody<B> {
    /// `inner`, to be read completely within `limit` from now; `missed` tells whether it
    /// was not.
    pub fn new(inner: B, limit: Duration, missed: Missed) -> Self {
        DeadlineBody {
            inner,
            deadline: Instant::now() + limit,
            timer: None,
            missed,
        }
    }
}

impl<B> Body for DeadlineBody<B>
where
    B: Body<Data = Bytes> + Unpin,
    B::Error: Into<axum::BoxError>,
{
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        let deadline = this.deadline;
        let timer = this
            .timer
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        ready!(timer.as_mut().poll(cx));
        this.missed.0.store(true, Ordering::Relaxed);
        Poll::Ready(Some(Err(BodyTimedOut.into())))
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// A body whose frames come when the test says.
    struct Scripted(VecDeque<Option<&'static [u8]>>);

    impl Body for Scripted {
        type Data = Bytes;
        type Error = std::convert::Infallible;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
            match self.0.pop_front() {
                // `None` in the script: nothing yet (a real body would wake the task later).
                Some(None) => Poll::Pending,
                Some(Some(bytes)) => Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(bytes))))),
                None => Poll::Ready(None),
            }
        }
    }

    async fn read_all(body: &mut DeadlineBody<Scripted>) -> Result<Vec<u8>, String> {
        let mut all = Vec::new();
        loop {
            let next = std::future::poll_fn(|cx| Pin::new(&mut *body).poll_frame(cx)).await;
            match next {
                None => return Ok(all),
                Some(Ok(frame)) => all.extend_from_slice(frame.data_ref().expect("data")),
                Some(Err(e)) => return Err(e.to_string()),
            }
        }
    }

    #[tokio::test]
    async fn a_body_there_at_once_passes_without_a_timer() {
        let missed = Missed::default();
        let script = VecDeque::from([Some(&b"{\"a\":"[..]), Some(&b"1}"[..])]);
        let mut body = DeadlineBody::new(Scripted(script), Duration::ZERO, missed.clone());
        assert_eq!(read_all(&mut body).await.as_deref(), Ok(&b"{\"a\":1}"[..]));
        assert!(body.timer.is_none());
        assert!(!missed.missed());
    }

    #[tokio::test]
    async fn a_late_body_is_cut_off_at_the_deadline() {
        let missed = Missed::default();
        // A frame, then nothing more: the deadline passes while the body waits.
        let script = VecDeque::from([Some(&b"{"[..]), None, None]);
        let limit = Duration::from_millis(50);
        let started = std::time::Instant::now();
        let mut body = DeadlineBody::new(Scripted(script), limit, missed.clone());
        let read = read_all(&mut body).await;
        assert_eq!(
            read,
            Err("the request's body did not arrive in time".to_owned())
        );
        assert!(started.elapsed() >= limit);
        assert!(missed.missed());
    }

    #[tokio::test]
    async fn a_slow_body_that_ends_in_time_passes() {
        let missed = Missed::default();
        // Pending once (the timer starts), then the rest comes.
        let script = VecDeque::from([Some(&b"{"[..]), None, Some(&b"}"[..])]);
        let mut body = DeadlineBody::new(Scripted(script), Duration::from_secs(60), missed.clone());
        let first = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await;
        assert!(first.is_some_and(|f| f.is_ok()));
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        assert!(Pin::new(&mut body).poll_frame(&mut cx).is_pending());
        assert!(body.timer.is_some());
        assert_eq!(read_all(&mut body).await.as_deref(), Ok(&b"}"[..]));
        assert!(!missed.missed());
    }
}

//! A TCP relay between a phone and the sandbox bank that plays the network or the phone
//! failing at one chosen moment, for the tests of what an interrupted call leaves behind
//! (tests/e2e: cancellation, the interrupted PIN change). TLS passes through untouched:
//! the relay sees only bytes, so the phone still verifies the bank's certificate.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// When a fault starts: checked at each chunk of bytes (e.g. "the bank has committed").
pub type Condition = Box<dyn Fn() -> bool + Send + Sync>;

/// What the relay does once each condition holds; `None` never happens.
#[derive(Default)]
pub struct Faults {
    /// Closes both sides instead of passing a request on to the bank.
    pub cut_requests: Option<Condition>,
    /// Closes both sides instead of passing an answer on to the phone.
    pub cut_answers: Option<Condition>,
    /// Keeps the connection open but passes no answer on (a phone that hangs).
    pub drop_answers: Option<Condition>,
    /// Keeps the bank's next answer until [`Relay::release`], then passes it on.
    pub hold_answers: Option<Condition>,
}

/// A running relay; dropping it stops accepting connections.
pub struct Relay {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
    shared: Arc<Shared>,
}

struct Shared {
    faults: Faults,
    held: AtomicBool,
    released: AtomicBool,
    passed: AtomicBool,
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Relay {
    /// Listens on a free loopback port and relays every connection to `bank`.
    pub async fn start(bank: SocketAddr, faults: Faults) -> std::io::Result<Relay> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            faults,
            held: AtomicBool::new(false),
            released: AtomicBool::new(false),
            passed: AtomicBool::new(false),
        });
        let for_task = Arc::clone(&shared);
        let task = tokio::spawn(async move {
            while let Ok((phone, _)) = listener.accept().await {
                let shared = Arc::clone(&for_task);
                tokio::spawn(async move {
                    if let Ok(bank) = TcpStream::connect(bank).await {
                        pipe(phone, bank, &shared).await;
                    }
                });
            }
        });
        Ok(Relay { addr, task, shared })
    }

    /// The loopback port the relay listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The bank's URL through this relay.
    pub fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.addr.port())
    }

    /// Whether an answer is being held back ([`Faults::hold_answers`]).
    pub fn is_holding(&self) -> bool {
        self.shared.held.load(Ordering::SeqCst)
    }

    /// Lets the held answer (and every later one) through.
    pub fn release(&self) {
        self.shared.released.store(true, Ordering::SeqCst);
    }

    /// Whether the held answer went on to the phone (or found that the phone had hung up).
    pub fn has_passed(&self) -> bool {
        self.shared.passed.load(Ordering::SeqCst)
    }
}

fn holds(condition: &Option<Condition>) -> bool {
    condition.as_ref().is_some_and(|c| c())
}

/// Passes bytes both ways until either side closes or a fault cuts; returning drops (and
/// so closes) both connections.
async fn pipe(mut phone: TcpStream, mut bank: TcpStream, shared: &Shared) {
    let faults = &shared.faults;
    let (mut up, mut down) = (vec![0u8; 16 * 1024], vec![0u8; 16 * 1024]);
    loop {
        tokio::select! {
            read = phone.read(&mut up) => {
                let n = match read { Ok(0) | Err(_) => return, Ok(n) => n };
                if holds(&faults.cut_requests) || bank.write_all(&up[..n]).await.is_err() {
                    return;
                }
            }
            read = bank.read(&mut down) => {
                let n = match read { Ok(0) | Err(_) => return, Ok(n) => n };
                if holds(&faults.drop_answers) {
                    continue;
                }
                if holds(&faults.cut_answers) {
                    return;
                }
                let holding =
                    !shared.released.load(Ordering::SeqCst) && holds(&faults.hold_answers);
                if holding {
                    shared.held.store(true, Ordering::SeqCst);
                    while !shared.released.load(Ordering::SeqCst) {
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                }
                let delivered = phone.write_all(&down[..n]).await;
                if holding {
                    shared.passed.store(true, Ordering::SeqCst);
                }
                if delivered.is_err() {
                    return;
                }
            }
        }
    }
}

//! How many connections each client address has open, against a per-address cap. The
//! server's connection limit protects its memory, but without a share per address one
//! client could take every slot with silent connections, opened again each time the
//! handshake timeout cuts them off, and every customer would wait in the listen queue.
//! IPv6 clients are counted by their /64, as the throttles count them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::throttle::ClientAddr;

/// The open connections per client address; cheap to clone.
#[derive(Debug, Clone)]
pub struct AddressSlots(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    cap: usize,
    /// Only addresses with a connection open: an entry goes with its last connection,
    /// so the map holds at most as many entries as the server has connections.
    open: Mutex<HashMap<String, usize>>,
}

/// One open connection of an address; dropping it (the connection closed) frees its
/// place.
#[derive(Debug)]
pub struct AddressSlot {
    slots: AddressSlots,
    key: String,
}

impl AddressSlots {
    /// At most `cap` connections per address.
    pub fn new(cap: usize) -> Self {
        AddressSlots(Arc::new(Inner {
            cap,
            open: Mutex::new(HashMap::new()),
        }))
    }

    fn open(&self) -> MutexGuard<'_, HashMap<String, usize>> {
        // Counts only, valid after any panic.
        self.0.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A place for a new connection from `client`, or `None` when it has its share open.
    pub fn take(&self, client: ClientAddr) -> Option<AddressSlot> {
        let key = client.key();
        let mut open = self.open();
        let count = open.entry(key.clone()).or_insert(0);
        if *count >= self.0.cap {
            return None;
        }
        *count += 1;
        Some(AddressSlot {
            slots: self.clone(),
            key,
        })
    }
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let mut open = self.slots.open();
        if let Some(count) = open.get_mut(&self.key) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(text: &str) -> ClientAddr {
        ClientAddr(text.parse().expect("address"))
    }

    #[test]
    fn an_address_gets_its_share_and_no_more() {
        let slots = AddressSlots::new(2);
        let first = slots.take(addr("192.0.2.1")).expect("first");
        let second = slots.take(addr("192.0.2.1")).expect("second");
        assert!(slots.take(addr("192.0.2.1")).is_none());
        // Another address has its own share.
        let other = slots.take(addr("192.0.2.2")).expect("another address");
        // A closed connection frees its place.
        drop(first);
        let again = slots.take(addr("192.0.2.1")).expect("a freed place");
        drop((second, other, again));
        assert!(
            slots.open().is_empty(),
            "entries go with their last connection"
        );
    }

    #[test]
    fn an_ipv6_line_is_one_address() {
        let slots = AddressSlots::new(1);
        let _held = slots.take(addr("2001:db8:1:2::1")).expect("first");
        assert!(
            slots.take(addr("2001:db8:1:2:ffff::9")).is_none(),
            "same /64"
        );
        assert!(slots.take(addr("2001:db8:1:3::1")).is_some(), "another /64");
    }
}

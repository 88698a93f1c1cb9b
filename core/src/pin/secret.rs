//! The PIN as a secret value.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

/// A PIN as the customer typed it: not necessarily valid (see [`super::check_pin`]).
///
/// The memory is wiped when the value is dropped, `Debug` prints `[redacted]`, and there
/// is deliberately no `Display`, so a PIN cannot end up in a log line or an error by
/// accident. Read it with [`Pin::expose`] only to derive keys or to check it.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Pin {
    text: String,
}

impl Pin {
    /// Takes ownership of the typed text (the caller's `String` moves in, so no copy is
    /// left behind).
    pub fn new(text: String) -> Pin {
        Pin { text }
    }

    /// The PIN's text. Only for key derivation and the policy check; never log it.
    pub fn expose(&self) -> &str {
        &self.text
    }

    /// The number of characters typed.
    pub fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Compares two PINs in time that depends only on their lengths, not on where they
    /// first differ.
    pub fn matches(&self, other: &Pin) -> bool {
        let (a, b) = (self.text.as_bytes(), other.text.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl From<String> for Pin {
    fn from(text: String) -> Self {
        Pin::new(text)
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_pin() {
        let pin = Pin::new("4821".into());
        assert_eq!(format!("{pin:?}"), "[redacted]");
        assert_eq!(format!("{:?}", Some(&pin)), "Some([redacted])");
        assert_eq!(format!("{pin:#?}"), "[redacted]");
    }

    #[test]
    fn zeroize_wipes_the_text() {
        let mut pin = Pin::new("4821".into());
        pin.zeroize();
        assert!(pin.expose().is_empty());
    }

    #[test]
    fn matches_compares_the_whole_pin() {
        let pin = Pin::new("4821".into());
        assert!(pin.matches(&Pin::new("4821".into())));
        assert!(!pin.matches(&Pin::new("4822".into())));
        assert!(!pin.matches(&Pin::new("48210".into())));
        assert_eq!(pin.len(), 4);
        assert!(!pin.is_empty());
    }
}

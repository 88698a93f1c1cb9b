//! Encryption of personal data in the database: AES-256-GCM under the data key, with the
//! table, column and row id as associated data, so a ciphertext moved to another row or
//! column no longer decrypts.
//!
//! The data key (32 random bytes) lives in the secret store, never in the database. Two
//! keys are derived from it with HKDF-SHA256: one for AES-GCM, one for HMAC-SHA256 "blind
//! indexes" that let the store find a payee by IBAN without keeping the IBAN in clear.
//!
//! Ciphertext layout: version byte 0x01 || 12-byte random nonce || ciphertext || 16-byte tag.

use std::sync::Arc;

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::{hkdf, hmac};
use zeroize::Zeroizing;

use super::StoreError;
use crate::random::{Randomness, random_array};
use crate::secrets::SecretBytes;

const FORMAT: u8 = 1;
const TAG_LEN: usize = 16;
/// The fixed part of a cell's associated data, `avain-store-v1 \0 table \0 column \0`,
/// made at compile time: a payee read at start opens one cell each, and joining the four
/// parts at run time took about 330 instructions a cell at `opt-level = "z"` (callgrind),
/// 110 now. The bytes are those of the format since version 1
/// (`the_associated_data_keeps_its_format`).
macro_rules! cell_scope {
    ($table:literal, $column:literal) => {
        concat!("avain-store-v1\0", $table, "\0", $column, "\0")
    };
}
pub(crate) use cell_scope;

/// Where a ciphertext belongs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell<'a> {
    /// Its table and column, from [`cell_scope!`].
    pub(crate) scope: &'static str,
    pub(crate) row_id: &'a str,
}

/// Room for a cell's associated data without a heap allocation: the prefix, the longest
/// table and column names and a random row id fit many times over; a longer one (never
/// made by this store) goes to the heap.
const AAD_INLINE: usize = 128;

impl Cell<'_> {
    /// The associated data, `prefix \0 table \0 column \0 row id \0`, built in `inline`
    /// when it fits (every cell this store makes): a row read decrypts several cells, and
    /// an allocation each was a measurable part of opening the store.
    fn aad<'b>(&self, inline: &'b mut [u8; AAD_INLINE], heap: &'b mut Vec<u8>) -> &'b [u8] {
        let (scope, row) = (self.scope.as_bytes(), self.row_id.as_bytes());
        let len = scope.len() + row.len() + 1;
        if len > AAD_INLINE {
            heap.clear();
            heap.extend_from_slice(scope);
            heap.extend_from_slice(row);
            heap.push(0);
            return heap;
        }
        let (head, tail) = inline.split_at_mut(scope.len());
        head.copy_from_slice(scope);
        tail[..row.len()].copy_from_slice(row);
        tail[row.len()] = 0;
        &inline[..len]
    }
}

/// The two keys derived from the data key.
pub(crate) struct RowCipher {
    aead: LessSafeKey,
    index: hmac::Key,
    rng: Arc<dyn Randomness>,
}

/// HKDF output length marker for 32-byte keys.
struct Len32;

impl hkdf::KeyType for Len32 {
    fn len(&self) -> usize {
        32
    }
}

fn expand(prk: &hkdf::Prk, info: &[u8]) -> Result<Zeroizing<[u8; 32]>, StoreError> {
    let mut out = Zeroizing::new([0u8; 32]);
    let infos = [info];
    prk.expand(&infos, Len32)
        .and_then(|okm| okm.fill(&mut out[..]))
        .map_err(|_| StoreError::DataKeyMismatch)?;
    Ok(out)
}

impl RowCipher {
    pub(crate) fn new(
        data_key: &SecretBytes,
        rng: Arc<dyn Randomness>,
    ) -> Result<RowCipher, StoreError> {
        if data_key.len() != 32 {
            return Err(StoreError::DataKeyMismatch);
        }
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, b"avain store").extract(data_key.expose());
        let enc = expand(&prk, b"avain store v1 aes-256-gcm")?;
        let mac = expand(&prk, b"avain store v1 blind index")?;
        let unbound =
            UnboundKey::new(&AES_256_GCM, &enc[..]).map_err(|_| StoreError::DataKeyMismatch)?;
        Ok(RowCipher {
            aead: LessSafeKey::new(unbound),
            index: hmac::Key::new(hmac::HMAC_SHA256, &mac[..]),
            rng,
        })
    }

    /// Encrypts `plaintext` for `cell`.
    pub(crate) fn seal(&self, cell: Cell<'_>, plaintext: &[u8]) -> Result<Vec<u8>, StoreError> {
        let nonce_bytes = random_array::<NONCE_LEN>(&*self.rng)?;
        let mut out = Vec::with_capacity(1 + NONCE_LEN + plaintext.len() + TAG_LEN);
        out.push(FORMAT);
        out.extend_from_slice(&nonce_bytes);
        out.extend_from_slice(plaintext);
        let nonce = Nonce::assume_unique_for_key(nonce_bytes);
        let (mut inline, mut heap) = ([0u8; AAD_INLINE], Vec::new());
        let aad = cell.aad(&mut inline, &mut heap);
        let tag = self
            .aead
            .seal_in_place_separate_tag(nonce, Aad::from(aad), &mut out[1 + NONCE_LEN..])
            .map_err(|_| StoreError::Tampered)?;
        out.extend_from_slice(tag.as_ref());
        Ok(out)
    }

    /// Decrypts what [`RowCipher::seal`] made for the same `cell`.
    pub(crate) fn open(
        &self,
        cell: Cell<'_>,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        if sealed.len() < 1 + NONCE_LEN + TAG_LEN || sealed[0] != FORMAT {
            return Err(StoreError::Tampered);
        }
        let nonce = Nonce::try_assume_unique_for_key(&sealed[1..1 + NONCE_LEN])
            .map_err(|_| StoreError::Tampered)?;
        let mut buffer = Zeroizing::new(sealed[1 + NONCE_LEN..].to_vec());
        let (mut inline, mut heap) = ([0u8; AAD_INLINE], Vec::new());
        let aad = cell.aad(&mut inline, &mut heap);
        let len = self
            .aead
            .open_in_place(nonce, Aad::from(aad), &mut buffer)
            .map_err(|_| StoreError::Tampered)?
            .len();
        buffer.truncate(len);
        Ok(buffer)
    }

    /// Decrypts a text column. The plaintext moves into the `String` (no second copy);
    /// text that is not UTF-8 is wiped before the error is returned.
    pub(crate) fn open_text(&self, cell: Cell<'_>, sealed: &[u8]) -> Result<String, StoreError> {
        let mut bytes = self.open(cell, sealed)?;
        String::from_utf8(std::mem::take(&mut *bytes)).map_err(|e| {
            drop(Zeroizing::new(e.into_bytes()));
            StoreError::Tampered
        })
    }

    /// A keyed hash of `value` for lookups (same value, same index; useless without the key).
    pub(crate) fn blind_index(&self, domain: &str, value: &[u8]) -> Vec<u8> {
        let mut ctx = hmac::Context::with_key(&self.index);
        ctx.update(domain.as_bytes());
        ctx.update(&[0]);
        ctx.update(value);
        ctx.sign().as_ref().to_vec()
    }

    /// A keyed hash of `parts` under `domain`: the store's mark that it checked exactly
    /// these bytes. Each part is length-prefixed, so no two lists of parts hash alike; the
    /// key is the blind indexes' one, kept apart from them by the domain (no domain holds
    /// a zero byte, and the zero byte follows it in both).
    pub(crate) fn mark(&self, domain: &str, parts: &[&[u8]]) -> hmac::Tag {
        let mut ctx = hmac::Context::with_key(&self.index);
        ctx.update(domain.as_bytes());
        ctx.update(&[0]);
        for part in parts {
            ctx.update(&(part.len() as u64).to_be_bytes());
            ctx.update(part);
        }
        ctx.sign()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SystemRandomness;

    fn cipher(key: u8) -> RowCipher {
        RowCipher::new(
            &SecretBytes::copy_from(&[key; 32]),
            Arc::new(SystemRandomness::new()),
        )
        .unwrap()
    }

    fn cell(row_id: &str) -> Cell<'_> {
        Cell {
            scope: cell_scope!("payees", "name"),
            row_id,
        }
    }

    #[test]
    fn sealed_text_opens_only_in_its_own_cell_with_its_own_key() {
        let c = cipher(1);
        let sealed = c
            .seal(cell("r1"), "Äänekosken Sähkö Oy".as_bytes())
            .unwrap();
        assert_eq!(
            c.open_text(cell("r1"), &sealed).unwrap(),
            "Äänekosken Sähkö Oy"
        );
        assert_eq!(
            c.open(cell("r2"), &sealed).unwrap_err(),
            StoreError::Tampered
        );
        let other_column = Cell {
            scope: cell_scope!("payees", "iban"),
            row_id: "r1",
        };
        assert_eq!(
            c.open(other_column, &sealed).unwrap_err(),
            StoreError::Tampered
        );
        assert_eq!(
            cipher(2).open(cell("r1"), &sealed).unwrap_err(),
            StoreError::Tampered
        );
    }

    #[test]
    fn the_associated_data_keeps_its_format() {
        let (mut inline, mut heap) = ([0u8; AAD_INLINE], Vec::new());
        let cell = Cell {
            scope: cell_scope!("payees", "account"),
            row_id: "r1b2",
        };
        assert_eq!(
            cell.aad(&mut inline, &mut heap),
            b"avain-store-v1\0payees\0account\0r1b2\0"
        );
        let long = "7".repeat(AAD_INLINE);
        let cell = Cell {
            scope: cell_scope!("meta", "key_check"),
            row_id: &long,
        };
        let mut expected = b"avain-store-v1\0meta\0key_check\0".to_vec();
        expected.extend_from_slice(long.as_bytes());
        expected.push(0);
        assert_eq!(cell.aad(&mut inline, &mut heap), expected.as_slice());
    }

    #[test]
    fn any_flipped_bit_is_detected() {
        let c = cipher(1);
        let sealed = c.seal(cell("r1"), b"FI2112345600000785").unwrap();
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert!(c.open(cell("r1"), &bad).is_err(), "byte {i}");
        }
        assert!(c.open(cell("r1"), &sealed[..10]).is_err());
    }

    #[test]
    fn the_same_text_encrypts_differently_each_time_but_indexes_the_same() {
        let c = cipher(1);
        let a = c.seal(cell("r1"), b"FI2112345600000785").unwrap();
        let b = c.seal(cell("r1"), b"FI2112345600000785").unwrap();
        assert_ne!(a, b);
        assert!(!a.windows(4).any(|w| w == b"FI21"));
        assert_eq!(
            c.blind_index("iban", b"FI2112345600000785"),
            c.blind_index("iban", b"FI2112345600000785")
        );
        assert_ne!(
            c.blind_index("iban", b"FI2112345600000785"),
            cipher(2).blind_index("iban", b"FI2112345600000785")
        );
    }
}

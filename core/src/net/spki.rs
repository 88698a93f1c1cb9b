//! Finds the SubjectPublicKeyInfo inside an X.509 certificate, for public-key pinning.
//!
//! Only the outer structure of the certificate is walked (RFC 5280 §4.1): the signature
//! itself was already checked by the chain verifier, so a full X.509 parser is not needed
//! for this one field.

/// The DER bytes of the certificate's SubjectPublicKeyInfo (tag and length included), or
/// `None` when the certificate is not well-formed DER.
pub fn subject_public_key_info(cert_der: &[u8]) -> Option<&[u8]> {
    let (certificate, _) = element(cert_der, SEQUENCE)?;
    let (tbs, _) = element(certificate.content, SEQUENCE)?;
    let mut rest = tbs.content;
    // version [0] EXPLICIT is optional (absent in v1 certificates).
    if rest.first() == Some(&VERSION_TAG) {
        rest = element(rest, VERSION_TAG)?.1;
    }
    // serialNumber, signature, issuer, validity, subject.
    for tag in [INTEGER, SEQUENCE, SEQUENCE, SEQUENCE, SEQUENCE] {
        rest = element(rest, tag)?.1;
    }
    let (spki, _) = element(rest, SEQUENCE)?;
    Some(spki.whole)
}

const INTEGER: u8 = 0x02;
const SEQUENCE: u8 = 0x30;
const VERSION_TAG: u8 = 0xa0;

struct Element<'a> {
    whole: &'a [u8],
    content: &'a [u8],
}

/// Reads one DER element with the expected tag; returns it and what follows it.
fn element(input: &[u8], tag: u8) -> Option<(Element<'_>, &[u8])> {
    let (&first, rest) = input.split_first()?;
    if first != tag {
        return None;
    }
    let (&len_byte, mut rest) = rest.split_first()?;
    let len = if len_byte < 0x80 {
        usize::from(len_byte)
    } else {
        // Long form: 1 to 4 length bytes is plenty for certificates.
        let count = usize::from(len_byte & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let (len_bytes, after) = rest.split_at(count);
        rest = after;
        len_bytes
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b))
    };
    if rest.len() < len {
        return None;
    }
    let header = input.len() - rest.len();
    let (content, after) = rest.split_at(len);
    Some((
        Element {
            whole: &input[..header + len],
            content,
        },
        after,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    // A certificate built by hand: SEQ { SEQ { [0]{INT 2}, INT 1, SEQ{}, SEQ{}, SEQ{},
    // SEQ{}, SEQ{ 0x05 0x00 } }, SEQ{}, BIT STRING }.
    const TINY_CERT: &[u8] = &[
        0x30, 0x1b, // Certificate
        0x30, 0x14, // TBSCertificate
        0xa0, 0x03, 0x02, 0x01, 0x02, // version
        0x02, 0x01, 0x01, // serial
        0x30, 0x00, 0x30, 0x00, 0x30, 0x00, 0x30, 0x00, // sigalg, issuer, validity, subject
        0x30, 0x02, 0x05, 0x00, // spki
        0x30, 0x00, // signatureAlgorithm
        0x03, 0x01, 0x00, // signature
    ];

    #[test]
    fn finds_the_spki_of_a_v3_certificate() {
        assert_eq!(
            subject_public_key_info(TINY_CERT),
            Some(&[0x30, 0x02, 0x05, 0x00][..])
        );
    }

    #[test]
    fn malformed_input_is_none_never_a_panic() {
        for cut in 0..TINY_CERT.len() - 5 {
            assert_eq!(
                subject_public_key_info(&TINY_CERT[..cut]),
                None,
                "cut at {cut}"
            );
        }
        assert_eq!(
            subject_public_key_info(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]),
            None
        );
        assert_eq!(subject_public_key_info(&[0x30, 0x80]), None);
        assert_eq!(subject_public_key_info(b""), None);
    }
}

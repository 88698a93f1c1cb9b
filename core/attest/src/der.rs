//! A few helpers over asn1-rs's DER reader (`Any`: one tag, length and content) for the
//! vendors' extensions, which are nested structures with many optional tagged fields.

use x509_parser::asn1_rs::{Any, Class, FromDer};

use crate::reason::Reason;

/// The universal tags read here.
pub(crate) const BOOLEAN: u32 = 1;
pub(crate) const INTEGER: u32 = 2;
pub(crate) const OCTET_STRING: u32 = 4;
pub(crate) const NULL: u32 = 5;
pub(crate) const ENUMERATED: u32 = 10;
pub(crate) const SEQUENCE: u32 = 16;
pub(crate) const SET: u32 = 17;

/// Exactly one element, nothing after it.
pub(crate) fn single(input: &[u8]) -> Result<Any<'_>, Reason> {
    match Any::from_der(input) {
        Ok(([], any)) => Ok(any),
        _ => Err(Reason::Malformed),
    }
}

/// Every element of a content, in order.
pub(crate) fn elements(mut input: &[u8]) -> Result<Vec<Any<'_>>, Reason> {
    let mut out = Vec::new();
    while !input.is_empty() {
        let (rest, any) = Any::from_der(input).map_err(|_| Reason::Malformed)?;
        out.push(any);
        input = rest;
    }
    Ok(out)
}

/// The content of a universal element with this tag.
pub(crate) fn universal<'a>(any: &Any<'a>, tag: u32) -> Result<&'a [u8], Reason> {
    if any.header.class() == Class::Universal && any.header.tag().0 == tag {
        Ok(any.data)
    } else {
        Err(Reason::Malformed)
    }
}

/// The elements of a SEQUENCE (or SET, with `SET`).
pub(crate) fn constructed<'a>(any: &Any<'a>, tag: u32) -> Result<Vec<Any<'a>>, Reason> {
    elements(universal(any, tag)?)
}

/// A non-negative INTEGER or ENUMERATED that fits in 64 bits.
pub(crate) fn unsigned(any: &Any<'_>) -> Result<u64, Reason> {
    let tag = any.header.tag().0;
    if any.header.class() != Class::Universal || (tag != INTEGER && tag != ENUMERATED) {
        return Err(Reason::Malformed);
    }
    let bytes = any.data;
    match bytes.first() {
        None => Err(Reason::Malformed),
        Some(first) if first & 0x80 != 0 => Err(Reason::Malformed),
        Some(_) => {
            let bytes = bytes
                .strip_prefix(&[0])
                .filter(|b| !b.is_empty())
                .unwrap_or(bytes);
            if bytes.len() > 8 {
                return Err(Reason::Malformed);
            }
            Ok(bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
        }
    }
}

/// A BOOLEAN.
pub(crate) fn boolean(any: &Any<'_>) -> Result<bool, Reason> {
    match universal(any, BOOLEAN)? {
        [0x00] => Ok(false),
        [0xff] => Ok(true),
        _ => Err(Reason::Malformed),
    }
}

/// The tag number of a context-specific element, if it is one.
pub(crate) fn context_tag(any: &Any<'_>) -> Option<u32> {
    (any.header.class() == Class::ContextSpecific).then(|| any.header.tag().0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_booleans() {
        assert_eq!(unsigned(&single(&[0x02, 0x01, 0x05]).unwrap()), Ok(5));
        assert_eq!(
            unsigned(&single(&[0x02, 0x02, 0x00, 0x80]).unwrap()),
            Ok(128)
        );
        assert_eq!(unsigned(&single(&[0x0a, 0x01, 0x02]).unwrap()), Ok(2));
        assert_eq!(
            unsigned(&single(&[0x02, 0x01, 0xff]).unwrap()),
            Err(Reason::Malformed)
        );
        assert_eq!(boolean(&single(&[0x01, 0x01, 0xff]).unwrap()), Ok(true));
        assert_eq!(
            boolean(&single(&[0x01, 0x01, 0x01]).unwrap()),
            Err(Reason::Malformed)
        );
        assert_eq!(single(&[0x02, 0x01]).err(), Some(Reason::Malformed));
        assert_eq!(single(&[0x05, 0x00, 0x00]).err(), Some(Reason::Malformed));
    }
}

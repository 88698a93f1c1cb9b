//! WebAuthn authenticator data as App Attest fills it.

use crate::reason::Reason;

/// The production AAGUID: `appattest` and seven zero bytes.
pub const AAGUID_PRODUCTION: &[u8; 16] = b"appattest\0\0\0\0\0\0\0";
/// The development AAGUID: `appattestdevelop`.
pub const AAGUID_DEVELOPMENT: &[u8; 16] = b"appattestdevelop";

/// The fields of authenticator data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthenticatorData {
    /// SHA-256 of the app id.
    pub rp_id_hash: [u8; 32],
    /// The flags byte.
    pub flags: u8,
    /// The signature counter.
    pub counter: u32,
    /// The AAGUID (attestation only).
    pub aaguid: Option<Vec<u8>>,
    /// The credential id (attestation only): the key id.
    pub credential_id: Option<Vec<u8>>,
}

impl AuthenticatorData {
    /// An assertion's: RP id hash, flags, counter.
    pub fn parse(bytes: &[u8]) -> Result<AuthenticatorData, Reason> {
        let (Some(rp_id_hash), Some(&flags), Some(counter)) =
            (bytes.get(..32), bytes.get(32), bytes.get(33..37))
        else {
            return Err(Reason::Malformed);
        };
        Ok(AuthenticatorData {
            rp_id_hash: rp_id_hash.try_into().map_err(|_| Reason::Malformed)?,
            flags,
            counter: u32::from_be_bytes(counter.try_into().map_err(|_| Reason::Malformed)?),
            aaguid: None,
            credential_id: None,
        })
    }

    /// An attestation's: also the attested credential data (AAGUID, credential id; the
    /// COSE key after them is not read, the key comes from the certificate).
    pub fn parse_attested(bytes: &[u8]) -> Result<AuthenticatorData, Reason> {
        let mut data = AuthenticatorData::parse(bytes)?;
        let (Some(aaguid), Some(length)) = (bytes.get(37..53), bytes.get(53..55)) else {
            return Err(Reason::Malformed);
        };
        let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
        let credential_id = bytes.get(55..55 + length).ok_or(Reason::Malformed)?;
        data.aaguid = Some(aaguid.to_vec());
        data.credential_id = Some(credential_id.to_vec());
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_data_is_malformed() {
        assert_eq!(AuthenticatorData::parse(&[0; 36]), Err(Reason::Malformed));
        assert_eq!(
            AuthenticatorData::parse_attested(&[0; 54]),
            Err(Reason::Malformed)
        );
        let mut bytes = vec![0u8; 55];
        bytes[53..55].copy_from_slice(&4u16.to_be_bytes());
        assert_eq!(
            AuthenticatorData::parse_attested(&bytes),
            Err(Reason::Malformed)
        );
        bytes.extend_from_slice(&[1, 2, 3, 4]);
        let parsed = AuthenticatorData::parse_attested(&bytes).unwrap();
        assert_eq!(parsed.credential_id, Some(vec![1, 2, 3, 4]));
    }
}

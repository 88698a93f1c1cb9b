//! Deleting a profile from this device: every key and secret it had in the keystore.

use super::{
    BiometricKeyFactory, DeviceKeyFactory, KeyError, delete_app_attest_key_id, delete_device_secret,
};
use crate::secrets::SecretStore;

/// Deletes K_dev, K_bio, the device secret and the App Attest key id of `profile_id`, so no PIN derives its K_pin
/// again. Tries every deletion even if one fails, and reports the first failure. Pair it
/// with `Store::delete_profile`. Changes persisted state.
pub fn delete_profile_keys(
    secrets: &dyn SecretStore,
    device_keys: &dyn DeviceKeyFactory,
    biometric_keys: &dyn BiometricKeyFactory,
    profile_id: &str,
) -> Result<(), KeyError> {
    let results = [
        device_keys.delete(profile_id),
        biometric_keys.delete(profile_id),
        delete_device_secret(secrets, profile_id),
        delete_app_attest_key_id(secrets, profile_id),
    ];
    tracing::debug!(profile = %profile_id, "profile keys deleted");
    results.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::keys::{
        SimulatedSensor, SoftwareBiometrics, SoftwareDeviceKeys, create_device_secret,
        store_app_attest_key_id,
    };
    use crate::random::SystemRandomness;
    use crate::secrets::MemorySecretStore;

    #[test]
    fn every_secret_of_the_profile_is_gone_and_others_stay() {
        let secrets = Arc::new(MemorySecretStore::new());
        let devices = SoftwareDeviceKeys::new(secrets.clone());
        let bio = SoftwareBiometrics::new(secrets.clone(), Arc::new(SimulatedSensor::new()));
        for id in ["p1", "p2"] {
            devices.create(id, None).unwrap();
            bio.create(id, None).unwrap();
            create_device_secret(&*secrets, &SystemRandomness::new(), id).unwrap();
            store_app_attest_key_id(&*secrets, id, "a2V5").unwrap();
        }
        assert_eq!(secrets.names().len(), 8);
        delete_profile_keys(&*secrets, &devices, &bio, "p1").unwrap();
        assert!(
            secrets
                .names()
                .iter()
                .all(|n| n.starts_with("avain/profile/p2/"))
        );
        assert_eq!(secrets.names().len(), 4);
        delete_profile_keys(&*secrets, &devices, &bio, "p1").unwrap();
    }
}

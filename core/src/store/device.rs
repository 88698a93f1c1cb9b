//! This device's description, as the bank's list of trusted devices shows it.

use rusqlite::{OptionalExtension, params};

use super::row_cipher::{Cell, cell_scope};
use super::{Store, StoreError};
use crate::os_policy::Platform;

/// How this device describes itself. `Debug` hides the name ("Matin puhelin").
#[derive(Clone, PartialEq, Eq)]
pub struct DeviceDescription {
    /// The name the customer knows the device by.
    pub name: String,
    /// The model ("Pixel 8", "iPhone 15").
    pub model: String,
    /// The platform.
    pub platform: Platform,
    /// The OS version ("15", "17.4.1").
    pub os_version: String,
    /// The app's version.
    pub app_version: String,
}

impl std::fmt::Debug for DeviceDescription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceDescription")
            .field("name", &"[redacted]")
            .field("model", &self.model)
            .field("platform", &self.platform)
            .field("os_version", &self.os_version)
            .field("app_version", &self.app_version)
            .finish()
    }
}

const NAME: Cell<'static> = Cell {
    scope: cell_scope!("device", "name"),
    row_id: "1",
};

impl Store {
    /// Saves this device's description (after an OS or app update, say). Changes
    /// persisted state.
    pub fn set_device(&self, device: &DeviceDescription) -> Result<(), StoreError> {
        self.write(|tx, cipher| {
            let name = cipher.seal(NAME, device.name.as_bytes())?;
            tx.execute(
                "INSERT INTO device (id, name, model, platform, os_version, app_version) \
                 VALUES (1, ?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, model = excluded.model, \
                 platform = excluded.platform, os_version = excluded.os_version, \
                 app_version = excluded.app_version",
                params![
                    name,
                    device.model,
                    device.platform.code(),
                    device.os_version,
                    device.app_version
                ],
            )?;
            Ok(())
        })
    }

    /// This device's description, if saved.
    pub fn device(&self) -> Result<Option<DeviceDescription>, StoreError> {
        self.read(|conn, cipher| {
            let row = conn
                .query_row(
                    "SELECT name, model, platform, os_version, app_version FROM device WHERE id = 1",
                    [],
                    |r| {
                        Ok((
                            r.get::<_, Vec<u8>>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                            r.get::<_, String>(4)?,
                        ))
                    },
                )
                .optional()?;
            let Some((name, model, platform, os_version, app_version)) = row else {
                return Ok(None);
            };
            Ok(Some(DeviceDescription {
                name: cipher.open_text(NAME, &name)?,
                model,
                platform: Platform::from_code(&platform).ok_or(StoreError::Corrupt)?,
                os_version,
                app_version,
            }))
        })
    }
}

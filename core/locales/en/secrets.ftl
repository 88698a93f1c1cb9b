secret-store-invalid-name = The app tried to use the device's keystore incorrectly. Please update the app.
secret-store-unavailable = The device's keystore is not available. Unlock the device and try again.
secret-store-corrupted = The keys saved on this device are damaged. Delete the profile from this device and register it again.
secret-store-platform = The device's keystore did not respond as expected. Try again; if the problem continues, restart the device.

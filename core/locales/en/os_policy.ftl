# OS and app version gating (core/src/os_policy/).

os-policy-allowed = The app works on this device.
os-policy-warn = Your device's { $os } version is out of date. For security reasons, the app will stop working on this device from { $cutoff }. Update the operating system to version { $required } or newer. You can still use the online bank in a browser.
os-policy-cannot-install = The app can't be installed on this device because it needs { $os } { $required } or newer. You can use the online bank in a browser.
os-policy-blocked-unsupported-platform = The app doesn't work on devices running { $os }. You can use the online bank in a browser.
os-policy-blocked-os-too-old = The app can no longer be used on this device because its { $os } version may have security risks. Update the operating system to version { $required } or newer if your device supports it. You can still use the online bank in a browser.
os-policy-blocked-app-too-old = This version of the app is out of date. Update the app to version { $required } or newer in the app store. Meanwhile, you can use the online bank in a browser.
os-policy-fallback-url = Online bank: { $url }

os-policy-error-unknown-platform = The device's operating system was not recognised.
os-policy-error-invalid-os-version = The operating system version could not be read.
os-policy-error-invalid-app-version = The app version could not be read.
os-policy-error-not-updated = The bank's rules on supported devices could not be updated. The app uses the rules it received earlier.

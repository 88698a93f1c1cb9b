// The Swift shell of Avain. `import Avain` gives the app the generated API (AvainFFI:
// the core's functions, records and errors) and the shell's platform pieces: the
// Keychain, the Secure Enclave, biometrics and device information on Apple platforms
// (under `#if canImport(...)`), and platform-neutral helpers that are also tested on
// Linux.
@_exported import AvainFFI

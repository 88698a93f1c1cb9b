//! Languages the core writes user-facing text in.

use avain_core::Language;

/// A language the core writes user-facing text in: every message and error text comes
/// from the core in the language the app passes (the shells never translate).
#[uniffi::remote(Enum)]
pub enum Language {
    /// Finnish, the default.
    Fi,
    /// Swedish (Finland's second official language).
    Sv,
    /// English.
    En,
}

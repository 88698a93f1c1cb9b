//! The rules and limits both sides apply, written once: the phone checks them so the
//! customer hears about a problem at the field, the bank enforces them because it trusts
//! no phone. Pure functions; "now" is always an argument.

pub mod ids;
pub mod meeting_guests;
pub mod meetings;
pub mod payments;
pub mod phone;
pub mod sessions;
pub mod signing;
pub mod text;

//! Opening the app from the online bank on the same phone: the bank's login page offers
//! an https app link carrying the login request's id (its form is
//! [`crate::app_link`]'s); the platform opens the app with it, the shell hands the text to
//! the core, and the core reads it strictly before anything reaches the bank. What
//! follows is the approval the push notification would have started
//! ([`Identification::open_app_login`]): the same code on both screens, the same PIN or
//! biometric approval.

use crate::app_link::{self, AppLink};

use super::{AppLoginPrompt, Avain, AvainError, Identification};

impl Avain {
    /// Reads `url` as one of this bank's app links (sync, nothing is sent): the shell
    /// calls it with the URL the platform opened the app with, to know what the link
    /// asks before it picks the profile. Anything but the bank's exact form is
    /// [`AvainError::Refused`] with an `app_link_...` code and its text.
    pub fn read_app_link(&self, url: &str) -> Result<AppLink, AvainError> {
        app_link::parse(self.inner.bank.app_links, url)
            .map_err(|e| AvainError::app_link(self.language(), e))
    }
}

impl Identification<'_> {
    /// Reads `url` as this bank's app link ([`Avain::read_app_link`]) and opens the browser
    /// login it names for `profile_id`, as [`Identification::open_app_login`] does for a
    /// pushed request id: the prompt shows the browser's code, then
    /// [`Identification::approve_app_login`] or [`Identification::reject_app_login`].
    /// A refused link reaches nothing at the bank.
    pub async fn open_app_link(
        self,
        profile_id: String,
        url: String,
    ) -> Result<AppLoginPrompt, AvainError> {
        let AppLink::AppLogin { request_id } = self.0.read_app_link(&url)?;
        self.open_app_login(profile_id, request_id).await
    }
}

//! The customer's other hand in the online bank's settings, for the tests and the bindings'
//! control server: lock and open one profile, save a mobile number, switch the SMS
//! additional service. Each logs in to the online bank with the paper key-code card, as
//! the customer does, and answers the codes from the card and the outbox.

use avain_protocol::api::{
    CodeRequest, ExtraServices, KeyCardChallenge, Personal, PhoneChangeFinish, PhoneChangeStart,
    PhoneChangeStarted, Secret, SmsServiceChange, TrustedDevice,
};
use reqwest::Method;

use crate::client::{BankClient, CallError};
use crate::routes::extra_services::PHONE_CHANGE_SMS_CODE;
use crate::seed::SeedCustomer;

impl BankClient {
    /// Locks one profile of `customer` in the online bank (no code needed).
    pub async fn lock_profile(
        &self,
        customer: &SeedCustomer,
        profile_id: &str,
    ) -> Result<TrustedDevice, CallError> {
        let token = self.online_bank_login(customer).await?;
        self.post_empty(
            &format!("/v1/online-bank/devices/{profile_id}/lock"),
            Some(&token),
        )
        .await
    }

    /// Opens a profile `customer` locked, with the key-card code the bank asks.
    pub async fn open_profile(
        &self,
        customer: &SeedCustomer,
        profile_id: &str,
    ) -> Result<TrustedDevice, CallError> {
        let token = self.online_bank_login(customer).await?;
        let challenge: KeyCardChallenge = self
            .post_empty(
                &format!("/v1/online-bank/devices/{profile_id}/open"),
                Some(&token),
            )
            .await?;
        self.post(
            &format!("/v1/online-bank/device-opens/{}", challenge.attempt_id),
            Some(&token),
            &CodeRequest {
                code: Secret::new(customer.key_card_code(challenge.key_card_index)),
            },
        )
        .await
    }

    /// Saves `phone` as `customer`'s mobile number: the key-card code from the card, the
    /// SMS code from the outbox (sent to the new number).
    pub async fn change_phone(
        &self,
        customer: &SeedCustomer,
        phone: &str,
    ) -> Result<(), CallError> {
        let token = self.online_bank_login(customer).await?;
        let started: PhoneChangeStarted = self
            .post(
                "/v1/online-bank/phone-changes",
                Some(&token),
                &PhoneChangeStart {
                    phone: Personal::from(phone),
                },
            )
            .await?;
        let sms_code = self
            .latest_sms_code(customer.user_id, PHONE_CHANGE_SMS_CODE)
            .await
            .unwrap_or_default();
        let key_card = started.key_card;
        self.call::<serde_json::Value>(
            Method::POST,
            &format!("/v1/online-bank/phone-changes/{}", key_card.attempt_id),
            Some(&token),
            Some(&PhoneChangeFinish {
                sms_code: Secret::new(sms_code),
                key_card_code: Secret::new(customer.key_card_code(key_card.key_card_index)),
            }),
        )
        .await
        .map(|_| ())
    }

    /// Switches `customer`'s SMS additional service on, or off with the key-card code the
    /// bank asks.
    pub async fn set_sms_service(
        &self,
        customer: &SeedCustomer,
        on: bool,
    ) -> Result<ExtraServices, CallError> {
        let token = self.online_bank_login(customer).await?;
        if on {
            return self
                .call(
                    Method::PUT,
                    "/v1/online-bank/sms-service",
                    Some(&token),
                    Some(&SmsServiceChange { enabled: true }),
                )
                .await;
        }
        let asked: KeyCardChallenge = self
            .call(
                Method::POST,
                "/v1/online-bank/sms-service-off",
                Some(&token),
                None::<&()>,
            )
            .await?;
        self.call(
            Method::POST,
            &format!("/v1/online-bank/sms-service-offs/{}", asked.attempt_id),
            Some(&token),
            Some(&CodeRequest {
                code: Secret::new(customer.key_card_code(asked.key_card_index)),
            }),
        )
        .await
    }
}

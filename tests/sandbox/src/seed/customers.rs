//! The demo customers: fixed facts, the same in every fresh sandbox.

use avain_protocol::api::sandbox::DemoCustomer;
use avain_protocol::api::{CustomerKind, Personal, Secret};
use time::Date;
use time::macros::date;

use super::formats;
use crate::crypto::sha256;

/// Anna Virtanen: the main demo customer, with everything (accounts, joint account,
/// e-invoices, a payment waiting, meetings, documents, messages).
pub const ANNA: &str = "50010001";
/// Mikko Virtanen: Anna's spouse; shares the joint account, a meeting and documents.
pub const MIKKO: &str = "50010002";
/// Liisa Korhonen: no mobile number registered, so registration must refuse.
pub const LIISA: &str = "50010003";
/// Pekka Nieminen: mobile number registered but the SMS service off.
pub const PEKKA: &str = "50010004";
/// Malliharjun Puutyö Oy: a business customer.
pub const PUUTYO: &str = "50010005";
/// Sanna Lindholm: Swedish-speaking; the third customer of the three-customer meeting.
pub const SANNA: &str = "50010006";

/// Codes on every key-code card, numbered 1 to this.
pub const KEY_CARD_SIZE: u32 = 50;

/// One seeded customer's fixed facts.
#[derive(Clone, Copy)]
pub struct SeedCustomer {
    /// Online-bank user id.
    pub user_id: &'static str,
    /// Password (6-8 characters, as the bank requires).
    pub password: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Private or business.
    pub kind: CustomerKind,
    /// The user's birth date (for a company: the person using the codes).
    pub birth: Date,
    /// The HETU's individual number (900-999: temporary numbers, so no real person's).
    pub individual: u16,
    /// Mobile number, E.164.
    pub phone: Option<&'static str>,
    /// SMS service on.
    pub sms_service: bool,
    /// "fi" or "sv".
    pub language: &'static str,
    /// What the customer is for.
    pub note: &'static str,
}

impl std::fmt::Debug for SeedCustomer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SeedCustomer")
            .field("user_id", &self.user_id)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl SeedCustomer {
    /// The customer's HETU.
    pub fn hetu(&self) -> String {
        formats::hetu(self.birth, self.individual)
    }

    /// The customer's key-code card: code `n` is `key_card()[n - 1]`, four digits each.
    pub fn key_card(&self) -> Vec<String> {
        key_card(self.user_id)
    }

    /// The code numbered `index` (1-based).
    pub fn key_card_code(&self, index: u32) -> String {
        key_card_code(self.user_id, index)
    }

    /// The customer as the sandbox endpoint and `serve` show it.
    pub fn demo(&self) -> DemoCustomer {
        DemoCustomer {
            user_id: self.user_id.to_owned(),
            password: Secret::new(self.password),
            name: self.name.to_owned(),
            kind: self.kind,
            hetu: Secret::new(self.hetu()),
            phone: self.phone.map(Personal::from),
            sms_service: self.sms_service,
            language: self.language.to_owned(),
            key_card: self.key_card().into_iter().map(Secret::from).collect(),
            note: self.note.to_owned(),
        }
    }
}

/// Every seeded customer.
pub const CUSTOMERS: [SeedCustomer; 6] = [
    SeedCustomer {
        user_id: ANNA,
        password: "Sauna-24",
        name: "Anna Virtanen",
        kind: CustomerKind::Personal,
        birth: date!(1985 - 03 - 14),
        individual: 946,
        phone: Some("+358401234567"),
        sms_service: true,
        language: "fi",
        note: "everything: accounts, joint account, e-invoices, payment awaiting approval, meetings, documents, messages",
    },
    SeedCustomer {
        user_id: MIKKO,
        password: "Mokki-42",
        name: "Mikko Virtanen",
        kind: CustomerKind::Personal,
        birth: date!(1983 - 11 - 02),
        individual: 937,
        phone: Some("+358501112233"),
        sms_service: true,
        language: "fi",
        note: "Anna's spouse: joint account, co-signer, second customer of the three-customer meeting",
    },
    SeedCustomer {
        user_id: LIISA,
        password: "Lumi-24",
        name: "Liisa Korhonen",
        kind: CustomerKind::Personal,
        birth: date!(1958 - 07 - 21),
        individual: 962,
        phone: None,
        sms_service: false,
        language: "fi",
        note: "no mobile number: registration refuses with no_phone_number",
    },
    SeedCustomer {
        user_id: PEKKA,
        password: "Kala-77",
        name: "Pekka Nieminen",
        kind: CustomerKind::Personal,
        birth: date!(1990 - 01 - 30),
        individual: 913,
        phone: Some("+358442223344"),
        sms_service: false,
        language: "fi",
        note: "SMS service off: registration refuses with sms_service_off",
    },
    SeedCustomer {
        user_id: PUUTYO,
        password: "Puu-2024",
        name: "Malliharjun Puutyö Oy",
        kind: CustomerKind::Business,
        birth: date!(1971 - 05 - 09),
        individual: 925,
        phone: Some("+358405556677"),
        sms_service: true,
        language: "fi",
        note: "business customer (the company profile beside Anna's): business and tax-reserve accounts, a supplier's e-invoice, a tax payment awaiting approval",
    },
    SeedCustomer {
        user_id: SANNA,
        password: "Skog-33",
        name: "Sanna Lindholm",
        kind: CustomerKind::Personal,
        birth: date!(1994 - 09 - 17),
        individual: 958,
        phone: Some("+358407778899"),
        sms_service: true,
        language: "sv",
        note: "Swedish-speaking; third customer of the three-customer meeting",
    },
];

/// The seeded customer with this user id.
pub fn customer(user_id: &str) -> Option<&'static SeedCustomer> {
    CUSTOMERS.iter().find(|c| c.user_id == user_id)
}

/// A customer's key-code card (derived from the user id, so it is the same in every
/// sandbox and needs no storage in clear).
pub fn key_card(user_id: &str) -> Vec<String> {
    (1..=KEY_CARD_SIZE)
        .map(|i| key_card_code(user_id, i))
        .collect()
}

/// Code number `index` of a customer's key-code card.
pub fn key_card_code(user_id: &str, index: u32) -> String {
    let digest = sha256(format!("avain-sandbox key-code card v1/{user_id}/{index}").as_bytes());
    let value = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) % 10_000;
    format!("{value:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hetus_are_valid_temporary_codes_of_the_birth_dates() {
        let hetus: Vec<String> = CUSTOMERS.iter().map(SeedCustomer::hetu).collect();
        assert_eq!(hetus[0], "140385-946W");
        for (customer, hetu) in CUSTOMERS.iter().zip(&hetus) {
            // The core's own HETU rules accept every one, with the customer's birth date.
            let parsed = avain_core::hetu::Hetu::parse(hetu).unwrap();
            assert_eq!(parsed.birth_date(), customer.birth, "{customer:?}");
            assert!(parsed.is_temporary(), "{customer:?}");
        }
    }

    #[test]
    fn key_cards_are_deterministic_and_distinct() {
        let anna = key_card(ANNA);
        assert_eq!(anna.len(), KEY_CARD_SIZE as usize);
        assert_eq!(anna, key_card(ANNA));
        assert_ne!(anna, key_card(MIKKO));
        assert!(
            anna.iter()
                .all(|c| c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()))
        );
    }

    #[test]
    fn the_required_kinds_of_customer_exist() {
        assert!(CUSTOMERS.iter().any(|c| c.phone.is_none()));
        assert!(
            CUSTOMERS
                .iter()
                .any(|c| c.phone.is_some() && !c.sms_service)
        );
        assert!(CUSTOMERS.iter().any(|c| c.kind == CustomerKind::Business));
        assert!(CUSTOMERS.iter().any(|c| c.language == "sv"));
        for c in &CUSTOMERS {
            assert!((6..=8).contains(&c.password.len()), "{c:?}");
        }
    }
}

//! Deterministic seed data: the demo customers and everything they own. The facts are
//! fixed; dates are relative to the bank's clock at seeding time, so a fresh sandbox
//! always has upcoming meetings and e-invoices not yet due.

mod customers;
pub mod formats;

pub use customers::*;

use rusqlite::{Connection, params};
use time::{Date, Duration, OffsetDateTime, Time};

use crate::clock::to_millis;
use crate::crypto::{SecretHasher, hash_password, sha256};

/// The sandbox bank's own bank code, the first six digits of its accounts' BBAN.
pub const BANK_CODE: &str = "479900";

/// The booking code of Anna's loan meeting (the code in the OP seed's screenshot).
pub const ANNA_MEETING: &str = "2KMEVE6X";
/// The booking code of the meeting with three customers (Anna, Mikko, Sanna).
pub const THREE_CUSTOMER_MEETING: &str = "7QH4TNP2";

/// An account in this bank.
pub fn own_iban(account: u32) -> String {
    formats::iban_fi(&format!("{BANK_CODE}{account:08}"))
}

/// Hash domain of key-card codes.
pub const KEY_CARD_DOMAIN: &str = "key_card_code";
/// Hash domain of HETUs.
pub const HETU_DOMAIN: &str = "hetu";

/// The HETU's hash as stored: normalized to upper case.
pub fn hetu_hash(hasher: &SecretHasher, hetu: &str) -> Vec<u8> {
    hasher.hash(HETU_DOMAIN, &[hetu.trim().to_ascii_uppercase().as_bytes()])
}

/// The stored hash of one key-card code.
pub fn key_card_hash(hasher: &SecretHasher, user_id: &str, index: u32, code: &str) -> Vec<u8> {
    hasher.hash(
        KEY_CARD_DOMAIN,
        &[user_id.as_bytes(), &index.to_be_bytes(), code.as_bytes()],
    )
}

fn at(day: Date, hour: u8, minute: u8) -> i64 {
    let time = Time::from_hms(hour, minute, 0).unwrap_or(Time::MIDNIGHT);
    to_millis(day.with_time(time).assume_utc())
}

/// Inserts every seed row.
///
/// The rows are tables of literals, one tuple per row, so each reads like a line of a
/// spreadsheet; named types for each table would only repeat the column lists. `now` is the bank's clock; the database must be empty.
#[allow(clippy::type_complexity)]
pub fn insert(
    conn: &Connection,
    hasher: &SecretHasher,
    now: OffsetDateTime,
) -> rusqlite::Result<()> {
    let today = now.date();
    let now_ms = to_millis(now);
    let day = |n: i64| today + Duration::days(n);

    for (i, c) in CUSTOMERS.iter().enumerate() {
        let id = i as i64 + 1;
        conn.execute(
            "INSERT INTO customers (id, user_id, name, kind, language, hetu_hash, birth_date,
                 password_hash, phone, sms_service, email)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                id,
                c.user_id,
                c.name,
                match c.kind {
                    avain_protocol::api::CustomerKind::Personal => "personal",
                    avain_protocol::api::CustomerKind::Business => "business",
                    avain_protocol::api::CustomerKind::Unknown => "unknown",
                },
                c.language,
                hetu_hash(hasher, &c.hetu()),
                c.birth.to_string(),
                hash_password(c.password),
                c.phone,
                c.sms_service,
                format!("{}@example.invalid", c.user_id),
            ],
        )?;
        for (index, code) in (1..).zip(c.key_card()) {
            conn.execute(
                "INSERT INTO key_card_codes (customer_id, idx, code_hash) VALUES (?1, ?2, ?3)",
                params![id, index, key_card_hash(hasher, c.user_id, index, &code)],
            )?;
        }
    }
    let cid = |user_id: &str| -> i64 {
        CUSTOMERS
            .iter()
            .position(|c| c.user_id == user_id)
            .map_or(0, |i| i as i64 + 1)
    };
    let (anna, mikko, liisa, pekka, puutyo, sanna) = (
        cid(ANNA),
        cid(MIKKO),
        cid(LIISA),
        cid(PEKKA),
        cid(PUUTYO),
        cid(SANNA),
    );

    // Accounts. Anna's balances are the OP seed's screenshot.
    let accounts: [(&str, u32, &str, &str, i64, &[i64]); 9] = [
        (
            "acc_anna_current",
            10_000_012,
            "Käyttötili",
            "current",
            1_450_594,
            &[anna],
        ),
        (
            "acc_anna_savings",
            10_000_020,
            "Säästötili",
            "savings",
            1_024_371,
            &[anna],
        ),
        (
            "acc_joint",
            10_000_038,
            "Yhteinen tili",
            "joint",
            20_836,
            &[anna, mikko],
        ),
        (
            "acc_mikko_current",
            10_000_046,
            "Käyttötili",
            "current",
            312_050,
            &[mikko],
        ),
        (
            "acc_liisa_current",
            10_000_053,
            "Käyttötili",
            "current",
            84_210,
            &[liisa],
        ),
        (
            "acc_pekka_current",
            10_000_061,
            "Käyttötili",
            "current",
            199_900,
            &[pekka],
        ),
        (
            "acc_puutyo_business",
            10_000_079,
            "Yritystili",
            "business",
            4_821_000,
            &[puutyo],
        ),
        (
            "acc_puutyo_tax",
            10_000_087,
            "Verovaraustili",
            "business",
            1_250_000,
            &[puutyo],
        ),
        (
            "acc_sanna_current",
            10_000_095,
            "Brukskonto",
            "current",
            540_000,
            &[sanna],
        ),
    ];
    for (id, number, name, kind, balance, holders) in accounts {
        conn.execute(
            "INSERT INTO accounts (id, iban, name, kind, balance_cents) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, own_iban(number), name, kind, balance],
        )?;
        for (position, holder) in holders.iter().enumerate() {
            conn.execute(
                "INSERT INTO account_holders (account_id, customer_id, position) VALUES (?1, ?2, ?3)",
                params![id, holder, position as i64],
            )?;
        }
    }

    // Other banks' accounts the customers pay to.
    let helen = formats::iban_fi("10001000123456");
    let as_oy = formats::iban_fi("50000120345678");
    let elisa = formats::iban_fi("80001700098765");
    let vero = formats::iban_fi("50001240099990");
    let sahatavara = formats::iban_fi("15903000012345");

    let transactions: [(&str, &str, i64, i64, &str, Option<&str>); 10] = [
        (
            "trn_seed_01",
            "acc_anna_current",
            -1,
            320_000,
            "Malliharjun Koulu",
            Some("Palkka"),
        ),
        (
            "trn_seed_02",
            "acc_anna_current",
            -2,
            -6_512,
            "K-Market Malliharju",
            None,
        ),
        (
            "trn_seed_03",
            "acc_anna_current",
            -5,
            -28_500,
            "As Oy Malliharjun Kartano",
            Some("Vastike"),
        ),
        (
            "trn_seed_04",
            "acc_anna_current",
            -12,
            -8_940,
            "Helen Oy",
            Some("Sähkölasku"),
        ),
        ("trn_seed_05", "acc_joint", -3, -4_210, "S-Market", None),
        (
            "trn_seed_06",
            "acc_mikko_current",
            -1,
            285_000,
            "Rakennus Oy",
            Some("Palkka"),
        ),
        (
            "trn_seed_07",
            "acc_puutyo_business",
            -4,
            1_240_000,
            "Kunta Oy",
            Some("Lasku 1043"),
        ),
        (
            "trn_seed_08",
            "acc_puutyo_business",
            -6,
            -312_000,
            "Sahatavara Oy",
            Some("Lasku 5521"),
        ),
        (
            "trn_seed_09",
            "acc_sanna_current",
            -2,
            260_000,
            "Vasa stad",
            Some("Lön"),
        ),
        (
            "trn_seed_10",
            "acc_liisa_current",
            -9,
            162_000,
            "Kela",
            Some("Eläke"),
        ),
    ];
    for (id, account, offset, cents, counterparty, text) in transactions {
        conn.execute(
            "INSERT INTO transactions (id, account_id, booked_on, amount_cents, counterparty,
                 reference_or_message) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id,
                account,
                day(offset).to_string(),
                cents,
                counterparty,
                text
            ],
        )?;
    }

    // Payee history: paying these again needs no SMS code.
    let payees: [(i64, &str, &str, i64); 6] = [
        (anna, &helen, "Helen Oy", -12),
        (anna, &as_oy, "As Oy Malliharjun Kartano", -5),
        (anna, &own_iban(10_000_046), "Mikko Virtanen", -30),
        (mikko, &helen, "Helen Oy", -40),
        (puutyo, &sahatavara, "Sahatavara Oy", -6),
        (puutyo, &vero, "Verohallinto", -20),
    ];
    for (customer, iban, name, offset) in payees {
        conn.execute(
            "INSERT INTO payees (customer_id, iban, name, last_paid_on) VALUES (?1, ?2, ?3, ?4)",
            params![customer, iban, name, day(offset).to_string()],
        )?;
    }

    // E-invoices with virtual barcodes: version 4 (Finnish reference) and 5 (RF).
    let helen_ref = formats::fi_reference("1234567890123456");
    let elisa_ref = formats::rf_reference(&formats::fi_reference("2024110587"));
    let saha_ref = formats::fi_reference("55210043");
    let invoices: [(&str, i64, &str, &str, i64, &str, i64, bool); 3] = [
        (
            "inv_seed_1",
            anna,
            "Helen Oy",
            &helen,
            9_874,
            &helen_ref,
            10,
            false,
        ),
        (
            "inv_seed_2",
            anna,
            "Elisa Oyj",
            &elisa,
            3_990,
            &elisa_ref,
            20,
            true,
        ),
        (
            "inv_seed_3",
            puutyo,
            "Sahatavara Oy",
            &sahatavara,
            184_550,
            &saha_ref,
            14,
            false,
        ),
    ];
    for (id, customer, biller, iban, cents, reference, due_in, rf) in invoices {
        let due = day(due_in);
        let barcode = if rf {
            formats::barcode_v5(iban, cents, reference, due)
        } else {
            formats::barcode_v4(iban, cents, reference, due)
        };
        conn.execute(
            "INSERT INTO e_invoices (id, customer_id, biller_name, iban, amount_cents, reference,
                 due_date, barcode) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                customer,
                biller,
                iban,
                cents,
                reference,
                due.to_string(),
                barcode
            ],
        )?;
    }

    // Payments awaiting approval, made in the online bank: one to a known payee, one new.
    let awaiting: [(
        &str,
        i64,
        &str,
        &str,
        &str,
        i64,
        Option<String>,
        Option<&str>,
        bool,
    ); 2] = [
        (
            "pay_seed_1",
            anna,
            "acc_anna_current",
            "As Oy Malliharjun Kartano",
            &as_oy,
            28_500,
            Some(formats::fi_reference("1234561")),
            None,
            false,
        ),
        (
            "pay_seed_2",
            puutyo,
            "acc_puutyo_business",
            "Verohallinto",
            &vero,
            412_000,
            Some(formats::rf_reference(&formats::fi_reference("7100012345"))),
            None,
            false,
        ),
    ];
    for (id, customer, from, name, iban, cents, reference, message, new_payee) in awaiting {
        conn.execute(
            "INSERT INTO payments (id, customer_id, from_account_id, payee_name, payee_iban,
                 amount_cents, reference, message, due_date, status, new_payee, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'awaiting_approval', ?10, ?11)",
            params![
                id,
                customer,
                from,
                name,
                iban,
                cents,
                reference,
                message,
                day(2).to_string(),
                new_payee,
                now_ms - 3_600_000
            ],
        )?;
    }

    // Secure messages: the bank's important notices live only here.
    let messages: [(&str, i64, &str, &str, i64, bool, bool); 5] = [
        (
            "msg_seed_1",
            anna,
            "Palveluhinnastomme muuttuu 1.3.",
            "Hyvä asiakas,\n\npalveluhinnastomme muuttuu 1.3. alkaen. Muutokset koskevat tilien kuukausimaksuja ja paperisia tiliotteita. Uusi hinnasto on luettavissa verkkopankissa.\n\nYstävällisin terveisin\nAvain-pankki",
            -2,
            true,
            false,
        ),
        (
            "msg_seed_2",
            anna,
            "Tervetuloa mobiilipankkiin",
            "Kiitos, että otit mobiilipankin käyttöön. Muista, ettei pankki koskaan pyydä tunnuksiasi sähköpostilla tai tekstiviestillä.",
            -20,
            false,
            true,
        ),
        (
            "msg_seed_3",
            mikko,
            "Palveluhinnastomme muuttuu 1.3.",
            "Hyvä asiakas,\n\npalveluhinnastomme muuttuu 1.3. alkaen. Uusi hinnasto on luettavissa verkkopankissa.\n\nYstävällisin terveisin\nAvain-pankki",
            -2,
            true,
            false,
        ),
        (
            "msg_seed_4",
            sanna,
            "Vår prislista ändras 1.3.",
            "Bästa kund,\n\nvår prislista ändras från och med 1.3. Den nya prislistan finns i nätbanken.\n\nMed vänliga hälsningar\nAvain-banken",
            -2,
            true,
            false,
        ),
        (
            "msg_seed_5",
            puutyo,
            "Yritysasiakkaan palvelumaksut",
            "Yritystilien palvelumaksut päivittyvät 1.3. alkaen. Tiedot löydät verkkopankista.",
            -3,
            true,
            false,
        ),
    ];
    for (id, customer, subject, body, offset, important, read) in messages {
        conn.execute(
            "INSERT INTO messages (id, customer_id, sender, subject, body, sent_at, read, important)
             VALUES (?1, ?2, 'bank', ?3, ?4, ?5, ?6, ?7)",
            params![id, customer, subject, body, now_ms + offset * 86_400_000, read, important],
        )?;
    }

    // Video meetings; times are UTC (12:30 and 11:15 in Finnish winter time).
    let meetings: [(&str, i64, i64, &str, Option<&str>, &str, &[i64]); 2] = [
        (
            ANNA_MEETING,
            at(day(2), 10, 30),
            60,
            "Lainat, Asuntolainaneuvottelu",
            Some("Asuntolaina"),
            "+358401234567",
            &[anna],
        ),
        (
            THREE_CUSTOMER_MEETING,
            at(day(3), 9, 15),
            60,
            "Lainat, Rakentaminen",
            Some("Yhteinen rakennuslaina"),
            "+358501112233",
            &[anna, mikko, sanna],
        ),
    ];
    for (code, starts, minutes, topic, details, phone, participants) in meetings {
        conn.execute(
            "INSERT INTO meetings (code, starts_at, duration_minutes, topic, details, expert_name,
                 expert_office, status, booking_phone)
             VALUES (?1, ?2, ?3, ?4, ?5, 'Matleena Malliharju', 'Malliharjun Osuuspankki', 'booked', ?6)",
            params![code, starts, minutes, topic, details, phone],
        )?;
        for (position, customer) in participants.iter().enumerate() {
            conn.execute(
                "INSERT INTO meeting_participants (code, customer_id, position) VALUES (?1, ?2, ?3)",
                params![code, customer, position as i64],
            )?;
        }
    }

    // Documents to sign: waiting for both, pending Mikko, completed 10 and 45 days ago.
    let documents: [(&str, &str, &str, i64, &[(i64, Option<i64>)]); 4] = [
        (
            "doc_seed_1",
            "Asuntolainasopimus",
            "ASUNTOLAINASOPIMUS\n\nLainanottajat: Anna Virtanen, Mikko Virtanen\nLainan määrä: 185 000,00 €\nLaina-aika: 25 vuotta\nViitekorko: 12 kk Euribor + marginaali 0,65 %\n\nLainanottajat sitoutuvat lainaehtoihin, jotka ovat tämän sopimuksen liitteenä.",
            -1,
            &[(anna, None), (mikko, None)],
        ),
        (
            "doc_seed_2",
            "Valtakirja yhteiseen tiliin",
            "VALTAKIRJA\n\nAnna Virtanen ja Mikko Virtanen valtuuttavat toisensa käyttämään yhteistä tiliä ja tekemään siitä maksuja.",
            -3,
            &[(anna, Some(-2)), (mikko, None)],
        ),
        (
            "doc_seed_3",
            "Säästösopimus",
            "SÄÄSTÖSOPIMUS\n\nSäästäjä: Anna Virtanen\nKuukausisäästö: 100,00 € rahastoon Avain Maailma.",
            -12,
            &[(anna, Some(-10))],
        ),
        (
            "doc_seed_4",
            "Tilisopimus",
            "TILISOPIMUS\n\nTilinomistaja: Anna Virtanen\nTili: Säästötili",
            -50,
            &[(anna, Some(-45))],
        ),
    ];
    for (id, title, content, created, parties) in documents {
        let completed = if parties.iter().all(|(_, signed)| signed.is_some()) {
            parties
                .iter()
                .filter_map(|(_, signed)| *signed)
                .max()
                .map(|d| now_ms + d * 86_400_000)
        } else {
            None
        };
        conn.execute(
            "INSERT INTO documents (id, title, content, sha256, created_at, completed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id,
                title,
                content,
                sha256(content.as_bytes()).to_vec(),
                now_ms + created * 86_400_000,
                completed
            ],
        )?;
        for (position, (customer, signed)) in parties.iter().enumerate() {
            conn.execute(
                "INSERT INTO document_parties (document_id, customer_id, position, signed_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    id,
                    customer,
                    position as i64,
                    signed.map(|d| now_ms + d * 86_400_000)
                ],
            )?;
        }
    }

    // Payment cards, for the blocking service.
    let cards: [(&str, i64, &str, &str); 5] = [
        ("crd_seed_1", anna, "Debit Mastercard", "4321"),
        ("crd_seed_2", anna, "Visa Credit", "8765"),
        ("crd_seed_3", mikko, "Debit Mastercard", "1357"),
        ("crd_seed_4", puutyo, "Business Visa", "2468"),
        ("crd_seed_5", sanna, "Debit Mastercard", "9753"),
    ];
    for (id, customer, name, last4) in cards {
        conn.execute(
            "INSERT INTO cards (id, customer_id, name, last4) VALUES (?1, ?2, ?3, ?4)",
            params![id, customer, name, last4],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::schema;
    use rusqlite::types::Value;

    /// Every row of every table, in table and rowid order. Password hashes are left out:
    /// PBKDF2 salts them at random, which is the point.
    fn dump(conn: &Connection) -> Vec<String> {
        let mut tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        tables.retain(|t| !t.starts_with("sqlite_"));
        let mut rows = Vec::new();
        for table in tables {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
                .unwrap();
            let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
            let mut query = stmt.query([]).unwrap();
            while let Some(row) = query.next().unwrap() {
                let mut line = table.clone();
                for (i, column) in columns.iter().enumerate() {
                    if column != "password_hash" {
                        let value: Value = row.get(i).unwrap();
                        line.push_str(&format!(" {column}={value:?}"));
                    }
                }
                rows.push(line);
            }
        }
        rows
    }

    fn seeded(now: OffsetDateTime) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        schema::migrate(&mut conn).unwrap();
        insert(&conn, &SecretHasher::new(&[9u8; 32]), now).unwrap();
        conn
    }

    #[test]
    fn the_business_customer_has_what_a_company_profile_needs() {
        let conn = seeded(time::macros::datetime!(2026-03-02 09:30 UTC));
        let count = |sql: &str| -> i64 { conn.query_row(sql, [PUUTYO], |r| r.get(0)).unwrap() };
        let customer = "(SELECT id FROM customers WHERE user_id = ?1 AND kind = 'business')";
        // Two business accounts to pay from and to move money between.
        assert_eq!(
            count(&format!(
                "SELECT COUNT(*) FROM accounts a JOIN account_holders h ON h.account_id = a.id
                 WHERE a.kind = 'business' AND h.customer_id = {customer}"
            )),
            2
        );
        // A supplier's e-invoice to pay, from a supplier paid before (no SMS step).
        assert_eq!(
            count(&format!(
                "SELECT COUNT(*) FROM e_invoices i JOIN payees p
                     ON p.customer_id = i.customer_id AND p.iban = i.iban
                 WHERE i.customer_id = {customer}"
            )),
            1
        );
        // A payment made in the online bank, waiting for approval in the app.
        assert_eq!(
            count(&format!(
                "SELECT COUNT(*) FROM payments
                 WHERE status = 'awaiting_approval' AND customer_id = {customer}"
            )),
            1
        );
    }

    #[test]
    fn seeding_is_deterministic() {
        let now = time::macros::datetime!(2026-03-02 09:30 UTC);
        let first = dump(&seeded(now));
        assert!(first.len() > 50, "{} rows", first.len());
        assert_eq!(first, dump(&seeded(now)));
        // The seeded customers' passwords verify against their stored hashes.
        let conn = seeded(now);
        for customer in &CUSTOMERS {
            let stored: String = conn
                .query_row(
                    "SELECT password_hash FROM customers WHERE user_id = ?1",
                    [customer.user_id],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(crate::crypto::verify_password(customer.password, &stored));
        }
    }
}

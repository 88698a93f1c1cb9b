//! The inbox's alerts and the scam check agree: every alert the core renders passes the
//! alert rule and is judged ok when it comes from the bank, and a copy of it carrying a
//! link (the classic fake alert) fails the rule and is flagged.

use avain_core::Language;
use avain_core::inbox::{AlertChannel, AlertViolation, check_alert_text, render_alert};
use avain_core::scam::{BankConfig, Level, check_message};

const BANK_SENDERS: [(AlertChannel, &str); 3] = [
    (AlertChannel::Email, "Avain Pankki <viestit@avainpankki.fi>"),
    (AlertChannel::Sms, "AvainPankki"),
    (AlertChannel::Push, ""),
];

#[test]
fn every_rendered_alert_is_ok_for_the_scam_check() {
    let config = BankConfig::demo();
    for lang in Language::ALL {
        for (channel, sender) in BANK_SENDERS {
            let text = render_alert(channel, lang).to_text();
            assert_eq!(check_alert_text(&text), Ok(()));
            let verdict = check_message(sender, &text, &config).expect("short input");
            assert_eq!(
                verdict.level,
                Level::Ok,
                "{lang} {channel:?}: {:?}",
                verdict.findings
            );
            assert!(verdict.findings.is_empty());
        }
    }
}

#[test]
fn a_fake_alert_with_a_link_fails_both_checks() {
    let config = BankConfig::demo();
    for lang in Language::ALL {
        let fake = format!(
            "{} https://avainpankki-viestit.com/lue",
            render_alert(AlertChannel::Sms, lang).body
        );
        let violations = check_alert_text(&fake).expect_err("a link is not allowed");
        assert!(violations.contains(&AlertViolation::Link));
        let verdict = check_message("AvainPankki", &fake, &config).expect("short input");
        assert_eq!(verdict.level, Level::Dangerous, "{lang}");
    }
}

//! `avain demo`: the seeds' story, walked as a customer would, by the core against the
//! sandbox bank started in this process on a free loopback port. SMS codes are read from
//! the sandbox's outbox. Every step runs the core's real flow; a step that fails reports
//! `ok: false` with the reason; nothing is faked.

use std::io::{self, Write};
use std::path::PathBuf;

use avain_core::Language;
use avain_core::client::{ApprovalFactor, AvainError, AvainErrorCode};
use avain_core::i18n::{self, Arg};
use avain_core::lifecycle::BiometricKind;
use avain_e2e::{ANNA, Harness, fail};
use clap::Args;
use serde_json::json;

use crate::demo_company;
use crate::input::Output;

/// The PIN the demo customer chooses after the refused ones.
pub(crate) const PIN: &str = "4719";
/// The PIN of the second, old phone that gets removed.
const OLD_PHONE_PIN: &str = "3917";

/// `avain demo` options.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The phone's data directory (default: a fresh temporary one, deleted afterwards).
    #[arg(long)]
    data_dir: Option<PathBuf>,
}

struct Step {
    name: &'static str,
    ok: bool,
}

pub(crate) type StepResult = Result<Vec<String>, String>;

/// Runs the demo; `Ok(false)` when a step failed.
pub fn run(output: Output, args: &DemoArgs) -> io::Result<bool> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(demo(output, args))
}

async fn demo(output: Output, args: &DemoArgs) -> io::Result<bool> {
    let lang = output.lang;
    let harness = Harness::start_with(args.data_dir.clone(), vec![lang.code().to_owned()])
        .await
        .map_err(io::Error::other)?;
    let anna = Harness::customer(ANNA).map_err(io::Error::other)?;
    if !output.json {
        println!(
            "{}",
            i18n::text_with(
                lang,
                "demo-title",
                &[("url", Arg::from(harness.bank.url()))]
            )
        );
    }
    let mut steps: Vec<Step> = Vec::new();
    let mut record = |name: &'static str, result: StepResult| {
        let (ok, lines) = match result {
            Ok(lines) => (true, lines),
            Err(reason) => (false, vec![reason]),
        };
        if !output.json {
            let mark = if ok { "✓" } else { "✗" };
            println!(
                "{mark} {}",
                i18n::text(lang, &format!("demo-step-{}", name.replace('_', "-")))
            );
            for line in &lines {
                println!("    {}", line.replace('\n', "\n    "));
            }
        }
        steps.push(Step { name, ok });
    };

    let (registration, rejections) = register(&harness, lang).await;
    let profile_id = registration.as_ref().ok().map(|(id, _)| id.clone());
    record("register", registration.map(|(_, lines)| lines));
    record("pin_rejections", rejections);
    record("online_unlock", online_unlock(&harness, lang).await);
    let id = profile_id.unwrap_or_default();
    record("login", login(&harness, &id).await);
    record("biometrics", biometrics(&harness, lang, &id).await);
    record("pay_new_payee", pay_new_payee(&harness, lang, &id).await);
    record("pay_qr_invoice", pay_qr_invoice(&harness, lang).await);
    record(
        "own_transfer",
        demo_company::own_transfer(&harness, PIN).await,
    );
    record("third_party", third_party(&harness, lang, &id).await);
    record("devices", devices(&harness, lang, &id).await);
    record("meeting", meeting(&harness, lang, &id).await);
    record(
        "meeting_guest",
        crate::cmd_demo_guest::meeting_guest(&harness, lang, &id, PIN).await,
    );
    record("signing", signing(&harness, lang).await);
    record("inbox", inbox(&harness, lang).await);
    record("scam_check", scam_check(lang));
    record("lockout", lockout(&harness, &id).await);
    record("self_unlock", self_unlock(&harness, lang, &id).await);
    record(
        "company_profile",
        demo_company::company_profile(&harness, lang).await,
    );

    let all_ok = steps.iter().all(|s| s.ok);
    let data_dir = harness.data_dir().display().to_string();
    if output.json {
        let line = json!({
            "steps": steps.iter().map(|s| json!({"name": s.name, "ok": s.ok})).collect::<Vec<_>>(),
            "customer": {
                "username": anna.user_id,
                "password": anna.password,
                "hetu": anna.hetu(),
                "pin": PIN,
            },
            "data_dir": data_dir,
        });
        writeln!(io::stdout().lock(), "{line}")?;
    } else {
        let passed = steps.iter().filter(|s| s.ok).count();
        println!(
            "{}",
            i18n::text_with(
                lang,
                "demo-summary",
                &[
                    ("ok", Arg::from(u32::try_from(passed).unwrap_or(u32::MAX))),
                    (
                        "total",
                        Arg::from(u32::try_from(steps.len()).unwrap_or(u32::MAX))
                    ),
                ],
            )
        );
        println!(
            "{}",
            i18n::text_with(
                lang,
                "demo-customer",
                &[
                    ("username", Arg::from(anna.user_id)),
                    ("password", Arg::from(anna.password)),
                    ("hetu", Arg::from(anna.hetu())),
                    ("pin", Arg::from(PIN)),
                ],
            )
        );
    }
    Ok(all_ok)
}

/// Registration with the refused PINs shown before the good one.
async fn register(
    h: &Harness,
    lang: Language,
) -> (Result<(String, Vec<String>), String>, StepResult) {
    let anna = match Harness::customer(ANNA) {
        Ok(a) => a,
        Err(e) => return (Err(e.clone()), Err(e)),
    };
    let mut lines = Vec::new();
    let registration = match h
        .avain
        .start_registration(anna.user_id.to_owned(), anna.password.to_owned())
        .await
    {
        Ok(r) => r,
        Err(e) => {
            return (
                Err(fail("start_registration")(e)),
                Err("registration".into()),
            );
        }
    };
    let avain_core::client::RegistrationStep::KeyCardCode { key_card_index } = registration.step()
    else {
        return (
            Err("key-card step expected".into()),
            Err("registration".into()),
        );
    };
    lines.push(i18n::text_with(
        lang,
        "demo-key-card",
        &[("index", Arg::from(key_card_index))],
    ));
    if let Err(e) = registration
        .submit_key_card_code(anna.key_card_code(key_card_index))
        .await
    {
        return (Err(fail("key_card")(e)), Err("registration".into()));
    }
    let code = match h.sms_code(ANNA, "registration_sms_code").await {
        Ok(c) => c,
        Err(e) => return (Err(e), Err("registration".into())),
    };
    lines.push(i18n::text(lang, "demo-sms-read"));
    if let Err(e) = registration.submit_sms_code(code).await {
        return (Err(fail("sms")(e)), Err("registration".into()));
    }
    // The PIN rules, as the customer meets them: a series, a repeat, the birth date.
    let birth = format!("{:02}{:02}", anna.birth.day(), u8::from(anna.birth.month()));
    let mut rejection_lines = Vec::new();
    let mut all_refused = true;
    for candidate in ["1234", "1221", birth.as_str()] {
        match registration
            .choose_pin(candidate.to_owned(), candidate.to_owned())
            .await
        {
            Err(AvainError::PinRejected {
                reasons,
                user_message,
                ..
            }) => {
                let codes: Vec<&str> = reasons.iter().map(|r| r.reason.code()).collect();
                rejection_lines.push(format!(
                    "{candidate}: {} ({})",
                    user_message,
                    codes.join(", ")
                ));
            }
            Ok(_) => {
                all_refused = false;
                rejection_lines.push(format!("{candidate}: accepted"));
                break;
            }
            Err(e) => {
                all_refused = false;
                rejection_lines.push(format!("{candidate}: {}", e.code()));
            }
        }
    }
    // The PIN is typed twice (seed: "ge den en gång till"): a repetition that differs is
    // refused and the step stays.
    let mistyped = "4791";
    match registration
        .choose_pin(PIN.to_owned(), mistyped.to_owned())
        .await
    {
        Err(e) if e.code() == AvainErrorCode::PinMismatch => {
            rejection_lines.push(format!(
                "{PIN} / {mistyped}: {} ({})",
                e.user_message(),
                e.code().as_str()
            ));
        }
        Ok(_) => {
            all_refused = false;
            rejection_lines.push(format!("{PIN} / {mistyped}: accepted"));
        }
        Err(e) => {
            all_refused = false;
            rejection_lines.push(format!("{PIN} / {mistyped}: {}", e.code()));
        }
    }
    let rejections = if all_refused {
        Ok(rejection_lines)
    } else {
        Err(rejection_lines.join("; "))
    };
    if !all_refused {
        return (
            Err("a weak or mistyped PIN was accepted".into()),
            rejections,
        );
    }
    if let Err(e) = registration
        .choose_pin(PIN.to_owned(), PIN.to_owned())
        .await
    {
        return (Err(fail("choose_pin")(e)), rejections);
    }
    match registration.finish("Oma puhelin".to_owned()).await {
        Ok(avain_core::client::RegistrationStep::PendingUnlock {
            profile,
            instruction,
        }) => {
            lines.push(format!("{} — {}", profile.name, profile.status));
            lines.push(instruction);
            (Ok((profile.id, lines)), rejections)
        }
        Ok(other) => (Err(format!("unexpected step {other:?}")), rejections),
        Err(e) => (Err(fail("finish")(e)), rejections),
    }
}

async fn online_unlock(h: &Harness, lang: Language) -> StepResult {
    let anna = Harness::customer(ANNA)?;
    let unlocked = h.unlock_in_online_bank(anna).await?;
    if unlocked != 1 {
        return Err(format!("{unlocked} profiles unlocked"));
    }
    let outbox = h.outbox(ANNA).await?;
    let notices = outbox
        .messages
        .iter()
        .filter(|m| m.kind == "profile_unlocked")
        .count();
    if notices == 0 {
        return Err("no unlock notification sent".into());
    }
    Ok(vec![i18n::text(lang, "demo-unlocked")])
}

async fn login(h: &Harness, id: &str) -> StepResult {
    let result = h
        .avain
        .login_with_pin(id.to_owned(), PIN.to_owned())
        .await
        .map_err(fail("login"))?;
    let mut lines = vec![format!(
        "{} — {}",
        result.customer_name, result.profile.status
    )];
    lines.extend(result.os_warning);
    Ok(lines)
}

async fn biometrics(h: &Harness, lang: Language, id: &str) -> StepResult {
    h.avain
        .enable_biometrics(BiometricKind::Fingerprint, PIN.to_owned())
        .await
        .map_err(fail("enable_biometrics"))?;
    h.avain.logout().await.map_err(fail("logout"))?;
    let result = h
        .avain
        .login_with_biometrics(id.to_owned())
        .await
        .map_err(fail("login_with_biometrics"))?;
    Ok(vec![
        i18n::text(lang, "demo-biometrics"),
        format!("{} — {}", result.customer_name, result.profile.status),
    ])
}

/// The EPC QR code (version 002, UTF-8) of an invoice, as the biller would print it: the
/// payee's name, IBAN, amount and structured reference.
fn epc_qr_of(invoice: &avain_core::client::EInvoiceInfo) -> String {
    let iban: String = invoice.iban.split_whitespace().collect();
    let reference: String = invoice.reference.split_whitespace().collect();
    let amount = format!(
        "EUR{}.{:02}",
        invoice.amount_cents / 100,
        invoice.amount_cents % 100
    );
    [
        "BCD",
        "002",
        "1",
        "SCT",
        "",
        invoice.biller_name.as_str(),
        iban.as_str(),
        amount.as_str(),
        "",
        reference.as_str(),
        "",
    ]
    .join("\n")
}

/// A paper invoice paid from its EPC QR code, to a payee paid before (no SMS code): the
/// form filled from the code, the account chosen, approved with the PIN.
async fn pay_qr_invoice(h: &Harness, lang: Language) -> StepResult {
    let payments = h.avain.payments();
    let invoices = payments.e_invoices().await.map_err(fail("e_invoices"))?;
    let invoice = invoices
        .iter()
        .find(|i| i.biller_name == "Helen Oy")
        .ok_or("no invoice of Helen Oy")?;
    let form = payments
        .read_qr(epc_qr_of(invoice))
        .map_err(fail("read_qr"))?;
    let mut lines = vec![i18n::text_with(
        lang,
        "demo-pay-qr",
        &[
            ("name", Arg::from(form.draft.payee_name.as_str())),
            ("iban", Arg::from(form.draft.payee_iban.as_str())),
            ("amount", Arg::from(form.draft.amount.as_str())),
            ("reference", Arg::from(form.draft.reference.as_str())),
        ],
    )];
    let accounts = payments.accounts().await.map_err(fail("accounts"))?;
    let from = accounts
        .iter()
        .find(|a| a.kind == avain_core::api::AccountKind::Current)
        .ok_or("no current account")?;
    let mut draft = form.draft;
    draft.from_account_id = from.account_id.clone();
    let pending = payments
        .start_payment(draft)
        .await
        .map_err(fail("start_payment"))?;
    if pending.sms_code_required {
        return Err("the bank asked for an SMS code for a payee paid before".into());
    }
    lines.push(pending.confirmation_text.clone());
    let done = payments
        .confirm_payment(
            pending.payment_id,
            ApprovalFactor::Pin { pin: PIN.into() },
            None,
        )
        .await
        .map_err(fail("confirm_payment"))?;
    if done.payment.amount_cents != invoice.amount_cents
        || done.payment.status == avain_core::api::PaymentStatus::AwaitingApproval
    {
        return Err(format!("payment ended as {:?}", done.payment.status));
    }
    lines.push(done.message);
    Ok(lines)
}

/// An e-invoice paid from its virtual barcode to a payee never paid before: the form
/// filled from the barcode, the exact confirmation text, the SMS code, the fingerprint.
async fn pay_new_payee(h: &Harness, lang: Language, id: &str) -> StepResult {
    let invoices = h
        .avain
        .payments()
        .e_invoices()
        .await
        .map_err(fail("e_invoices"))?;
    let accounts = h
        .avain
        .payments()
        .accounts()
        .await
        .map_err(fail("accounts"))?;
    let from = accounts
        .iter()
        .find(|a| a.kind == avain_core::api::AccountKind::Current)
        .ok_or("no current account")?;
    let waiting = h
        .avain
        .payments()
        .payments_awaiting_approval()
        .await
        .map_err(fail("payments_awaiting_approval"))?;
    // The invoice of a biller Anna has not paid before (the bank's new_payee decides).
    let invoice = invoices
        .iter()
        .find(|i| i.biller_name == "Elisa Oyj")
        .ok_or("no e-invoice to pay")?;
    let form = h
        .avain
        .payments()
        .read_barcode(invoice.virtual_barcode.clone())
        .map_err(fail("read_barcode"))?;
    let mut lines = vec![i18n::text_with(
        lang,
        "demo-pay-accounts",
        &[
            ("account", Arg::from(from.name.as_str())),
            ("balance", Arg::from(from.balance.as_str())),
            (
                "waiting",
                Arg::from(u32::try_from(waiting.len()).unwrap_or(u32::MAX)),
            ),
        ],
    )];
    lines.push(i18n::text_with(
        lang,
        "demo-pay-barcode",
        &[
            ("iban", Arg::from(form.draft.payee_iban.as_str())),
            ("amount", Arg::from(form.draft.amount.as_str())),
            ("reference", Arg::from(form.draft.reference.as_str())),
            ("due", Arg::from(form.draft.due_date.as_str())),
        ],
    ));
    let mut draft = form.draft;
    draft.from_account_id = from.account_id.clone();
    draft.payee_name = invoice.biller_name.clone();
    draft.invoice_id = Some(invoice.invoice_id.clone());
    let pending = h
        .avain
        .payments()
        .start_payment(draft)
        .await
        .map_err(fail("start_payment"))?;
    if !pending.sms_code_required {
        return Err("the bank did not ask for an SMS code for a new payee".into());
    }
    lines.push(pending.confirmation_text.clone());
    let code = h.sms_code(ANNA, "payment_sms_code").await?;
    lines.push(i18n::text(lang, "demo-sms-read"));
    let done = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id, ApprovalFactor::Biometric, Some(code))
        .await
        .map_err(fail("confirm_payment"))?;
    if done.payment.amount_cents != invoice.amount_cents
        || done.payment.status == avain_core::api::PaymentStatus::AwaitingApproval
    {
        return Err(format!("payment ended as {:?}", done.payment.status));
    }
    if h.avain
        .payments()
        .e_invoices()
        .await
        .map_err(fail("e_invoices"))?
        .iter()
        .any(|i| i.invoice_id == invoice.invoice_id)
    {
        return Err("the paid e-invoice is still listed".into());
    }
    lines.push(i18n::text(lang, "demo-pay-biometric"));
    lines.push(done.message);
    let receipts = h
        .avain
        .receipts()
        .list(id, 1)
        .await
        .map_err(fail("receipts"))?;
    match receipts.first() {
        Some(r) if r.shown_text == pending.confirmation_text => {
            lines.push(i18n::text(lang, "demo-pay-receipt"));
        }
        _ => return Err("no receipt of the payment".into()),
    }
    Ok(lines)
}

async fn devices(h: &Harness, lang: Language, id: &str) -> StepResult {
    let anna = Harness::customer(ANNA)?;
    let old_dir = h.data_dir().with_file_name(format!(
        "{}-old-phone",
        h.data_dir()
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("app")
    ));
    let old_phone = h.second_phone(&old_dir)?;
    let old_id = h
        .register_on(&old_phone, anna, OLD_PHONE_PIN, "Vanha puhelin")
        .await?;
    h.unlock_in_online_bank(anna).await?;
    old_phone
        .login_with_pin(old_id.clone(), OLD_PHONE_PIN.to_owned())
        .await
        .map_err(fail("old phone login"))?;
    // The customer's phone: log in again (the session may have ended), list, remove.
    h.avain
        .login_with_pin(id.to_owned(), PIN.to_owned())
        .await
        .map_err(fail("login"))?;
    let list = h.avain.devices().list().await.map_err(fail("devices"))?;
    let mut lines: Vec<String> = list
        .iter()
        .map(|d| {
            let this = if d.this_device {
                i18n::text(lang, "demo-this-device")
            } else {
                String::new()
            };
            format!(
                "{} · {} · Android {} {}",
                d.name, d.model, d.os_version, this
            )
            .trim_end()
            .to_owned()
        })
        .collect();
    let other = list
        .iter()
        .find(|d| !d.this_device && d.state == avain_core::lifecycle::ProfileState::Active)
        .ok_or("no other device listed")?;
    h.avain
        .devices()
        .remove_device(
            other.device_id.clone(),
            ApprovalFactor::Pin {
                pin: PIN.to_owned(),
            },
        )
        .await
        .map_err(fail("remove_device"))?;
    lines.push(i18n::text_with(
        lang,
        "demo-device-removed",
        &[("device", Arg::from(other.name.as_str()))],
    ));
    match old_phone
        .login_with_pin(old_id, OLD_PHONE_PIN.to_owned())
        .await
    {
        Err(AvainError::ProfileRemoved { user_message, .. }) => lines.push(user_message),
        Err(e) => return Err(format!("old phone: {}", e.code())),
        Ok(_) => return Err("the removed phone could still log in".into()),
    }
    let _ = std::fs::remove_dir_all(&old_dir);
    Ok(lines)
}

/// The tax authority asks, through the broker, to identify Anna; the phone shows who asks
/// and through whom (in Finnish), and Anna approves with her PIN without logging in.
async fn third_party(h: &Harness, lang: Language, id: &str) -> StepResult {
    let service = "Verohallinto";
    let request_id = h.third_party_asks(service, ANNA).await?;
    let prompt = h
        .avain
        .identification()
        .open_identification_request(id.to_owned(), request_id.clone())
        .await
        .map_err(fail("open_identification_request"))?;
    let mut lines = vec![
        i18n::text_with(
            lang,
            "demo-identification-asked",
            &[
                ("service", Arg::from(prompt.requester.as_str())),
                ("broker", Arg::from(prompt.broker.as_str())),
            ],
        ),
        format!("  {}", prompt.shown_text),
    ];
    lines.extend(prompt.language_notice.clone());
    h.avain
        .identification()
        .approve_identification(
            request_id.clone(),
            ApprovalFactor::Pin {
                pin: PIN.to_owned(),
            },
        )
        .await
        .map_err(fail("approve_identification"))?;
    let result = h.broker_result(&request_id).await?;
    let name = result.name.ok_or("the broker received no identification")?;
    lines.push(i18n::text_with(
        lang,
        "demo-identification-received",
        &[
            ("service", Arg::from(service)),
            ("name", Arg::from(name.as_str())),
        ],
    ));
    Ok(lines)
}

/// Anna's loan meeting (the OP guide's booking 2KMEVE6X): too early to join, then both
/// clocks move to 10 minutes before the start, she joins and identifies with the
/// identifier the expert reads out. The clocks go back to real time afterwards.
async fn meeting(h: &Harness, lang: Language, id: &str) -> StepResult {
    let result = meeting_steps(h, lang, id).await;
    let restored = h.restore_clocks().await;
    let lines = result?;
    restored?;
    h.avain
        .login_with_pin(id.to_owned(), PIN.to_owned())
        .await
        .map_err(fail("login"))?;
    Ok(lines)
}

async fn meeting_steps(h: &Harness, lang: Language, id: &str) -> StepResult {
    let code = avain_e2e::services::ANNA_MEETING;
    h.avain
        .login_with_pin(id.to_owned(), PIN.to_owned())
        .await
        .map_err(fail("login"))?;
    let meetings = h.avain.meetings().list().await.map_err(fail("meetings"))?;
    let booking = meetings
        .iter()
        .find(|m| m.booking_code == code)
        .ok_or("the booking is not listed")?;
    let mut lines = vec![
        i18n::text_with(
            lang,
            "demo-meeting-booking",
            &[
                ("code", Arg::from(code)),
                ("topic", Arg::from(booking.topic.as_str())),
                ("expert", Arg::from(booking.expert_name.as_str())),
                ("office", Arg::from(booking.expert_office.as_str())),
            ],
        ),
        booking.join_message.clone(),
    ];
    match h.avain.meetings().join_meeting(code.to_owned()).await {
        Err(AvainError::Refused {
            code: AvainErrorCode::MeetingNotOpen,
            user_message,
        }) => {
            lines.push(format!("✗ {user_message}"));
        }
        Err(e) => return Err(format!("early join: {}", e.code())),
        Ok(_) => return Err("joined before the window opened".into()),
    }
    h.set_clocks(booking.starts_at - time::Duration::minutes(10))
        .await?;
    lines.push(i18n::text(lang, "demo-meeting-clock"));
    h.avain
        .login_with_pin(id.to_owned(), PIN.to_owned())
        .await
        .map_err(fail("login"))?;
    let join = h
        .avain
        .meetings()
        .join_meeting(code.to_owned())
        .await
        .map_err(fail("join_meeting"))?;
    lines.push(i18n::text_with(
        lang,
        "demo-meeting-joined",
        &[("url", Arg::from(join.join_url.as_str()))],
    ));
    lines.extend(join.instructions);
    let identifier = h.expert_identifier(code, ANNA).await?;
    let identified = h
        .avain
        .meetings()
        .identify_in_meeting(code.to_owned(), identifier.expose().to_owned())
        .await
        .map_err(fail("identify_in_meeting"))?;
    if !identified.participants.iter().all(|p| p.identified) {
        return Err("not identified".into());
    }
    lines.push(i18n::text(lang, "demo-meeting-identified"));
    Ok(lines)
}

/// The signing service: the three lists, the loan agreement read and signed with the PIN,
/// a completed document downloaded and one past its 30 days refused.
async fn signing(h: &Harness, lang: Language) -> StepResult {
    let lists = h
        .avain
        .documents()
        .list()
        .await
        .map_err(fail("documents"))?;
    let count = |n: usize| Arg::from(u32::try_from(n).unwrap_or(u32::MAX));
    let mut lines = vec![i18n::text_with(
        lang,
        "demo-documents",
        &[
            ("waiting", count(lists.waiting.len())),
            ("pending", count(lists.pending.len())),
            ("completed", count(lists.completed.len())),
        ],
    )];
    let waiting = lists.waiting.first().ok_or("nothing to sign")?;
    let view = h
        .avain
        .documents()
        .open_document(waiting.document_id.clone())
        .await
        .map_err(fail("open_document"))?;
    let shown = view.shown_text.ok_or("no text to approve")?;
    lines.push(format!("  {shown}"));
    lines.extend(view.language_notice);
    let signed = h
        .avain
        .documents()
        .sign_document(
            waiting.document_id.clone(),
            ApprovalFactor::Pin {
                pin: PIN.to_owned(),
            },
        )
        .await
        .map_err(fail("sign_document"))?;
    if signed.status != avain_core::api::DocumentStatus::Pending {
        return Err(format!("signed document is {:?}", signed.status));
    }
    lines.push(i18n::text_with(
        lang,
        "demo-document-signed",
        &[("title", Arg::from(signed.title.as_str()))],
    ));
    let fresh = lists
        .completed
        .iter()
        .find(|d| d.downloadable)
        .ok_or("no downloadable document")?;
    let file = h
        .avain
        .documents()
        .download_document(fresh.document_id.clone())
        .await
        .map_err(fail("download_document"))?;
    lines.push(i18n::text_with(
        lang,
        "demo-document-downloaded",
        &[
            ("file", Arg::from(file.file_name.as_str())),
            ("chars", count(file.content.chars().count())),
        ],
    ));
    let old = lists
        .completed
        .iter()
        .find(|d| !d.downloadable)
        .ok_or("no document past its download period")?;
    match h
        .avain
        .documents()
        .download_document(old.document_id.clone())
        .await
    {
        Err(AvainError::Refused {
            code: AvainErrorCode::DownloadUnavailable,
            user_message,
        }) => {
            lines.push(format!("✗ {}: {user_message}", old.title));
        }
        Err(e) => return Err(format!("old download: {}", e.code())),
        Ok(_) => return Err("a document past 30 days was downloaded".into()),
    }
    Ok(lines)
}

/// The secure inbox: the unread count, the newest message opened (it is read now).
async fn inbox(h: &Harness, lang: Language) -> StepResult {
    let inbox = h.avain.inbox().list().await.map_err(fail("inbox"))?;
    let count = |n: usize| Arg::from(u32::try_from(n).unwrap_or(u32::MAX));
    let mut lines = vec![i18n::text_with(
        lang,
        "demo-inbox",
        &[
            ("unread", Arg::from(inbox.unread)),
            ("total", count(inbox.messages.len())),
        ],
    )];
    let newest = inbox.messages.first().ok_or("the inbox is empty")?;
    let opened = h
        .avain
        .inbox()
        .open_message(newest.message_id.clone())
        .await
        .map_err(fail("open_message"))?;
    lines.push(i18n::text_with(
        lang,
        "demo-inbox-opened",
        &[("subject", Arg::from(opened.info.subject.as_str()))],
    ));
    lines.extend(opened.body.lines().take(3).map(|l| format!("  {l}")));
    let after = h.avain.inbox().list().await.map_err(fail("inbox"))?;
    if after.unread + 1 != inbox.unread {
        return Err("opening did not mark the message read".into());
    }
    lines.push(i18n::text_with(
        lang,
        "demo-inbox",
        &[
            ("unread", Arg::from(after.unread)),
            ("total", count(after.messages.len())),
        ],
    ));
    Ok(lines)
}

fn scam_check(lang: Language) -> StepResult {
    let config = avain_core::scam::BankConfig::demo();
    let sender = "+358 45 123 4567";
    let text = "Avain: tilisi suljetaan tänään! Vahvista tunnuksesi heti: http://avain-tunnistus.xyz/login";
    let verdict = avain_core::scam::check_message(sender, text, &config)
        .map_err(|e| format!("scam check: {}", e.code()))?;
    if verdict.level == avain_core::scam::Level::Ok {
        return Err("the scam message was not flagged".into());
    }
    let mut lines = vec![format!("{sender}: \"{text}\""), verdict.level.label(lang)];
    lines.extend(
        verdict
            .findings
            .iter()
            .map(|f| format!("- {}", f.message(lang))),
    );
    lines.push(verdict.advice(lang));
    Ok(lines)
}

async fn lockout(h: &Harness, id: &str) -> StepResult {
    let mut lines = Vec::new();
    for _ in 0..4 {
        match h
            .avain
            .login_with_pin(id.to_owned(), "9371".to_owned())
            .await
        {
            Err(AvainError::WrongPin { user_message, .. }) => lines.push(user_message),
            Err(e) => return Err(format!("wrong PIN: {}", e.code())),
            Ok(_) => return Err("a wrong PIN logged in".into()),
        }
    }
    match h
        .avain
        .login_with_pin(id.to_owned(), "9371".to_owned())
        .await
    {
        Err(AvainError::Locked {
            user_message,
            self_service: true,
            ..
        }) => lines.push(user_message),
        Err(e) => return Err(format!("fifth wrong PIN: {}", e.code())),
        Ok(_) => return Err("a wrong PIN logged in".into()),
    }
    Ok(lines)
}

async fn self_unlock(h: &Harness, lang: Language, id: &str) -> StepResult {
    let anna = Harness::customer(ANNA)?;
    let started = h
        .avain
        .start_user_code_unlock(ANNA.to_owned(), anna.hetu())
        .await
        .map_err(fail("start_user_code_unlock"))?;
    let sms = h.sms_code(ANNA, "user_code_unlock_sms_code").await?;
    let done = h
        .avain
        .finish_user_code_unlock(
            started.unlock_id,
            sms,
            anna.key_card_code(started.key_card_index),
        )
        .await
        .map_err(fail("finish_user_code_unlock"))?;
    let result = h
        .avain
        .login_with_pin(id.to_owned(), PIN.to_owned())
        .await
        .map_err(fail("login after unlock"))?;
    Ok(vec![
        i18n::text_with(
            lang,
            "demo-key-card",
            &[("index", Arg::from(started.key_card_index))],
        ),
        done.message,
        format!("{} — {}", result.customer_name, result.profile.status),
    ])
}

//! What the words of a message ask for: to log in or confirm details, to give codes, to
//! install something, to call a number; and how they push: urgency, threats, prizes.
//!
//! Finnish inflects heavily ("kirjaudu", "kirjautumalla", "kirjautumaan") and builds
//! compounds ("verkkopankkitunnuksillasi"), so phrases are sequences of word stems, not
//! fixed strings. A pattern is a space-separated list of terms; a term lists alternatives
//! with `|`; each alternative is a word (`apk`), a prefix (`kirjau*`), a suffix
//! (`*tunnus`), a part of a word (`*tunnuks*`) or `#` (a number); `~` lets up to three
//! other words stand between two terms and `~~` up to six. Matching runs per sentence on
//! the lowercased, NFKC-normalized text with the links already taken out.
//!
//! A bank's own security advice uses the same words as a scam ("we never ask for your
//! codes"), so requests in a sentence that warns (never, koskaan, aldrig, älä, "do not"
//! at its start) do not count.

use unicode_normalization::UnicodeNormalization;
use unicode_security::MixedScript;
use unicode_security::confusable_detection::skeleton;

/// Requests to log in, identify oneself, or confirm, update or unlock something: harmless
/// on their own (the bank's alert says "open the app and log in"), a phishing request
/// when the message also carries a link outside the bank.
pub(crate) const LOGIN: &[&str] = &[
    // fi
    "kirjau*",
    "tunnistau*",
    "vahvist*|varmist*|varmenna|varmentam* ~ *tunnuks*|*tunnus|*tiedo*|*tieto*|henkilöllisyy*|tili*|*tilisi|*kortti*",
    "päivit*|päivittä* ~ *tiedo*|*tieto*|*tunnuks*|tili*",
    "uusi|uusia|uusimalla|uusimaan ~ *tunnuks*|*tunnus",
    "aktivoi*|avaa|avaamalla ~ *kortti*|*korti*|tili*|*tunnuks*|lukitu*",
    "palauta|palauttamalla ~ käyttöoikeu*|pääsy*|tili*",
    "peru|peruuta|perua|estä|keskeytä",
    "tarkista|tarkistamalla ~ tili*|*tapahtum*|*tiedo*|*tieto*",
    "täytä|täyttämällä ~ lomake*|*tiedo*|*tieto*",
    "maksa|maksamalla ~ *maksu|*maksun|*lasku*",
    "lunasta*|vastaanota ~ *palautu*|*palkin*|*voit*",
    // sv
    "logga|loggar|logg ~ in|på",
    "identifiera|identifierar ~ dig|er",
    "verifiera*",
    "bekräfta* ~ *identitet*|*uppgift*|*konto*|*kod*|*koder",
    "uppdatera* ~ *uppgift*|*konto*",
    "förnya*",
    "aktivera*|öppna ~ *kort*|*konto*|*kod*|*nyckel*",
    "återställ* ~ *åtkomst*|*konto*",
    "avbryt|avbryta|stoppa",
    "kontrollera|granska ~ *konto*|*transaktion*|*uppgift*",
    "fyll ~ i",
    "betala ~ *avgift*",
    "ta ~ emot",
    "lös ~ in",
    // en
    "log|logging|logged ~ in|on",
    "login",
    "sign|signing ~ in|on",
    "verify*|verification",
    "confirm* ~ details|identity|account|information|credentials|*code|*codes|data",
    "update* ~ details|information|account|*data|credentials|payment",
    "identify|identifying ~ yourself",
    "authenticate*",
    "validate ~ account|details|identity",
    "reactivate*|activate|unlock|restore ~ card|account|access|it",
    "renew*",
    "cancel ~ it|this|payment|transaction",
    "review|check ~ transactions|account|activity|details",
    "fill ~ in|out",
    "pay ~ *fee|charge|customs",
    "claim*",
];

/// Requests to hand over codes, PIN, passwords or card details: a scam wherever they
/// appear, link or not.
pub(crate) const CREDENTIAL: &[&str] = &[
    // fi
    "anna|antakaa|antamalla|syötä|syöttä*|lähetä|lähettä*|ilmoita|ilmoittamalla|kerro|kertomalla|kirjoita|kirjoittamalla|vastaa|vastaamalla|täytä|täyttämällä|luovuta|luovuttamalla|sanele ~~ *tunnuks*|*tunnusluk*|*tunnusluv*|*salasan*|pin|pin-koodi*|pinkoodi*|*avainluku*|*avainluvu*|*koodi*|cvv*|cvc*|*korttinumero*|*korttitied*|henkilötunnu*|*turvaluku*|*turvaluvu*",
    // sv
    "ange|anger|uppge|uppger|skicka|lämna|ge|svara|skriv|mata|fyll|berätta|läs ~~ *kod|*koder|*koden|*koderna|kod|lösenord*|pin|pinkod*|*bankkod*|nyckelkod*|säkerhetstal*|*kortnummer*|*kortuppgift*|användarnamn*|användarkod*|personbeteckning*|cvv*|cvc*",
    // en
    "enter|provide|send|give|share|reply|type|submit|tell|input|disclose|read ~~ *code|*codes|pin|pins|*password*|passcode*|credential*|cvv|cvc|otp|user|username*|card",
];

/// Deadlines and pressure to act at once.
pub(crate) const URGENCY: &[&str] = &[
    // fi
    "heti|välittömästi|viipymättä|pikaisesti|kiireellinen*|kiireesti",
    "# tunnin ~ kuluessa|sisällä",
    "# tunnissa",
    "24h|48h|72h",
    "vuorokau* ~ kuluessa",
    "viimeinen|viimeisen ~ muistutus|varoitus|mahdollisuus|kehotus",
    "vanhenee|vanhenevat|umpeutuu|päättyy|päättyvät ~ tänään|huomenna",
    // sv
    "omedelbart|genast|snarast|brådskande",
    "inom ~ # timm*|timme|dygn*",
    "sista ~ varning*|påminnelse*|chans*",
    "går|löper ~ ut ~ idag|dag|imorgon|morgon",
    // en
    "immediately|urgent*|asap",
    "within ~ # hour*|hours|24h|48h",
    "final|last ~ warning|notice|reminder|chance",
    "right ~ away",
    "act ~ now",
    "expire|expires|expiring ~ today|tomorrow",
];

/// Threats to the account, card or codes, and alarm about "suspicious activity".
pub(crate) const THREAT: &[&str] = &[
    // fi
    "suljetaan|sulkeutu*|suljettava*",
    "lukitaan|lukkiutu*|lukittava*",
    "jäädytet*|jäädyte*",
    "estetään|keskeytetään|rajoitetaan",
    "poistetaan ~ käytöstä",
    "menetä*|menettä*",
    "epäilyttäv*|poikkeava*|väärinkäyt*|luvato*",
    "perintä*|oikeudellis*",
    // sv
    "stängs|stängas|spärras|låses|låsas|fryses|frysts|frysas|blockeras|raderas",
    "avstängd*|avstängt",
    "ovanlig*|misstänk*|obehörig*|missbruk*",
    "inkasso*|förlora*",
    // en
    "suspend*|frozen|freeze|deactivat*|terminat*",
    "unusual|suspicious|suspected|unauthori*|misuse|compromised",
    "lose ~ access",
    "permanently",
    "will ~ be ~ closed|locked|blocked|restricted|deleted|disabled",
    "has ~ been ~ locked|closed|restricted|disabled|compromised|blocked",
    "legal ~ action",
    "debt ~ collection",
];

/// Requests to install or update an app or program: a scam when they come with a link
/// outside the bank and the app stores.
pub(crate) const INSTALL: &[&str] = &[
    // fi
    "asenna*|asentamal*|asentaa",
    "lataa|lataamalla",
    "päivitä|päivittää|päivittämällä ~ *sovellu*|app*|ohjelm*|*versio*",
    // sv
    "installera*",
    "ladda ~ ner|hem",
    "uppdatera* ~ app*|*appen|program*|*version*",
    // en
    "install*",
    "download*",
    "update ~ app|application|software|version|security",
];

/// Words that mean a scam whatever else the message says: Android packages (installed
/// outside the store) and remote-access programs, which let the caller take over the
/// phone or computer.
pub(crate) const INSTALL_ALWAYS: &[&str] = &[
    "apk",
    "anydesk*|teamviewer*|quicksupport|rustdesk*|supremo|ammyy*|splashtop*|ultraviewer*",
];

/// Prizes, refunds and gifts.
pub(crate) const OFFER: &[&str] = &[
    // fi
    "voitit|voittanut|voittaneet|voittaja*|voitto*|voiton",
    "palkinto*|palkinno*|rahapalkin*",
    "arvont*|arvonnas*|arvotaan",
    "lahjakort*",
    "ilmai*",
    "*palautus|*palautuks*|*palautukse*",
    "hyvity*",
    "onneksi ~ olkoon",
    // sv
    "vunnit|vinnare|vinst*",
    "presentkort*",
    "gratis",
    "*återbäring*|återbetalning*",
    "lotteri*|utlottning*",
    "grattis",
    "belöning*",
    // en
    "won|winner*|prize*|reward*",
    "refund*|rebate*|cashback|compensation",
    "free",
    "gift ~ card",
    "congratulations",
    "lottery",
];

/// Requests to call (or contact) someone.
pub(crate) const CALL: &[&str] = &[
    // fi
    "soita|soittamalla|soittakaa|soitathan|soittaa",
    "ota ~ yhteyttä",
    // sv
    "ring|ringer|ringa|kontakta",
    "ta ~ kontakt",
    // en
    "call|calling|phone|ring|contact",
];

/// Sentences that warn instead of asking.
const WARNING: &[&str] = &[
    "koskaan|ikinä|never|aldrig|älä|älkää",
    "ei|eivät|emme ~ pyydä|kysy|kysele|lähetä",
    "ber|frågar|begär|skickar ~ inte",
    "does|do|will|would ~ not ~ ask|request|send",
    "doesn't|don't|won't ~ ask|request|send",
];

/// Sentences that point to the bank's own app ("enter the code in the Avain app").
const APP_DIRECTED: &[&str] = &["*sovellu*|app|appen|*appen|application"];

/// What the words of a message amount to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct TextSignals {
    /// A request to log in, identify or confirm details.
    pub login: bool,
    /// A request for codes, PIN, password or card details.
    pub credential: bool,
    /// Such a request only in sentences that point to the bank's app.
    pub credential_in_app: bool,
    /// A request to install or update something.
    pub install: bool,
    /// An Android package or remote-access program named outside a warning.
    pub install_always: bool,
    /// Pressure to act at once.
    pub urgency: bool,
    /// A threat or alarm.
    pub threat: bool,
    /// A prize, refund or gift.
    pub offer: bool,
    /// Phone numbers the message asks the reader to call.
    pub call_numbers: Vec<String>,
    /// A word mixes letters of different alphabets ("Kirjаudu" with a Cyrillic "а").
    pub mixed_script: bool,
}

/// One sentence: its words for the patterns, its text for phone numbers.
struct Sentence {
    text: String,
    words: Vec<String>,
}

/// Whether a letter is Latin (ASCII, Latin-1 and the Latin Extended blocks).
fn is_latin(c: char) -> bool {
    c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// NFKC, with the non-Latin letters of mixed-script words replaced by the Latin letters
/// they imitate, and lowercase. Also says whether any word mixed scripts.
fn normalize(text: &str) -> (String, bool) {
    let text: String = text.nfkc().collect();
    let mut out = String::with_capacity(text.len());
    let mut mixed = false;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, mixed: &mut bool| {
        if !word.is_empty() {
            let has_latin = word.chars().any(|c| c.is_alphabetic() && is_latin(c));
            let has_other = word.chars().any(|c| c.is_alphabetic() && !is_latin(c));
            if has_latin && has_other && !word.as_str().is_single_script() {
                *mixed = true;
                for c in word.chars() {
                    if c.is_alphabetic() && !is_latin(c) {
                        out.extend(skeleton(&c.to_string()));
                    } else {
                        out.push(c);
                    }
                }
            } else {
                out.push_str(word);
            }
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut mixed);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, &mut mixed);
    (out.to_lowercase().replace('’', "'"), mixed)
}

/// Splits at sentence ends: ".", "!", "?", "…", ";" and line breaks, but not at a point
/// between digits ("2.99", "14.3.2025"), which belongs to a number.
fn sentences(text: &str) -> Vec<Sentence> {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let in_number = c == '.'
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if matches!(c, '.' | '!' | '?' | '\n' | '…' | ';') && !in_number {
            pieces.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    pieces.push(current);
    pieces
        .into_iter()
        .map(|s| Sentence {
            words: s
                .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .map(|w| w.trim_matches('\''))
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
            text: s,
        })
        .filter(|s| !s.words.is_empty())
        .collect()
}

fn alternative_matches(alt: &str, word: &str) -> bool {
    if alt == "#" {
        return word.bytes().all(|b| b.is_ascii_digit());
    }
    match (alt.strip_prefix('*'), alt.strip_suffix('*')) {
        (Some(_), Some(_)) => word.contains(&alt[1..alt.len() - 1]),
        (Some(suffix), None) => word.ends_with(suffix),
        (None, Some(prefix)) => word.starts_with(prefix),
        (None, None) => word == alt,
    }
}

fn term_matches(term: &str, word: &str) -> bool {
    term.split('|').any(|alt| alternative_matches(alt, word))
}

fn match_from(terms: &[&str], words: &[String], pos: usize) -> bool {
    let Some((first, rest)) = terms.split_first() else {
        return true;
    };
    let gap = match *first {
        "~" => Some(3),
        "~~" => Some(6),
        _ => None,
    };
    if let Some(gap) = gap {
        return (0..=gap)
            .any(|skip| pos + skip <= words.len() && match_from(rest, words, pos + skip));
    }
    pos < words.len() && term_matches(first, &words[pos]) && match_from(rest, words, pos + 1)
}

/// Whether `pattern` matches somewhere in `words`.
pub(crate) fn pattern_matches(pattern: &str, words: &[String]) -> bool {
    let terms: Vec<&str> = pattern.split(' ').filter(|t| !t.is_empty()).collect();
    (0..words.len()).any(|start| match_from(&terms, words, start))
}

fn any_matches(patterns: &[&str], words: &[String]) -> bool {
    patterns.iter().any(|p| pattern_matches(p, words))
}

/// Whether the sentence warns rather than asks.
fn is_warning(words: &[String]) -> bool {
    if any_matches(WARNING, words) {
        return true;
    }
    // Imperatives negated at the start: "Don't share", "Do not tell", "Berätta inte".
    let first = words.first().map(String::as_str);
    let second = words.get(1).map(String::as_str);
    matches!(first, Some("don't") | Some("dont"))
        || (first == Some("do") && second == Some("not"))
        || second == Some("inte")
}

/// Phone numbers in a sentence: a "+" or digit, then digits in groups separated by
/// single spaces or hyphens, six to fifteen digits in all (Finnish service numbers such
/// as 020 333 have six). Amounts ("2 480,00") stop at their decimal comma.
fn phone_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts =
            (c == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) || c.is_ascii_digit();
        let after_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == ',');
        if !starts || after_word {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let here = chars[j];
            let next_digit = chars.get(j + 1).is_some_and(char::is_ascii_digit);
            if here.is_ascii_digit() || ((here == ' ' || here == '-') && next_digit) {
                j += 1;
            } else {
                break;
            }
        }
        let candidate: String = chars[i..j].iter().collect();
        let digits = candidate.chars().filter(char::is_ascii_digit).count();
        let glued = chars
            .get(j)
            .is_some_and(|c| c.is_alphanumeric() || *c == ',');
        if (6..=15).contains(&digits) && !glued {
            numbers.push(candidate);
        }
        i = j;
    }
    numbers
}

/// Reads the signals out of a message (links already removed).
pub(crate) fn analyze(text_without_links: &str) -> TextSignals {
    let (normalized, mixed_script) = normalize(text_without_links);
    let mut signals = TextSignals {
        mixed_script,
        ..TextSignals::default()
    };
    for sentence in sentences(&normalized) {
        let words = &sentence.words;
        let warning = is_warning(words);
        if !warning {
            signals.login |= any_matches(LOGIN, words);
            if any_matches(CREDENTIAL, words) {
                if any_matches(APP_DIRECTED, words) {
                    signals.credential_in_app = true;
                } else {
                    signals.credential = true;
                }
            }
            signals.install |= any_matches(INSTALL, words);
            signals.install_always |= any_matches(INSTALL_ALWAYS, words);
            if any_matches(CALL, words) {
                signals.call_numbers.extend(phone_numbers(&sentence.text));
            }
        }
        signals.urgency |= any_matches(URGENCY, words);
        signals.threat |= any_matches(THREAT, words);
        signals.offer |= any_matches(OFFER, words);
    }
    signals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let (normalized, _) = normalize(text);
        sentences(&normalized)
            .into_iter()
            .flat_map(|s| s.words)
            .collect()
    }

    #[test]
    fn every_pattern_is_well_formed() {
        for list in [
            LOGIN,
            CREDENTIAL,
            URGENCY,
            THREAT,
            INSTALL,
            INSTALL_ALWAYS,
            OFFER,
            CALL,
            WARNING,
            APP_DIRECTED,
        ] {
            for pattern in list {
                let terms: Vec<&str> = pattern.split(' ').collect();
                assert!(
                    terms.iter().all(|t| !t.is_empty()),
                    "{pattern}: double space"
                );
                assert!(
                    !terms[0].starts_with('~') && !terms[terms.len() - 1].starts_with('~'),
                    "{pattern}"
                );
                for term in terms.iter().filter(|t| !t.starts_with('~')) {
                    for alt in term.split('|') {
                        let core = alt.trim_matches('*');
                        assert!(!core.is_empty() && !core.contains('*'), "{pattern}: {alt}");
                        assert_eq!(
                            core,
                            core.to_lowercase(),
                            "{pattern}: patterns are lowercase"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn stems_match_inflected_forms() {
        assert!(pattern_matches("kirjau*", &words("Kirjautumalla pääset")));
        assert!(pattern_matches(
            "*tunnuks*",
            &words("verkkopankkitunnuksillasi")
        ));
        assert!(pattern_matches("*tunnus", &words("tunnus")));
        assert!(!pattern_matches("*tunnus", &words("tunnusta")));
        assert!(pattern_matches("logga ~ in", &words("Logga snabbt in")));
        assert!(!pattern_matches("logga ~ in", &words("logga a b c d in")));
        assert!(pattern_matches("# tunnin", &words("24 tunnin kuluessa")));
    }

    #[test]
    fn the_gap_allows_words_between() {
        let w = words("svara på detta meddelande med ditt användarnamn");
        assert!(pattern_matches("svara ~~ användarnamn*", &w));
        assert!(!pattern_matches("svara ~ användarnamn*", &w));
    }

    #[test]
    fn warnings_do_not_count_as_requests() {
        for text in [
            "Emme koskaan pyydä sinua kertomaan tunnuksiasi.",
            "Älä kerro koodia kenellekään.",
            "Pankki ei pyydä tunnuksiasi puhelimessa.",
            "Berätta inte koden för någon.",
            "Banken ber dig inte uppge dina koder.",
            "Do not tell the code to anyone.",
            "We never ask you to log in through a link.",
        ] {
            let signals = analyze(text);
            assert!(!signals.credential && !signals.login, "{text}: {signals:?}");
        }
        // A conditional "do not" in the middle is not a warning.
        let signals = analyze("If you do not recognise this, call us on +44 20 3769 1144.");
        assert_eq!(signals.call_numbers, ["+44 20 3769 1144"]);
    }

    #[test]
    fn requests_for_codes_are_found_in_three_languages() {
        for text in [
            "Vastaa tähän viestiin tunnuslukulistasi tunnusluvulla 14.",
            "Syötä pankkitunnuksesi ja salasanasi lomakkeelle.",
            "Svara på detta meddelande med ditt användarnamn och säkerhetstalet 14.",
            "Reply to this message with your user ID and code number 23.",
        ] {
            assert!(analyze(text).credential, "{text}");
        }
        let in_app = analyze("Syötä koodi Avain-sovellukseen.");
        assert!(!in_app.credential && in_app.credential_in_app);
    }

    #[test]
    fn urgency_threats_and_offers_are_found() {
        let s = analyze("VIIMEINEN MUISTUTUS: verkkopankkisi suljetaan 24 tunnin kuluessa.");
        assert!(s.urgency && s.threat);
        let s = analyze("Din nätbank stängs inom 24 timmar.");
        assert!(s.urgency && s.threat);
        let s = analyze("Your account will be closed within 24 hours.");
        assert!(s.urgency && s.threat);
        assert!(analyze("Olet voittanut lahjakortin!").offer);
        assert!(analyze("Du har vunnit ett presentkort.").offer);
        assert!(analyze("You have won a prize.").offer);
        // "voit" is "you can" in Finnish, not a prize.
        assert!(!analyze("Voit lukea viestin sovelluksessa.").offer);
        // "Pris" is a price in Swedish.
        assert!(!analyze("Vår prislista ändras.").offer);
    }

    #[test]
    fn install_requests_and_remote_tools_are_found() {
        assert!(analyze("Lataa uusi sovellus tästä:").install);
        assert!(analyze("Installera appen här:").install);
        assert!(analyze("Asenna AnyDesk-sovellus.").install_always);
        assert!(analyze("Download the file avain .apk").install_always);
        assert!(!analyze("Älä koskaan asenna AnyDeskiä kenenkään pyynnöstä.").install_always);
    }

    #[test]
    fn phone_numbers_are_taken_from_call_requests_only() {
        let s = analyze(
            "Tililtäsi siirrettiin 2 480,00 €. Jos et tunnista tapahtumaa, soita heti numeroon 0800 912 774.",
        );
        assert_eq!(s.call_numbers, ["0800 912 774"]);
        assert!(
            analyze("Vahvistuskoodisi on 731 904.")
                .call_numbers
                .is_empty()
        );
        assert_eq!(
            phone_numbers("ring 020 333 eller +358 20 333"),
            ["020 333", "+358 20 333"]
        );
        assert!(phone_numbers("summa 1 000 euroa").is_empty());
    }

    #[test]
    fn mixed_script_words_are_found_and_read_as_latin() {
        let s = analyze("Kirj\u{430}udu verkkop\u{430}nkkiin");
        assert!(s.mixed_script);
        assert!(s.login);
        // Whole words in another alphabet are not mixing.
        assert!(!analyze("Привет, hello").mixed_script);
    }
}

//! Free text on the wire: names, subjects, topics and messages.
//!
//! A length is counted in Unicode scalar values (`char`s), not bytes. The phone trims
//! what the customer typed before it checks and sends it; the bank checks what arrives.

/// A profile (device) name: at most this many characters.
pub const PROFILE_NAME_MAX: usize = 40;
/// A payee's name on a payment.
pub const PAYEE_NAME_MAX: usize = 70;
/// A payment's free-text message.
pub const PAYMENT_MESSAGE_MAX: usize = 140;
/// A secure message's subject.
pub const MESSAGE_SUBJECT_MAX: usize = 120;
/// A secure message's text.
pub const MESSAGE_BODY_MAX: usize = 4000;
/// A video meeting's topic.
pub const MEETING_TOPIC_MAX: usize = 120;
/// A video meeting's extra details.
pub const MEETING_DETAILS_MAX: usize = 500;
/// The customer's comment on a "this was not me" report.
pub const REPORT_COMMENT_MAX: usize = 500;

/// One line of text: 1 to `max` characters, no whitespace at either end, no control
/// character (so no line break).
pub fn is_single_line(text: &str, max: usize) -> bool {
    let count = text.chars().count();
    (1..=max).contains(&count) && text.trim() == text && !text.chars().any(char::is_control)
}

/// Text that may span lines: 1 to `max` characters, not only whitespace, and no control
/// character except line feed and tab.
pub fn is_multi_line(text: &str, max: usize) -> bool {
    let count = text.chars().count();
    (1..=max).contains(&count)
        && !text.trim().is_empty()
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
}

/// A "this was not me" report's optional comment as both sides read it: trimmed, and only
/// whitespace is no comment (`Ok(None)`). Refused when it is longer than
/// [`REPORT_COMMENT_MAX`] characters or holds a control character other than line feed.
pub fn report_comment(comment: Option<&str>) -> Result<Option<String>, InvalidComment> {
    let Some(comment) = comment.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let valid = comment.chars().count() <= REPORT_COMMENT_MAX
        && !comment.chars().any(|c| c.is_control() && c != '\n');
    if valid {
        Ok(Some(comment.to_owned()))
    } else {
        Err(InvalidComment)
    }
}

/// A report comment that breaks [`report_comment`]'s rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidComment;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_is_trimmed_bounded_and_free_of_controls() {
        assert!(is_single_line("Kysymys lainasta", 120));
        assert!(is_single_line("x", 1));
        assert!(is_single_line(&"ä".repeat(40), PROFILE_NAME_MAX));
        assert!(!is_single_line(&"ä".repeat(41), PROFILE_NAME_MAX));
        assert!(!is_single_line("", 120));
        assert!(!is_single_line("   ", 120));
        assert!(!is_single_line(" a", 120));
        assert!(!is_single_line("a ", 120));
        assert!(!is_single_line("a\nb", 120));
        assert!(!is_single_line("a\tb", 120));
        assert!(!is_single_line("a\u{7}b", 120));
        assert!(!is_single_line("a\u{85}b", 120));
        assert!(is_single_line("a b", 120));
    }

    #[test]
    fn several_lines_allow_line_feeds_and_tabs_only() {
        assert!(is_multi_line("Hei,\n\nkiitos.", MESSAGE_BODY_MAX));
        assert!(is_multi_line("\ta", 2));
        assert!(is_multi_line(&"x".repeat(4000), MESSAGE_BODY_MAX));
        assert!(!is_multi_line(&"x".repeat(4001), MESSAGE_BODY_MAX));
        assert!(!is_multi_line("", MESSAGE_BODY_MAX));
        assert!(!is_multi_line(" \n\t", MESSAGE_BODY_MAX));
        assert!(!is_multi_line("a\r\nb", MESSAGE_BODY_MAX));
        assert!(!is_multi_line("a\u{7}", MESSAGE_BODY_MAX));
    }

    #[test]
    fn a_report_comment_is_trimmed_bounded_and_may_span_lines() {
        assert_eq!(report_comment(None), Ok(None));
        assert_eq!(report_comment(Some("  \n ")), Ok(None));
        assert_eq!(
            report_comment(Some(" En tehnyt tätä.\nSoittakaa. ")),
            Ok(Some("En tehnyt tätä.\nSoittakaa.".to_owned()))
        );
        let longest = "x".repeat(REPORT_COMMENT_MAX);
        assert_eq!(report_comment(Some(&longest)), Ok(Some(longest.clone())));
        assert_eq!(
            report_comment(Some(&format!("{longest}x"))),
            Err(InvalidComment)
        );
        assert_eq!(report_comment(Some("a\tb")), Err(InvalidComment));
        assert_eq!(report_comment(Some("a\u{7}b")), Err(InvalidComment));
    }
}

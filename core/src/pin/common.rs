//! The most popular PINs, from published research and our short list
//! (`core/data/pins/README.md`), embedded at build time.

use std::sync::OnceLock;

/// How many of the most popular 4-digit PINs are refused: the research's recommendation,
/// and what keeps 85 % of the 4-digit space open once dates and patterns are refused too.
const TOP_4_DIGIT: usize = 1_000;

const DD_4: &str = include_str!("../../data/pins/DD-4-digit-2740.txt");
const DD_6: &str = include_str!("../../data/pins/DD-6-digit-top2000.txt");
const IOS_4: &str = include_str!("../../data/pins/iOS-4-digit.txt");
const IOS_6: &str = include_str!("../../data/pins/iOS-6-digit.txt");
const SHORT: &str = include_str!("../../data/pins/short-5-7-8-digit.txt");

/// The refused PINs of each length (4 to 8), as sorted numbers.
struct CommonPins {
    by_len: [Vec<u32>; 5],
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|line| !line.is_empty())
}

impl CommonPins {
    fn load() -> CommonPins {
        let mut by_len: [Vec<u32>; 5] = Default::default();
        let all = lines(DD_4)
            .take(TOP_4_DIGIT)
            .chain(lines(DD_6))
            .chain(lines(IOS_4))
            .chain(lines(IOS_6))
            .chain(lines(SHORT));
        for line in all {
            let len = line.len();
            // The files are checked by the tests below; a stray line is skipped, not fatal.
            if !(super::MIN_LEN..=super::MAX_LEN).contains(&len)
                || !line.bytes().all(|b| b.is_ascii_digit())
            {
                continue;
            }
            if let Ok(value) = line.parse() {
                by_len[len - super::MIN_LEN].push(value);
            }
        }
        for list in &mut by_len {
            list.sort_unstable();
            list.dedup();
        }
        CommonPins { by_len }
    }
}

fn common() -> &'static CommonPins {
    static COMMON: OnceLock<CommonPins> = OnceLock::new();
    COMMON.get_or_init(CommonPins::load)
}

/// Loads the lists now rather than on the first check (for benchmarks and app start-up).
pub(super) fn preload() {
    common();
}

/// Whether the PIN (digit values, 4 to 8 of them) is among the most popular.
pub(super) fn is_common(d: &[u8]) -> bool {
    let Some(list) = d
        .len()
        .checked_sub(super::MIN_LEN)
        .and_then(|i| common().by_len.get(i))
    else {
        return false;
    };
    let value = d.iter().fold(0u32, |n, digit| n * 10 + u32::from(*digit));
    list.binary_search(&value).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(text: &str) -> Vec<u8> {
        text.bytes().map(|b| b - b'0').collect()
    }

    #[test]
    fn every_line_of_the_data_is_a_pin() {
        for (name, text, len) in [
            ("DD-4", DD_4, Some(4)),
            ("DD-6", DD_6, Some(6)),
            ("iOS-4", IOS_4, Some(4)),
            ("iOS-6", IOS_6, Some(6)),
            ("short", SHORT, None),
        ] {
            for line in lines(text) {
                assert!(line.bytes().all(|b| b.is_ascii_digit()), "{name}: {line}");
                match len {
                    Some(len) => assert_eq!(line.len(), len, "{name}: {line}"),
                    None => assert!([5, 7, 8].contains(&line.len()), "{name}: {line}"),
                }
            }
        }
        assert_eq!(lines(DD_4).count(), 2740);
        assert_eq!(lines(DD_6).count(), 2000);
        assert_eq!(lines(IOS_4).count(), 274);
        assert_eq!(lines(IOS_6).count(), 2910);
    }

    #[test]
    fn the_lists_are_loaded_by_length() {
        let lists = &common().by_len;
        assert!(lists[0].len() >= TOP_4_DIGIT && lists[0].len() < TOP_4_DIGIT + 274);
        assert!(lists[2].len() >= 2_910);
        for len in [1, 3, 4] {
            assert!(!lists[len].is_empty());
        }
    }

    #[test]
    fn popular_pins_are_common() {
        for pin in [
            "1234", "0000", "2580", "1111", "5555", "1212", "7777", "123456", "654321", "111111",
            "12345", "1234567", "12345678", "87654321", "11223344", "14789632",
        ] {
            assert!(is_common(&digits(pin)), "{pin}");
        }
        // The top 1,000 stop there: the 1,001st most popular PIN is not refused as common.
        let first_out = lines(DD_4).nth(TOP_4_DIGIT).unwrap();
        if !lines(IOS_4).any(|l| l == first_out) {
            assert!(!is_common(&digits(first_out)));
        }
        assert!(!is_common(&digits("48213")));
        assert!(!is_common(&digits("123")));
    }
}

//! Property tests of thumbprint normalization (diagfwcertmgr.md §4.1): any SHA-1 or SHA-256
//! value, written in hex of random case with removable characters inserted anywhere, parses back
//! to the same value and reports exactly what was inserted; any non-removable, non-hex character
//! is rejected, the first one by position.

#![allow(clippy::unwrap_used, reason = "tests")]

use certbind::{Thumbprint, ThumbprintError, thumbprint::Removed};
use proptest::{collection::vec, prelude::*};

/// Characters the spec says to remove: white space (incl. NBSP), separators, format characters.
const REMOVABLE: &[char] = &[
    ' ', '\t', '\r', '\n', ':', '-', '\u{A0}', '\u{2007}', '\u{202F}', '\u{200E}', '\u{200F}',
    '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

/// Characters that must be rejected: neither ASCII hex digits nor removable. Includes look-alikes
/// (full-width digits and letters, Cyrillic `а`, `О`), the `?` a console makes of an LRM, and the
/// replacement character.
fn non_removable() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            '?', 'g', 'G', 'x', 'O', 'o', 'z', '_', '.', ',', ';', '/', '\\', '"', '\''
        ])
        .prop_filter("not hex", |c| !c.is_ascii_hexdigit()),
        (0xFF10_u32..=0xFF19).prop_map(|c| char::from_u32(c).unwrap()),
        (0xFF21_u32..=0xFF26).prop_map(|c| char::from_u32(c).unwrap()),
        prop::sample::select(vec![
            '\u{430}',
            '\u{41E}',
            '\u{FFFD}',
            '\u{1F600}',
            '\u{0}',
            '\u{7F}',
            '\u{2212}',
            '\u{2010}'
        ]),
        // Any other character outside the removable classes (checked with the std predicates
        // the implementation documents: white space, and the Cf ranges below).
        any::<char>().prop_filter("not removable, not hex", |c| {
            !c.is_ascii_hexdigit()
                && !c.is_whitespace()
                && !matches!(c, ':' | '-')
                && !is_format_char(*c)
        }),
    ]
}

/// Unicode category Cf, as far as the implementation lists it (so the generator avoids them).
fn is_format_char(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x08E2 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F
        | 0xFEFF | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F)
}

/// A 20- or 32-byte value.
fn digest() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![vec(any::<u8>(), 20), vec(any::<u8>(), 32)]
}

/// The digest's hex digits in random case, with removable characters inserted in random gaps
/// (before the first digit, between digits, after the last), and what was inserted where.
fn pasted() -> impl Strategy<Value = (Vec<u8>, String, Vec<Removed>)> {
    digest().prop_flat_map(|bytes| {
        let digits = bytes.len() * 2;
        (
            Just(bytes),
            vec(any::<bool>(), digits),
            vec(vec(prop::sample::select(REMOVABLE), 0..3), digits + 1),
        )
            .prop_map(|(bytes, upper, gaps)| {
                let hex: Vec<char> = bytes
                    .iter()
                    .flat_map(|b| format!("{b:02x}").chars().collect::<Vec<_>>())
                    .zip(&upper)
                    .map(|(c, up)| if *up { c.to_ascii_uppercase() } else { c })
                    .collect();
                let mut text = String::new();
                let mut removed = Vec::new();
                let mut position = 0;
                for (i, gap) in gaps.iter().enumerate() {
                    for &ch in gap {
                        removed.push(Removed { position, ch });
                        text.push(ch);
                        position += 1;
                    }
                    if let Some(&c) = hex.get(i) {
                        text.push(c);
                        position += 1;
                    }
                }
                (bytes, text, removed)
            })
    })
}

fn upper_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn pasted_thumbprints_parse_back((bytes, text, inserted) in pasted()) {
        let n = Thumbprint::parse(&text)
            .unwrap_or_else(|e| panic!("{text:?}: {e}"));
        prop_assert_eq!(n.thumbprint.to_string(), upper_hex(&bytes));
        prop_assert_eq!(n.thumbprint.is_sha1(), bytes.len() == 20);
        prop_assert_eq!(&n.removed, &inserted);
        // The canonical form is a fixed point with nothing removed.
        let again = Thumbprint::parse(&n.thumbprint.to_string()).unwrap();
        prop_assert_eq!(again.thumbprint, n.thumbprint);
        prop_assert!(again.removed.is_empty());
    }

    #[test]
    fn the_first_non_removable_character_is_rejected_by_position(
        (_, text, _) in pasted(),
        bad in vec((non_removable(), any::<prop::sample::Index>()), 1..4),
    ) {
        let mut chars: Vec<char> = text.chars().collect();
        for (ch, at) in &bad {
            let at = at.index(chars.len() + 1);
            chars.insert(at, *ch);
        }
        let input: String = chars.iter().collect();
        let first = chars
            .iter()
            .position(|c| {
                !c.is_ascii_hexdigit()
                    && !c.is_whitespace()
                    && !matches!(c, ':' | '-')
                    && !is_format_char(*c)
            })
            .unwrap();
        prop_assert_eq!(
            Thumbprint::parse(&input),
            Err(ThumbprintError::InvalidCharacter { position: first, ch: chars[first] })
        );
        let shown = Thumbprint::parse(&input).unwrap_err().to_string();
        prop_assert!(shown.contains(&format!("position {first}")), "{}", shown);
    }

    #[test]
    fn wrong_digit_counts_are_rejected_by_count(
        digits in vec(prop::sample::select(b"0123456789abcdefABCDEF".to_vec()), 0..100),
        seps in vec(prop::sample::select(REMOVABLE), 0..10),
    ) {
        prop_assume!(digits.len() != 40 && digits.len() != 64);
        let mut input: String = seps.iter().collect();
        input.extend(digits.iter().map(|&b| char::from(b)));
        prop_assert_eq!(
            Thumbprint::parse(&input),
            Err(ThumbprintError::WrongLength { digits: digits.len() })
        );
    }
}

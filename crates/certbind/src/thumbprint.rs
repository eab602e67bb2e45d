//! Certificate thumbprints as people paste them.
//!
//! A thumbprint copied from Windows' certificate dialog often starts with an invisible
//! LEFT-TO-RIGHT MARK (U+200E), may be split by spaces, and keytool prints it with colons.
//! [`Thumbprint::parse`] strips what is safe to strip, reports what it removed, and rejects
//! anything else by position and code point.

use std::fmt;

use sha1::{Digest, Sha1};

/// A SHA-1 (40 hex digits) or SHA-256 (64 hex digits) certificate thumbprint.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Thumbprint(Vec<u8>);

/// A character removed while normalizing a thumbprint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Removed {
    /// Position in the input, counted in characters from 0.
    pub position: usize,
    /// The character.
    pub ch: char,
}

/// A parsed thumbprint and what had to be removed to get it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    /// The thumbprint.
    pub thumbprint: Thumbprint,
    /// Invisible characters, white space and separators that were removed.
    pub removed: Vec<Removed>,
}

/// Why a thumbprint was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThumbprintError {
    /// A character that is neither a hex digit nor removable.
    InvalidCharacter {
        /// Position in the input, counted in characters from 0.
        position: usize,
        /// The character.
        ch: char,
    },
    /// The hex digits are not 40 (SHA-1) or 64 (SHA-256) long.
    WrongLength {
        /// How many hex digits were found.
        digits: usize,
    },
    /// Longer than any pasted thumbprint can be (more than [`MAX_INPUT_CHARS`] characters).
    TooLong {
        /// The length in characters.
        chars: usize,
    },
}

/// Longest input looked at (a thumbprint with every byte separated is under 200 characters).
pub const MAX_INPUT_CHARS: usize = 1024;

impl Thumbprint {
    /// The SHA-1 thumbprint of a DER certificate (what Windows and DiagFwCertMgr use; keytool's
    /// `SHA1:` fingerprint without the colons).
    #[must_use]
    pub fn sha1_of(der: &[u8]) -> Self {
        Self(Sha1::digest(der).to_vec())
    }

    /// The SHA-256 thumbprint of a DER certificate.
    #[must_use]
    pub fn sha256_of(der: &[u8]) -> Self {
        Self(sha2::Sha256::digest(der).to_vec())
    }

    /// Whether `der` has this thumbprint (SHA-1 or SHA-256, by length).
    #[must_use]
    pub fn matches(&self, der: &[u8]) -> bool {
        let other = if self.0.len() == 20 {
            Self::sha1_of(der)
        } else {
            Self::sha256_of(der)
        };
        *self == other
    }

    /// Whether this is a SHA-1 thumbprint.
    #[must_use]
    pub fn is_sha1(&self) -> bool {
        self.0.len() == 20
    }

    /// Normalizes a pasted thumbprint (spec: diagfwcertmgr.md §4.1): removes format characters
    /// (Unicode category Cf: bidi marks, zero-width characters, BOM), white space (including
    /// no-break and narrow spaces, tabs, line breaks) and the separators `:` and `-`; the rest must
    /// be 40 or 64 ASCII hex digits. Full-width digits and every other character are rejected,
    /// never folded.
    ///
    /// # Errors
    /// [`ThumbprintError::InvalidCharacter`] naming the first offending character,
    /// [`ThumbprintError::WrongLength`].
    pub fn parse(input: &str) -> Result<Normalized, ThumbprintError> {
        let mut digits = String::new();
        let mut removed = Vec::new();
        let chars = input.chars().count();
        if chars > MAX_INPUT_CHARS {
            return Err(ThumbprintError::TooLong { chars });
        }
        for (position, ch) in input.chars().enumerate() {
            if ch.is_ascii_hexdigit() {
                digits.push(ch.to_ascii_uppercase());
            } else if ch.is_whitespace() || ch == ':' || ch == '-' || is_format_char(ch) {
                removed.push(Removed { position, ch });
            } else {
                return Err(ThumbprintError::InvalidCharacter { position, ch });
            }
        }
        if digits.len() != 40 && digits.len() != 64 {
            return Err(ThumbprintError::WrongLength {
                digits: digits.len(),
            });
        }
        let bytes = (0..digits.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap_or_default())
            .collect();
        Ok(Normalized {
            thumbprint: Self(bytes),
            removed,
        })
    }
}

impl fmt::Display for Thumbprint {
    /// Upper-case hex without separators, as DiagFwCertMgr looks certificates up.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02X}"))
    }
}

impl fmt::Debug for Thumbprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Thumbprint({self})")
    }
}

impl fmt::Display for ThumbprintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::InvalidCharacter {
                position: 0,
                ch: '?',
            } => write!(
                f,
                "invalid character in the thumbprint at position 0: U+003F '?' — typically a \
                 LEFT-TO-RIGHT MARK copied from the certificate dialog and mangled by the console \
                 code page; delete it and type the first digit again"
            ),
            Self::InvalidCharacter { position, ch } => write!(
                f,
                "invalid character in the thumbprint at position {position}: {}",
                describe(ch)
            ),
            Self::TooLong { chars } => write!(
                f,
                "the thumbprint argument is {chars} characters long; a thumbprint is 40 hex digits"
            ),
            Self::WrongLength { digits } => write!(
                f,
                "the thumbprint has {digits} hex digits; a SHA-1 thumbprint has 40 (or 64 for SHA-256)"
            ),
        }
    }
}

impl std::error::Error for ThumbprintError {}

/// Unicode category Cf (format characters), as far as they can appear in pasted text.
fn is_format_char(ch: char) -> bool {
    matches!(ch as u32,
        0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x08E2 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F
        | 0xFEFF | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F)
}

/// `U+200E LEFT-TO-RIGHT MARK`, `U+FF11 'Ａ'`, …: a character named for an error or report.
#[must_use]
pub fn describe(ch: char) -> String {
    let code = format!("U+{:04X}", ch as u32);
    match name(ch) {
        Some(name) => format!("{code} {name}"),
        None if ch.is_control() || is_format_char(ch) || ch.is_whitespace() => code,
        None => format!("{code} '{ch}'"),
    }
}

fn name(ch: char) -> Option<&'static str> {
    Some(match ch {
        '\t' => "CHARACTER TABULATION",
        '\n' => "LINE FEED",
        '\r' => "CARRIAGE RETURN",
        ' ' => "SPACE",
        ':' => "COLON",
        '-' => "HYPHEN-MINUS",
        '\u{A0}' => "NO-BREAK SPACE",
        '\u{AD}' => "SOFT HYPHEN",
        '\u{2007}' => "FIGURE SPACE",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{202F}' => "NARROW NO-BREAK SPACE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{3000}' => "IDEOGRAPHIC SPACE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BOM)",
        '\u{FFFD}' => "REPLACEMENT CHARACTER (the input was not valid Unicode)",
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF26}' | '\u{FF41}'..='\u{FF46}' => {
            "(a full-width letter or digit: type the ASCII one)"
        }
        _ => return None,
    })
}

/// A summary of removed characters: `U+200E LEFT-TO-RIGHT MARK at position 0, 19 × U+0020 SPACE`.
#[must_use]
pub fn summarize_removed(removed: &[Removed]) -> String {
    let mut groups: Vec<(char, Vec<usize>)> = Vec::new();
    for r in removed {
        match groups.iter_mut().find(|(c, _)| *c == r.ch) {
            Some((_, positions)) => positions.push(r.position),
            None => groups.push((r.ch, vec![r.position])),
        }
    }
    groups
        .iter()
        .map(|(ch, positions)| match positions.as_slice() {
            [p] => format!("{} at position {p}", describe(*ch)),
            many => format!("{} × {}", many.len(), describe(*ch)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The input with invisible and non-ASCII characters shown as `\u{…}` escapes, so a log shows
/// what was really passed.
#[must_use]
pub fn escape_invisible(input: &str) -> String {
    input
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c.to_string()
            } else {
                format!("\\u{{{:04X}}}", c as u32)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANONICAL: &str = "BC6BBE23B8B3A26D8446C252400F9264C5C30A29";

    fn ok(input: &str) -> Normalized {
        match Thumbprint::parse(input) {
            Ok(n) => n,
            Err(e) => panic!("{input:?}: {e}"),
        }
    }

    #[test]
    fn spec_vectors() {
        // Copied from the Windows dialog: LRM, then byte pairs split by spaces.
        let n = ok("\u{200e}bc 6b be 23 b8 b3 a2 6d 84 46 c2 52 40 0f 92 64 c5 c3 0a 29");
        assert_eq!(n.thumbprint.to_string(), CANONICAL);
        assert_eq!(
            n.removed[0],
            Removed {
                position: 0,
                ch: '\u{200e}'
            }
        );
        assert_eq!(n.removed.iter().filter(|r| r.ch == ' ').count(), 19);
        assert_eq!(
            summarize_removed(&n.removed),
            "U+200E LEFT-TO-RIGHT MARK at position 0, 19 × U+0020 SPACE"
        );
        // keytool's SHA1 fingerprint style.
        let n = ok("BC:6B:BE:23:B8:B3:A2:6D:84:46:C2:52:40:0F:92:64:C5:C3:0A:29");
        assert_eq!(n.thumbprint.to_string(), CANONICAL);
        // No-break spaces.
        let nbsp = "bc\u{a0}6b\u{a0}be23b8b3a26d8446c252400f9264c5c30a29";
        assert_eq!(ok(nbsp).thumbprint.to_string(), CANONICAL);
        assert!(ok(CANONICAL).removed.is_empty());
    }

    #[test]
    fn rejections_name_the_character() {
        let e = Thumbprint::parse("?bc6bbe23b8b3a26d8446c252400f9264c5c30a29").unwrap_err();
        assert_eq!(
            e,
            ThumbprintError::InvalidCharacter {
                position: 0,
                ch: '?'
            }
        );
        assert!(e.to_string().contains("LEFT-TO-RIGHT MARK"), "{e}");
        let e = Thumbprint::parse("bc6bbe23b8b3a26d8446c252400f9264c5c30a2").unwrap_err();
        assert_eq!(e, ThumbprintError::WrongLength { digits: 39 });
        assert!(e.to_string().contains("39 hex digits"), "{e}");
        // Full-width digits are not folded.
        let e = Thumbprint::parse("\u{FF11}c6bbe23b8b3a26d8446c252400f9264c5c30a29").unwrap_err();
        assert!(e.to_string().contains("position 0: U+FF11"), "{e}");
        let e = Thumbprint::parse("bc6bbe23b8b3a26d8446c252400f9264c5c30a2g").unwrap_err();
        assert!(e.to_string().contains("position 39: U+0067 'g'"), "{e}");
    }

    #[test]
    fn every_invisible_character_of_the_spec_is_removed() {
        for ch in [
            '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
            '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200B}', '\u{200C}', '\u{200D}',
            '\u{2060}', '\u{FEFF}', '\u{A0}', '\u{2007}', '\u{202F}', '\t', '\r', '\n',
        ] {
            let input = format!("{ch}{CANONICAL}{ch}");
            assert_eq!(ok(&input).thumbprint.to_string(), CANONICAL, "{ch:?}");
        }
    }

    #[test]
    fn overlong_input_is_too_long_not_miscounted() {
        let input = format!("{}{CANONICAL}", " ".repeat(MAX_INPUT_CHARS));
        assert_eq!(
            Thumbprint::parse(&input),
            Err(ThumbprintError::TooLong {
                chars: MAX_INPUT_CHARS + 40
            })
        );
        let input = format!("{}{CANONICAL}", " ".repeat(MAX_INPUT_CHARS - 40));
        assert_eq!(ok(&input).thumbprint.to_string(), CANONICAL);
    }

    #[test]
    fn sha256_and_matching() {
        let der = b"not really a certificate";
        let sha1 = Thumbprint::sha1_of(der);
        assert!(sha1.is_sha1() && sha1.matches(der));
        let sha256 = Thumbprint::sha256_of(der);
        let parsed = ok(&sha256.to_string().to_lowercase()).thumbprint;
        assert!(!parsed.is_sha1() && parsed.matches(der));
        assert_eq!(escape_invisible("\u{200e}ab"), "\\u{200E}ab");
    }
}

//! Entry aliases and Java's alias folding.

use alloc::string::String;
use core::fmt;

/// An entry alias, exactly as stored in the file.
///
/// Java lower-cases aliases (`toLowerCase(Locale.ENGLISH)`) whenever an entry is set or looked
/// up, but keeps whatever a file holds when loading. [`Alias::folded`] gives the Java form;
/// [`Alias::matches`] is the lookup rule (exact match, else case-insensitive).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Alias(String);

impl Alias {
    /// An alias exactly as given (no folding). Use [`Alias::folded`] for what keytool stores.
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The alias Java stores for `text`: full Unicode lower-casing, as
    /// `String.toLowerCase(Locale.ENGLISH)` does.
    #[must_use]
    pub fn folded(text: &str) -> Self {
        Self(text.to_lowercase())
    }

    /// The stored text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a lookup of `name` finds this alias (Java folds the name; a stored alias that is
    /// not lower-case is still found case-insensitively).
    #[must_use]
    pub fn matches(&self, name: &str) -> bool {
        self.0 == name || self.matches_folded(&name.to_lowercase())
    }

    /// Whether this alias, lower-cased, equals `folded` (an already lower-cased name). Cheap for
    /// ASCII aliases: no allocation.
    #[must_use]
    pub fn matches_folded(&self, folded: &str) -> bool {
        if self.0.is_ascii() {
            // Full lower-casing of ASCII text is ASCII lower-casing.
            self.0.len() == folded.len() && self.0.eq_ignore_ascii_case(folded)
        } else {
            self.0.to_lowercase() == folded
        }
    }

    /// Java `String.compareTo` order (UTF-16 code units), which `keytool -list` sorts by.
    #[must_use]
    pub fn java_cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.0.encode_utf16().cmp(other.0.encode_utf16())
    }
}

impl fmt::Display for Alias {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Alias {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl From<&str> for Alias {
    fn from(s: &str) -> Self {
        Self::folded(s)
    }
}

impl From<String> for Alias {
    fn from(s: String) -> Self {
        Self::folded(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vectors from Java 17 `toLowerCase(Locale.ENGLISH)` (jks-jceks.md §7).
    #[test]
    fn folding_matches_java() {
        for (input, java) in [
            ("İstanbul", "i\u{307}stanbul"),
            ("ΟΔΟΣ", "οδος"),
            ("ΣΑ", "σα"),
            ("Ǆ", "ǆ"),
            ("ẞ", "ß"),
            ("ＡＢＣ", "ａｂｃ"),
            ("KELVIN\u{212A}", "kelvink"),
            ("Kľúč€😀", "kľúč€😀"),
        ] {
            assert_eq!(Alias::folded(input).as_str(), java, "{input}");
        }
    }

    #[test]
    fn java_order_is_utf16() {
        // U+FF21 sorts after U+1F600 in UTF-16 (surrogates are 0xD8xx) but before it in UTF-8.
        let a = Alias::new("\u{FF21}");
        let b = Alias::new("😀");
        assert_eq!(a.java_cmp(&b), core::cmp::Ordering::Greater);
    }

    #[test]
    fn lookup_is_case_insensitive() {
        assert!(Alias::new("MyKey").matches("mykey"));
        assert!(Alias::new("mykey").matches("MYKEY"));
        assert!(!Alias::new("mykey").matches("other"));
    }
}

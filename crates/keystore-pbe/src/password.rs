//! The [`Password`] type and its byte encodings (the only place passwords become bytes).

use alloc::{string::String, vec::Vec};
use core::fmt;
use zeroize::Zeroizing;

/// A keystore or key password.
///
/// The text is zeroized on drop, `Debug` is redacted, and there is no public accessor for
/// the bytes: every encoding a format needs is produced inside this crate.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(Zeroizing<String>);

impl Password {
    /// Wraps a password. The argument is moved in and zeroized when the `Password` drops.
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Self(Zeroizing::new(text.into()))
    }

    /// The empty password.
    #[must_use]
    pub fn empty() -> Self {
        Self::new(String::new())
    }

    /// Whether the password is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Length in Java `char`s (UTF-16 code units), which is what keytool's
    /// "at least 6 characters" rule counts.
    #[must_use]
    pub fn java_len(&self) -> usize {
        self.0.encode_utf16().count()
    }

    /// Whether every character is ASCII.
    #[must_use]
    pub fn is_ascii(&self) -> bool {
        self.0.is_ascii()
    }

    /// Constant-time-ish equality of two passwords (length may leak).
    #[must_use]
    pub fn ct_eq(&self, other: &Self) -> bool {
        use subtle::ConstantTimeEq;
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }

    /// UTF-16BE code units, no BOM, no terminator (JKS/JCEKS digest, JKS key protector).
    pub(crate) fn secret_utf16be(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(Vec::with_capacity(self.0.len() * 2));
        for unit in self.0.encode_utf16() {
            out.extend_from_slice(&unit.to_be_bytes());
        }
        out
    }

    /// UTF-8 bytes (JCE PBE as JDK 25 encodes it; identical to JDK 17's ASCII for ASCII text;
    /// PBKDF2 in PBES2 and PBMAC1).
    pub(crate) fn secret_utf8(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// RFC 7292 Appendix B.1: a BMPString (UTF-16BE code units) followed by a `00 00`
    /// terminator. The empty password is `00 00`.
    pub(crate) fn secret_bmp_terminated(&self) -> Zeroizing<Vec<u8>> {
        let mut out = self.secret_utf16be();
        out.extend_from_slice(&[0, 0]);
        out
    }

    /// What JDK 25 feeds the PKCS#12 KDF of its legacy PBE ciphers (3DES, RC2, RC4) for a
    /// non-ASCII password: each UTF-8 byte masked with `0x7F`, widened to a 16-bit char, then
    /// the `00 00` terminator (SunJCE `PKCS12PBECipherCore` via `PBEKey.getEncoded()`).
    /// Its MAC uses the real BMPString.
    pub(crate) fn secret_jdk25_legacy_bmp(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(Vec::with_capacity(self.0.len() * 2 + 2));
        for b in self.0.as_bytes() {
            out.extend_from_slice(&[0, b & 0x7f]);
        }
        out.extend_from_slice(&[0, 0]);
        out
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(..)")
    }
}

impl From<&str> for Password {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl From<String> for Password {
    fn from(s: String) -> Self {
        Self::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16be_matches_java() {
        let pw = Password::new("changeit");
        assert_eq!(
            &pw.secret_utf16be()[..],
            &[
                0, 0x63, 0, 0x68, 0, 0x61, 0, 0x6e, 0, 0x67, 0, 0x65, 0, 0x69, 0, 0x74
            ]
        );
        // Supplementary character: a surrogate pair, as Java chars.
        let pw = Password::new("😀");
        assert_eq!(&pw.secret_utf16be()[..], &[0xd8, 0x3d, 0xde, 0x00]);
        assert_eq!(pw.java_len(), 2);
    }

    #[test]
    fn bmp_terminated_and_jdk25_quirk() {
        assert_eq!(&Password::empty().secret_bmp_terminated()[..], &[0, 0]);
        assert_eq!(
            &Password::new("ab").secret_bmp_terminated()[..],
            &[0, 0x61, 0, 0x62, 0, 0]
        );
        // "ä" is C3 A4 in UTF-8: masked to 43 24.
        assert_eq!(
            &Password::new("\u{e4}").secret_jdk25_legacy_bmp()[..],
            &[0, 0x43, 0, 0x24, 0, 0]
        );
        assert_eq!(
            Password::new("abc").secret_jdk25_legacy_bmp(),
            Password::new("abc").secret_bmp_terminated()
        );
    }

    #[test]
    fn debug_is_redacted() {
        assert_eq!(
            alloc::format!("{:?}", Password::new("secret")),
            "Password(..)"
        );
    }
}

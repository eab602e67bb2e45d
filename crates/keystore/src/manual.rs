//! Design notes: what keystore-rs does where formats and tools leave room.
//!
//! ## Password encodings (all in `keystore-pbe`)
//! | use | bytes |
//! |---|---|
//! | JKS/JCEKS store digest, JKS key protector | UTF-16BE Java `char`s, no terminator |
//! | JCEKS `PBEWithMD5AndTripleDES` | UTF-8 (JDK 25); JDK 17 accepts ASCII only, identical bytes |
//! | PKCS#12 KDF (MAC, PBES1 ciphers) | BMPString (UTF-16BE) plus `00 00`; the empty password is also tried without the terminator |
//! | PKCS#12 PBES2 (PBKDF2) | UTF-8 |
//!
//! ## PKCS#12 specifics
//! Key passwords are the store password, as in Java (keytool warns and ignores a different
//! `-keypass`). A stored PKCS#12 file carries no creation dates except the `Time <millis>`
//! `localKeyId` Java writes for keys; trusted certificates are listed with today's date, as keytool
//! lists them. Bags and attributes this library does not interpret are kept and written back.
//!
//! ## Aliases
//! Java lower-cases aliases (`toLowerCase(Locale.ENGLISH)`, full Unicode rules) when an entry is
//! set or looked up, but not when a file is loaded. keystore-rs folds on set, keeps stored text
//! on load, and looks up exactly first, then case-insensitively. `keytool -list` sorts aliases by
//! UTF-16 code units; [`crate::Entries::sorted`] does the same.
//!
//! ## Integrity and password errors
//! A wrong store password and a tampered file produce the same SHA-1 mismatch:
//! [`crate::Error::IntegrityCheckFailed`] cannot say which, and neither can keytool. A wrong key
//! password and a corrupt key are likewise one error, [`crate::Error::KeyDecryptionFailed`], so
//! that no padding or check-value oracle exists.
//!
//! ## Legacy algorithms
//! The JKS protector (SHA-1 keystream XOR) and JCE `PBEWithMD5AndTripleDES` are weak. They are
//! read and written because keytool writes them; the CLI prints keytool's "proprietary format"
//! warning after writing such a store.
//!
//! ## Saving
//! keytool truncates and rewrites the file in place. keystore-rs writes a temporary file in the
//! same directory, fsyncs it, renames it over the target and fsyncs the directory, so a crash
//! leaves the old or the new file. Links are followed; mode and owner are kept.

//! keytool's error forms: `keytool error: <Java exception>` on stdout, or a usage error
//! (message + usage text) on stderr; both exit 1.

use std::fmt;

use keystore::{Error, StoreFormat, fs::FsError};

/// A usage error: the message and the usage text to print after it.
#[derive(Debug)]
pub(crate) struct Usage {
    pub(crate) message: String,
    pub(crate) usage: &'static str,
}

impl Usage {
    pub(crate) fn new(message: String, usage: &'static str) -> Self {
        Self { message, usage }
    }

    pub(crate) fn illegal_option(arg: &str, usage: &'static str) -> Self {
        Self::new(format!("Illegal option:  {arg}"), usage)
    }
}

/// A failed command, worded as keytool words it.
#[derive(Debug)]
pub(crate) enum KtError {
    /// Message and usage on stderr, exit 1.
    Usage(Usage),
    /// `keytool error: <class>: <message>` on stdout, exit 1.
    Exception {
        class: &'static str,
        message: String,
    },
    /// Three failed store-password prompts: `Too many failures - try later` on stderr, exit 0.
    TooManyFailures,
    /// Nothing more to print; exit with this status (`-lint` findings that fail).
    Exit(u8),
}

impl KtError {
    /// `java.lang.Exception: <message>`.
    pub(crate) fn exception(message: impl Into<String>) -> Self {
        Self::Exception {
            class: "java.lang.Exception",
            message: message.into(),
        }
    }

    /// `java.io.IOException: <message>`.
    pub(crate) fn io(message: impl Into<String>) -> Self {
        Self::Exception {
            class: "java.io.IOException",
            message: message.into(),
        }
    }

    /// Any Java exception class.
    pub(crate) fn java(class: &'static str, message: impl Into<String>) -> Self {
        Self::Exception {
            class,
            message: message.into(),
        }
    }

    pub(crate) fn alias_not_found(alias: &str) -> Self {
        Self::exception(format!("Alias <{alias}> does not exist"))
    }

    /// Parses a Java exception text (`java.io.IOException: message`) into its parts.
    pub(crate) fn from_java_text(text: &str) -> Self {
        const CLASSES: &[&str] = &[
            "java.lang.Exception",
            "java.io.IOException",
            "java.lang.RuntimeException",
            "java.lang.IllegalArgumentException",
            "java.lang.NumberFormatException",
        ];
        match text.split_once(": ") {
            Some((class, message)) => match CLASSES.iter().find(|c| **c == class) {
                Some(c) => Self::java(c, message),
                None => Self::exception(text),
            },
            None => Self::exception(text),
        }
    }

    /// Maps a library error met while loading or saving a store of `format`.
    pub(crate) fn from_store(e: Error, format: StoreFormat) -> Self {
        match e {
            Error::IntegrityCheckFailed => match format {
                StoreFormat::Pkcs12 => Self::io("keystore password was incorrect"),
                _ => Self::io("Keystore was tampered with, or password was incorrect"),
            },
            Error::KeyDecryptionFailed => Self::key_decryption_failed(format),
            Error::UnsupportedVersion { .. } => Self::io("Invalid keystore format"),
            Error::Malformed {
                what: keystore::Malformed::BadMagic,
                ..
            } => Self::io("Invalid keystore format"),
            Error::Malformed {
                what: keystore::Malformed::Truncated | keystore::Malformed::LengthOverrun { .. },
                ..
            } => Self::java("java.io.EOFException", e.to_string()),
            Error::Malformed {
                what: keystore::Malformed::UnknownEntryTag(t),
                ..
            } => Self::io(format!("Unrecognized keystore entry: {t}")),
            Error::UnrecognizedFormat => Self::java(
                "java.security.KeyStoreException",
                "Unrecognized keystore format. Please load it with a specified type",
            ),
            Error::AliasNotFound { alias } => Self::alias_not_found(&alias),
            Error::InvalidCertificate { .. } => Self::java(
                "java.security.cert.CertificateException",
                format!("Could not parse certificate: {e}"),
            ),
            Error::EntryNotSupported { .. } => Self::java(
                "java.security.KeyStoreException",
                "Cannot store non-PrivateKeys",
            ),
            Error::Unencodable(_) => Self::java("java.io.UTFDataFormatException", e.to_string()),
            other => Self::io(other.to_string()),
        }
    }

    /// keytool's wrong-key-password text for the format's protection scheme.
    pub(crate) fn key_decryption_failed(format: StoreFormat) -> Self {
        let message = match format {
            StoreFormat::Jks => "Cannot recover key",
            _ => {
                "Given final block not properly padded. Such issues can arise if a bad key is used during decryption."
            }
        };
        Self::java("java.security.UnrecoverableKeyException", message)
    }

    /// Maps a file error.
    pub(crate) fn from_fs(e: FsError, format: StoreFormat, shown_path: &str) -> Self {
        match e {
            FsError::NotFound { .. } => {
                Self::exception(format!("Keystore file does not exist: {shown_path}"))
            }
            FsError::Empty { .. } => {
                Self::exception(format!("Keystore file exists, but is empty: {shown_path}"))
            }
            FsError::Keystore(e) => Self::from_store(e, format),
            other => Self::io(other.to_string()),
        }
    }
}

impl fmt::Display for KtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(u) => f.write_str(&u.message),
            Self::TooManyFailures => f.write_str("Too many failures - try later"),
            Self::Exit(code) => write!(f, "exit status {code}"),
            Self::Exception { class, message } if message.is_empty() => f.write_str(class),
            Self::Exception { class, message } => write!(f, "{class}: {message}"),
        }
    }
}

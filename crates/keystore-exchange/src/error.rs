//! Errors, each naming the plan item at fault.

use std::fmt;

/// Why a plan could not be read, prepared or applied. Every variant names the plan item at
/// fault; [`fmt::Display`] gives one line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The plan file cannot be read.
    PlanFile {
        /// The plan file.
        path: String,
        /// Why.
        message: String,
    },
    /// TOML syntax error, a wrong value type, or an unknown key.
    Syntax {
        /// The plan file.
        file: String,
        /// 1-based line (0 when unknown).
        line: usize,
        /// 1-based column (0 when unknown).
        column: usize,
        /// What toml reports.
        message: String,
    },
    /// The plan is well-formed TOML but says something invalid.
    Plan {
        /// The plan item (`server a.example.com, store truststore`).
        item: String,
        /// What is wrong.
        message: String,
    },
    /// A store cannot be read or opened (missing, wrong password, not a keystore, …).
    Store {
        /// The plan item.
        item: String,
        /// What is wrong.
        message: String,
    },
    /// A published certificate cannot be obtained.
    Source {
        /// The plan item.
        item: String,
        /// What is wrong.
        message: String,
    },
    /// An import clashes with a store's content (the alias holds a key entry).
    Conflict {
        /// The plan item.
        item: String,
        /// What is wrong.
        message: String,
    },
    /// Writing a store failed. Stores listed in `saved` were already written.
    Save {
        /// The plan item.
        item: String,
        /// What is wrong.
        message: String,
        /// Stores (paths as written in the plan) saved before the failure.
        saved: Vec<String>,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::PlanFile { path, message } => write!(f, "{path}: {message}"),
            Self::Syntax {
                file,
                line,
                column,
                message,
            } => {
                let message = message.replace('\n', " ");
                if *line == 0 {
                    write!(f, "{file}: {message}")
                } else {
                    write!(f, "{file}:{line}:{column}: {message}")
                }
            }
            Self::Plan { item, message }
            | Self::Store { item, message }
            | Self::Source { item, message }
            | Self::Conflict { item, message } => write!(f, "{item}: {message}"),
            Self::Save {
                item,
                message,
                saved,
            } => {
                write!(f, "{item}: {message}")?;
                if saved.is_empty() {
                    f.write_str(" (no store was changed)")
                } else {
                    write!(f, " (already saved: {})", saved.join(", "))
                }
            }
        }
    }
}

impl std::error::Error for Error {}

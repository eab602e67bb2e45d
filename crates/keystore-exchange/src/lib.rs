//! Trust exchange among servers, from a plan.
//!
//! A plan (TOML, see `README.md` of this crate) lists servers, the keystore files each holds,
//! the certificates each publishes under an alias suffix (`<server>_<suffix>`, runbook style),
//! and which of its stores trust which publications. From it:
//!
//! 1. [`Plan::load`] reads and validates the plan (unknown keys are errors, with line and
//!    column) and computes the import matrix ([`Plan::imports`]): truststore × publication.
//! 2. [`Exchange::prepare`] opens every store with its password, obtains every published
//!    certificate (from a store entry, a certificate file, or a TLS handshake) and compares the
//!    matrix with the truststores: each alias is to be added, replaced or left unchanged. Any
//!    problem is one [`Error`] naming the plan item, and nothing has been written.
//! 3. [`Exchange::report`] describes the changes (a dry run); [`Exchange::apply`] makes them:
//!    each truststore that needs a change is saved once, atomically (optionally keeping a
//!    `.bak`), and stores that need none are not written at all, so a second run changes no
//!    byte.
//!
//! All file access goes through [`keystore::fs`].
//!
//! ```no_run
//! use keystore_exchange::{Exchange, Options, Plan};
//!
//! let plan = Plan::load("plan.toml".as_ref())?;
//! let exchange = Exchange::prepare(&plan, &Options { lock: true, ..Options::default() })?;
//! print!("{}", exchange.report().to_text(false));          // the dry run
//! let report = exchange.apply(true)?;                        // saved, with .bak files
//! print!("{}", report.to_json());
//! # Ok::<(), keystore_exchange::Error>(())
//! ```
#![forbid(unsafe_code)]

mod error;
mod plan;
mod report;
mod run;
#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests;

pub use crate::{
    error::Error,
    plan::{
        DEFAULT_TLS_TIMEOUT, Import, MAX_IMPORTS, MAX_PLAN_BYTES, MAX_PUBLICATIONS_PER_SERVER,
        MAX_SERVERS, MAX_STORES_PER_SERVER, MAX_TLS_TIMEOUT_SECS, MAX_TRUST_SELECTORS,
        PasswordSource, Plan, Publication, Selector, Server, Source, Store,
    },
    report::{Action, ImportReport, PublicationReport, Report, StoreReport, Totals},
    run::{Exchange, MAX_CERT_FILE_BYTES, Options, TlsFetcher, fingerprint},
};

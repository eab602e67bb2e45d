//! Integration tests of `rkeytool` against keytool's behaviour (JDK 17, en-US, `TZ=UTC`):
//!
//! * `golden`: recorded keytool 17 runs (`tests/data/golden`) replayed byte for byte; no JVM.
//! * `interop`: stores written by rkeytool, read back by live keytool 17 and 25 and openssl.
//! * `corrupt`: broken and tampered stores fail with one `keytool error:` line and stay untouched.
//! * `atomic`: concurrent writers, failed commands and `-backup`.
//!
//! Missing tools or fixtures skip with a printed reason (`KEYSTORE_REQUIRE_INTEROP=1` or `CI=true`
//! turns a missing tool into a failure). See `tests/data/README.md`.

// clippy's allow-unwrap-in-tests covers only #[test] functions; the helpers are test code too.
#![allow(
    clippy::unwrap_used,
    reason = "test helpers: a failed unwrap is a test failure"
)]

#[path = "cli/atomic.rs"]
mod atomic;
// Certificate requests (issue #4).
#[path = "cli/certreq.rs"]
mod certreq;
#[path = "cli/corrupt.rs"]
mod corrupt;
// -gencrl and -printcrl.
#[path = "cli/crl.rs"]
mod crl;
#[path = "cli/golden.rs"]
mod golden;
#[path = "cli/interop.rs"]
mod interop;
// Trust exchange plans (issue #5).
#[path = "cli/exchange.rs"]
mod exchange;
#[path = "cli/json.rs"]
mod json;
// Key types beyond RSA/EC/Ed25519, and -sigalg (issue #4).
#[path = "cli/keytypes.rs"]
mod keytypes;
// -lint (issue #5).
#[path = "cli/lint.rs"]
mod lint;
// PKCS#12 stores and conversions between the three formats (issue #3).
#[path = "cli/pkcs12.rs"]
mod pkcs12;
// Dates in the local time zone (TZ) as keytool prints them.
#[path = "cli/timezone.rs"]
mod timezone;
#[path = "cli/util.rs"]
mod util;

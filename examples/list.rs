//! Lists a keystore's entries the way `keytool -list` does.
//!
//! ```text
//! cargo run -p keystore-examples --example list -- <keystore> [storepass]
//! cargo run -p keystore-examples --example list -- /tmp/trust.jks changeit   # made by the import_trusted example
//! ```
//!
//! With a store password the store's integrity is verified before anything is printed;
//! without one it is not (keytool prints the same warning). Entries are sorted by alias as
//! keytool sorts them, and dates are printed in UTC (keytool uses the local time zone).

use std::{
    env,
    error::Error,
    fmt::Write as _,
    io::{self, Write as _},
};

use keystore::{KeyStore, Password};
use sha2::{Digest, Sha256};

const UNVERIFIED: &str = "\
*****************  WARNING WARNING WARNING  *****************
* The integrity of the information stored in your keystore  *
* has NOT been verified!  In order to verify its integrity, *
* you must provide your keystore password.                  *
*****************  WARNING WARNING WARNING  *****************";

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = env::args().skip(1).collect();
    let [path, rest @ ..] = args.as_slice() else {
        return Err("usage: list <keystore> [storepass]".into());
    };
    let password = rest.first().map(|p| Password::new(p.as_str()));

    let store: KeyStore = keystore::fs::open(path, password.as_ref())?;
    let mut out = String::new();
    if password.is_none() {
        writeln!(out, "{UNVERIFIED}\n")?;
    }
    writeln!(out, "Keystore type: {}", store.format().keytool_name())?;
    writeln!(
        out,
        "Keystore provider: {}\n",
        store.format().provider_name()
    )?;
    let entries = store.entries().sorted();
    let plural = if entries.len() == 1 {
        "entry"
    } else {
        "entries"
    };
    writeln!(out, "Your keystore contains {} {plural}\n", entries.len())?;
    for (alias, entry) in entries {
        let date = entry
            .created()
            .map_or_else(String::new, |t| format!("{}, ", medium_date(t.0)));
        writeln!(out, "{alias}, {date}{}, ", entry.kind())?;
        if let Some(cert) = entry.certificate() {
            writeln!(
                out,
                "Certificate fingerprint (SHA-256): {}",
                fingerprint(cert.as_bytes())
            )?;
        }
    }
    // A closed pipe (`| head`) is not an error.
    match io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(())
}

/// `AB:CD:…`, as keytool prints it.
fn fingerprint(der: &[u8]) -> String {
    let mut out = String::new();
    for (i, b) in Sha256::digest(der).iter().enumerate() {
        let sep = if i == 0 { "" } else { ":" };
        let _ = write!(out, "{sep}{b:02X}");
    }
    out
}

/// Java's MEDIUM date style (en-US), in UTC: `Nov 22, 2026`.
fn medium_date(millis: i64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    // Civil from days (Howard Hinnant's algorithm).
    let z = millis.div_euclid(86_400_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let name = usize::try_from(month - 1)
        .ok()
        .and_then(|m| MONTHS.get(m))
        .unwrap_or(&"???");
    format!("{name} {day}, {year}")
}

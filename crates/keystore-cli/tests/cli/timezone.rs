//! Dates in the JVM's default time zone: keytool 17 prints `-list` creation dates and the
//! `Valid from: … until: …` of `-list -v` and `-printcert` in the zone of `TZ` (with Java's
//! short names: `CEST`, `EDT`, `IST`, `BRT`), and reads `-startdate` as local time. rkeytool
//! must print the same bytes. Twelve keytool runs: three commands in four zones.

use std::path::Path;

use crate::util::{self, Dir, Output};

/// Summer and winter, a half-hour offset, a zone whose Java name is not the tz database's.
const ZONES: [&str; 4] = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "America/Sao_Paulo",
];

/// 144 certificates from 1996 to 2046: dates on both sides of every DST rule change.
const CACERTS: &str = "stores/jks/cacerts.jks";

fn assert_same(tz: &str, args: &[&str], theirs: &Output, ours: &Output) {
    ours.assert_no_panic();
    assert!(
        ours.stdout == theirs.stdout && ours.stderr == theirs.stderr && ours.code == theirs.code,
        "TZ={tz} rkeytool {args:?} differs from keytool:\nstdout:\n{}\nstderr:\n{}\nexit: keytool {:?}, rkeytool {:?}",
        util::diff_bytes(&theirs.stdout, &ours.stdout),
        util::diff_bytes(&theirs.stderr, &ours.stderr),
        theirs.code,
        ours.code
    );
}

/// A certificate valid from 2025-07-01 12:00 Berlin time (CEST) for 180 days, made by rkeytool
/// with `-startdate` in Berlin: `summer.cer`.
fn summer_certificate(dir: &Dir) {
    dir.rkeytool()
        .env("TZ", "Europe/Berlin")
        .args([
            "-genkeypair",
            "-keystore",
            "tz.p12",
            "-storepass",
            "changeit",
            "-alias",
            "summer",
            "-keyalg",
            "EC",
            "-dname",
            "CN=summer",
            "-startdate",
            "2025/07/01 12:00:00",
            "-validity",
            "180",
        ])
        .run_ok();
    dir.rkeytool()
        .env("TZ", "Europe/Berlin")
        .args([
            "-exportcert",
            "-keystore",
            "tz.p12",
            "-storepass",
            "changeit",
            "-alias",
            "summer",
            "-file",
            "summer.cer",
        ])
        .run_ok();
}

#[test]
fn startdate_is_local_time() {
    let dir = Dir::new("tz-startdate");
    summer_certificate(&dir);
    let valid = "Valid from: Tue Jul 01 12:00:00 CEST 2025 until: Sun Dec 28 11:00:00 CET 2025\n";
    let out = dir
        .rkeytool()
        .env("TZ", "Europe/Berlin")
        .args(["-printcert", "-file", "summer.cer"])
        .run_ok();
    assert!(out.stdout_str().contains(valid), "{out}");
    // The same instant in UTC, as the golden tests' environment shows it.
    let out = dir
        .rkeytool()
        .args(["-printcert", "-file", "summer.cer"])
        .run_ok();
    assert!(
        out.stdout_str().contains(
            "Valid from: Tue Jul 01 10:00:00 UTC 2025 until: Sun Dec 28 10:00:00 UTC 2025\n"
        ),
        "{out}"
    );
}

#[test]
fn list_and_printcert_follow_tz_like_keytool() {
    let Some(keytool) = util::tool("keytool17") else {
        return;
    };
    let dir = Dir::with_stores("tz-live");
    summer_certificate(&dir);
    let commands: [&[&str]; 3] = [
        &["-list", "-keystore", CACERTS, "-storepass", "changeit"],
        &[
            "-list",
            "-v",
            "-keystore",
            CACERTS,
            "-storepass",
            "changeit",
        ],
        &["-printcert", "-file", "summer.cer"],
    ];
    for tz in ZONES {
        // The three JVMs of a zone run side by side.
        let running: Vec<_> = commands
            .iter()
            .map(|args| {
                dir.command(Path::new(&keytool))
                    .env("TZ", tz)
                    .args(*args)
                    .spawn()
            })
            .collect();
        for (args, run) in commands.iter().zip(running) {
            let theirs = run.wait();
            let ours = dir.rkeytool().env("TZ", tz).args(*args).output();
            assert_same(tz, args, &theirs, &ours);
        }
    }
}

//! Replays `fuzz/corpus/<target>/*` through the fuzz target bodies (`fuzz/src/lib.rs`, the
//! very code the cargo-fuzz targets run) on stable: every seed and every saved crash
//! reproducer is a regression test. Each body must return without panicking.

use std::{
    panic::{AssertUnwindSafe, catch_unwind},
    time::Instant,
};

use keystore_interop::{dirs_in, files_in, workspace_root};

use crate::fuzz_bodies::TARGETS;

/// Feeds every file of `fuzz/corpus/<target>/` to the target; returns how many it replayed.
fn replay(target: &str) -> usize {
    let (_, body) = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .expect("a known target");
    let dir = workspace_root().join("fuzz/corpus").join(target);
    let files = files_in(&dir);
    assert!(!files.is_empty(), "{}: no corpus files", dir.display());
    let start = Instant::now();
    let mut panicked = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        if catch_unwind(AssertUnwindSafe(|| body(&data))).is_err() {
            panicked.push(file.display().to_string());
        }
    }
    eprintln!(
        "{target}: replayed {} files in {:?}",
        files.len(),
        start.elapsed()
    );
    assert!(
        panicked.is_empty(),
        "{target} panicked on:\n{}",
        panicked.join("\n")
    );
    files.len()
}

#[test]
fn every_corpus_directory_is_a_target() {
    let corpus = workspace_root().join("fuzz/corpus");
    let dirs: Vec<String> = dirs_in(&corpus)
        .iter()
        .filter_map(|d| d.file_name().and_then(|n| n.to_str()).map(str::to_owned))
        .collect();
    let mut targets: Vec<String> = TARGETS.iter().map(|(name, _)| (*name).to_owned()).collect();
    targets.sort();
    assert_eq!(dirs, targets, "fuzz/corpus/* and the fuzz targets differ");
}

#[test]
fn replay_jks_decode() {
    assert!(replay("jks_decode") > 0);
}

#[test]
fn replay_detect_then_decode() {
    assert!(replay("detect_then_decode") > 0);
}

#[test]
fn replay_sealed_object() {
    assert!(replay("sealed_object") > 0);
}

#[test]
fn replay_modified_utf8() {
    assert!(replay("modified_utf8") > 0);
}

#[test]
fn replay_jks_roundtrip() {
    assert!(replay("jks_roundtrip") > 0);
}

#[test]
fn replay_pkcs12_decode() {
    assert!(replay("pkcs12_decode") > 0);
}

#[test]
fn replay_thumbprint() {
    assert!(replay("thumbprint") > 0);
}

#[test]
fn replay_certbind_args() {
    assert!(replay("certbind_args") > 0);
}

#[test]
fn replay_certbind_registry() {
    assert!(replay("certbind_registry") > 0);
}

#[test]
fn replay_lint_certificate() {
    assert!(replay("lint_certificate") > 0);
}

#[test]
fn replay_lint_request() {
    assert!(replay("lint_request") > 0);
}

#[test]
fn replay_exchange_plan() {
    assert!(replay("exchange_plan") > 0);
}

#[test]
fn replay_tls_identity() {
    assert!(replay("tls_identity") > 0);
}

/// Every target has a replay test above (a target added to `TARGETS` without one would only
/// be checked by `every_corpus_directory_is_a_target`, never replayed).
#[test]
fn every_target_is_replayed() {
    let source = include_str!("corpus_replay.rs");
    for (name, _) in TARGETS {
        assert!(
            source.contains(&format!("replay(\"{name}\")")),
            "no replay test for target {name}"
        );
    }
}

/// The seeds of the certificate targets are what they claim: the lint seeds decode as
/// certificates and requests (so the fuzzer starts inside the rules, not in the DER decoder),
/// and the fixed TLS identity starts a server.
#[test]
fn certificate_seeds_decode() {
    use der::Decode as _;
    for (target, expect) in [
        ("lint_certificate", "certificate"),
        ("lint_request", "request"),
    ] {
        for file in files_in(&workspace_root().join("fuzz/corpus").join(target)) {
            let data = std::fs::read(&file).expect("read seed");
            let ok = if expect == "certificate" {
                x509_cert::Certificate::from_der_partial(&data).is_ok()
            } else {
                x509_cert::request::CertReq::from_der(&data).is_ok()
            };
            assert!(ok, "{}: not a DER {expect}", file.display());
        }
    }
    let identity = keystore_tls::Identity::new(
        vec![crate::fuzz_bodies::TLS_CERT_DER.to_vec()],
        zeroize::Zeroizing::new(crate::fuzz_bodies::TLS_KEY_PKCS8.to_vec()),
    );
    match keystore_tls::Server::bind(identity, "127.0.0.1:0") {
        Ok(_) | Err(keystore_tls::Error::UnsupportedCpu(_)) => {}
        Err(e) => panic!("the fixed TLS identity of tls_identity does not start a server: {e}"),
    }
}

/// The `*-changeit-*iter.bin` seeds are sealed with `changeit` at 1–2 iterations (under the
/// target's cap), so the fuzzer starts past the key derivation: they must unseal, or the
/// target never reaches the inner stream and the reseal round trip.
#[test]
fn low_iteration_sealed_seeds_unseal() {
    let mut limits = keystore::Limits::DEFAULT;
    limits.max_iterations = crate::fuzz_bodies::SEALED_MAX_ITERATIONS;
    let password = keystore::Password::new(crate::fuzz_bodies::PASSWORD);
    let dir = workspace_root().join("fuzz/corpus/sealed_object");
    let seeds: Vec<_> = files_in(&dir)
        .into_iter()
        .filter(|f| {
            f.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.contains("-changeit-"))
        })
        .collect();
    assert!(
        seeds.len() >= 3,
        "low-iteration seeds missing from {}",
        dir.display()
    );
    for seed in &seeds {
        let data = std::fs::read(seed).expect("read seed");
        let key = keystore_jks::sealed::unseal(&data, &password, &limits)
            .unwrap_or_else(|e| panic!("{}: {e}", seed.display()));
        assert!(
            matches!(key.algorithm(), "AES" | "DESede"),
            "{}: {}",
            seed.display(),
            key.algorithm()
        );
    }
}

//! Keystore load benchmarks.
//!
//! * `decode_verify/*`: `keystore_jks::decode` with the store password (parse every entry,
//!   verify the SHA-1 store digest) of `data/cacerts.jks` (a copy of this image's JDK trust
//!   store: 144 trusted certificates, 165 KB) and of synthetic trust stores of 1,000 and
//!   10,000 entries built in memory from those certificates. Throughput is in entries, so
//!   linear scaling shows as a constant rate.
//! * `decode_unverified/cacerts`: the same without the password (no digest).
//! * `facade_from_bytes/cacerts`: `KeyStore::from_bytes` (detection + decode + verify).
//! * `encode/*`: `keystore_jks::encode` of the same entries.
#![allow(missing_docs, clippy::unwrap_used, reason = "benchmark")]

use core::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use keystore::{
    Alias, CertificateDer, Entries, Entry, KeyStore, Limits, Password, StoreFormat, Timestamp,
    TrustedCertEntry,
};

const CACERTS: &[u8] = include_bytes!("data/cacerts.jks");
const PASSWORD: &str = "changeit";

/// The certificates of the embedded cacerts, in file order.
fn real_certs() -> Vec<CertificateDer> {
    let decoded = keystore_jks::decode(CACERTS, None, &Limits::DEFAULT).unwrap();
    decoded
        .entries
        .iter()
        .filter_map(|(_, e)| e.certificate().cloned())
        .collect()
}

/// A trust store of `n` entries cycling through `certs`.
fn synthetic(n: usize, certs: &[CertificateDer]) -> Entries {
    let mut entries = Entries::new();
    let mut created = Timestamp(1_700_000_000_000);
    for (i, cert) in (0..n).zip(certs.iter().cycle()) {
        let entry = TrustedCertEntry::new(Some(created), cert.clone());
        entries.push_raw(
            Alias::new(format!("cert-{i:05}")),
            Entry::TrustedCert(entry),
        );
        created.0 += 1;
    }
    entries
}

fn encode(entries: &Entries, password: &Password) -> Vec<u8> {
    keystore_jks::encode(entries, StoreFormat::Jks, 2, password).unwrap()
}

fn bench_load(c: &mut Criterion) {
    let password = Password::new(PASSWORD);
    let limits = Limits::DEFAULT;
    let certs = real_certs();
    assert_eq!(
        certs.len(),
        144,
        "data/cacerts.jks should hold 144 certificates"
    );
    let cacerts = keystore_jks::decode(CACERTS, Some(&password), &limits)
        .unwrap()
        .entries;

    let stores: Vec<(String, usize, Entries, Vec<u8>)> = {
        let mut stores = vec![(
            "cacerts".to_owned(),
            cacerts.len(),
            cacerts,
            CACERTS.to_vec(),
        )];
        for n in [1_000, 10_000] {
            let entries = synthetic(n, &certs);
            let bytes = encode(&entries, &password);
            stores.push((format!("{n}"), n, entries, bytes));
        }
        stores
    };

    let mut group = c.benchmark_group("decode_verify");
    for (name, n, _, bytes) in &stores {
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), bytes, |b, bytes| {
            b.iter(|| keystore_jks::decode(black_box(bytes), Some(&password), &limits).unwrap());
        });
    }
    group.finish();

    c.bench_function("decode_unverified/cacerts", |b| {
        b.iter(|| keystore_jks::decode(black_box(CACERTS), None, &limits).unwrap());
    });
    c.bench_function("facade_from_bytes/cacerts", |b| {
        b.iter(|| KeyStore::from_bytes(black_box(CACERTS), Some(&password)).unwrap());
    });

    let mut group = c.benchmark_group("encode");
    for (name, n, entries, _) in &stores {
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), entries, |b, entries| {
            b.iter(|| encode(black_box(entries), &password));
        });
    }
    group.finish();
}

criterion_group!(benches, bench_load);
criterion_main!(benches);

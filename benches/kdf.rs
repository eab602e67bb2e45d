//! Password-based primitives.
//!
//! * `jks_protector_recover/rsa2048`: JKS key protector (SHA-1 keystream + check value)
//!   recovering an RSA-2048 PKCS#8 key (`data/rsa2048.pk8.der`, made with
//!   `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -outform DER`).
//! * `jce_pbe_recover/200000`: JCEKS `PBEWithMD5AndTripleDES` at Java's default 200,000
//!   iterations, same key (sample size 10: each run is 400,000 MD5 compressions).
//! * `jks_store_digest/cacerts`: the keyed SHA-1 store digest over the body of
//!   `data/cacerts.jks` (165 KB), as every verified load computes it.
#![allow(missing_docs, clippy::unwrap_used, reason = "benchmark")]

use core::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use keystore_pbe::{Password, jce, jks};

const RSA_2048_PKCS8: &[u8] = include_bytes!("data/rsa2048.pk8.der");
const CACERTS: &[u8] = include_bytes!("data/cacerts.jks");

fn bench_kdf(c: &mut Criterion) {
    let password = Password::new("changeit");

    let jks_key = jks::protect_key(RSA_2048_PKCS8, &password, &[7; 20]).unwrap();
    assert_eq!(
        &jks::recover_key(&jks_key, &password).unwrap()[..],
        RSA_2048_PKCS8
    );
    c.bench_function("jks_protector_recover/rsa2048", |b| {
        b.iter(|| jks::recover_key(black_box(&jks_key), &password).unwrap());
    });

    let jce_key = jce::protect_key(
        RSA_2048_PKCS8,
        &password,
        &[1, 2, 3, 4, 5, 6, 7, 8],
        jce::DEFAULT_ITERATIONS,
    )
    .unwrap();
    let mut group = c.benchmark_group("jce_pbe_recover");
    group.sample_size(10);
    group.bench_function(format!("{}", jce::DEFAULT_ITERATIONS), |b| {
        b.iter(|| jce::recover_key(black_box(&jce_key), &password, jce::MAX_ITERATIONS).unwrap());
    });
    group.finish();

    let body = &CACERTS[..CACERTS.len() - 20];
    assert!(jks::verify_store_digest(
        &password,
        body,
        &CACERTS[body.len()..]
    ));
    let mut group = c.benchmark_group("jks_store_digest");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("cacerts", |b| {
        b.iter(|| jks::store_digest(&password, black_box(body)))
    });
    group.finish();
}

criterion_group!(benches, bench_kdf);
criterion_main!(benches);

//! Key generation, signing and certificate/CSR building (issue #4): RSA-2048 and P-256.
#![allow(missing_docs, clippy::unwrap_used, reason = "benchmark")]

use criterion::{Criterion, criterion_group, criterion_main};
use keystore_certgen::{AnySigningKey, CertParams, KeyAlgorithm, cert, csr, dname, ext};
use signature::Signer;

fn keys(c: &mut Criterion) {
    let mut g = c.benchmark_group("keygen");
    g.sample_size(10);
    g.bench_function("rsa2048", |b| {
        b.iter(|| AnySigningKey::generate(KeyAlgorithm::Rsa { bits: 2048 }).unwrap())
    });
    g.bench_function("p256", |b| {
        b.iter(|| AnySigningKey::generate(KeyAlgorithm::EcP256).unwrap())
    });
    g.finish();

    let rsa = AnySigningKey::generate(KeyAlgorithm::Rsa { bits: 2048 }).unwrap();
    let p256 = AnySigningKey::generate(KeyAlgorithm::EcP256).unwrap();
    let message = [0x5au8; 1024];
    let subject = dname::parse("CN=host.example.com, OU=IT, O=Example, C=US").unwrap();
    let sans = ext::parse(&["san=dns:host.example.com,dns:localhost".to_owned()]).unwrap();
    for (name, key) in [("rsa2048", &rsa), ("p256", &p256)] {
        c.bench_function(&format!("sign/{name}"), |b| {
            b.iter(|| Signer::sign(key, &message))
        });
        let params = CertParams::new(subject.clone())
            .with_validity_days(1095)
            .with_extensions(sans.clone());
        c.bench_function(&format!("self_signed/{name}"), |b| {
            b.iter(|| cert::self_signed(key, &params).unwrap())
        });
        c.bench_function(&format!("csr/{name}"), |b| {
            b.iter(|| csr::build(key, &subject, &sans).unwrap())
        });
    }
}

criterion_group!(benches, keys);
criterion_main!(benches);

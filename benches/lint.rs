//! The certificate checks behind `certbind /task:ValidateCertBinding` and `rkeytool -lint`
//! (issue #5): an RSA-2048 root → RSA-2048 leaf chain, checked against cacerts-sized trust.
#![allow(missing_docs, clippy::unwrap_used, reason = "benchmark")]

use criterion::{Criterion, criterion_group, criterion_main};
use keystore_certgen::{AnySigningKey, CertParams, KeyAlgorithm, cert, dname, ext};
use keystore_lint::{LintPolicy, Role, TlsServerPolicy, check_tls_server, lint_certificate};
use x509_cert::Certificate;

fn chain() -> (Certificate, Certificate) {
    let root_key = AnySigningKey::generate(KeyAlgorithm::Rsa { bits: 2048 }).unwrap();
    let root = cert::self_signed(
        &root_key,
        &CertParams::new(dname::parse("CN=Bench Root CA").unwrap())
            .with_validity_days(3650)
            .with_extensions(ext::parse(&["bc:c".into(), "ku:c=keyCertSign".into()]).unwrap()),
    )
    .unwrap();
    let leaf_key = AnySigningKey::generate(KeyAlgorithm::Rsa { bits: 2048 }).unwrap();
    let params = CertParams::new(dname::parse("CN=host.example.com").unwrap())
        .with_validity_days(1095)
        .with_extensions(
            ext::parse(&[
                "san=dns:host.example.com,dns:localhost".into(),
                "eku=serverAuth,clientAuth".into(),
                "ku=digitalSignature,keyEncipherment".into(),
            ])
            .unwrap(),
        );
    let leaf = cert::issue(
        &root_key,
        &root,
        leaf_key.public_key_info().unwrap(),
        &params,
    )
    .unwrap();
    (root, leaf)
}

fn lint(c: &mut Criterion) {
    let (root, leaf) = chain();
    let now = 1_800_000_000;
    // The root among 143 other anchors, as in a cacerts-sized truststore (the chain search
    // checks signatures only of anchors whose name matches the issuer).
    let filler_key = AnySigningKey::generate(KeyAlgorithm::EcP256).unwrap();
    let mut anchors: Vec<Certificate> = (0..143)
        .map(|i| {
            let name = dname::parse(&format!("CN=Other Root {i}")).unwrap();
            cert::self_signed(&filler_key, &CertParams::new(name)).unwrap()
        })
        .collect();
    anchors.push(root.clone());
    let policy = TlsServerPolicy {
        now,
        host: Some("host.example.com"),
        expiry_warning_days: 30,
        trust_anchors: &anchors,
    };
    c.bench_function("check_tls_server/rsa2048_chain_144_anchors", |b| {
        b.iter(|| check_tls_server(&leaf, &[], &policy))
    });
    let policy = LintPolicy {
        now,
        role: Role::Both,
        expiry_warning_days: 30,
    };
    c.bench_function("lint_certificate/rsa2048_leaf", |b| {
        b.iter(|| lint_certificate(&leaf, core::slice::from_ref(&root), &policy))
    });
}

criterion_group!(benches, lint);
criterion_main!(benches);

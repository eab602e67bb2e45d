//! The one-call request API: SAN lists in keytool syntax, a CSR with SANs, signing a CSR,
//! and refusing a request whose signature does not verify.

use der::{Decode as _, Encode as _};
use keystore_certgen::{
    AnySigningKey, CertParams, Error, KeyAlgorithm, San, cert, csr, dname,
    ext::{self, parse_san_list},
    signed_by,
};
use x509_cert::{Certificate, ext::pkix::SubjectAltName, request::CertReq};

fn key(alg: KeyAlgorithm) -> AnySigningKey {
    AnySigningKey::generate(alg).expect("key")
}

fn ca() -> (AnySigningKey, Certificate) {
    let k = key(KeyAlgorithm::EcP256);
    let params = CertParams::new(dname::parse("CN=Request Test CA").expect("dname"))
        .with_extensions(ext::parse(&["bc:c".into()]).expect("ext"));
    let c = cert::self_signed(&k, &params).expect("ca");
    (k, c)
}

#[test]
fn san_lists_parse_as_keytool_writes_them() {
    let sans = parse_san_list("dns:cvp1.example.com,dns:localhost,ip:10.0.0.1,email:a@example.com")
        .expect("sans");
    assert_eq!(sans.len(), 4);
    assert_eq!(sans[0].to_string(), "dns:cvp1.example.com");
    assert!(matches!(sans[2], San::Ip(_)));
    assert!(parse_san_list("dns:ok,bogus").is_err());
    assert!(parse_san_list("xyz:value").is_err());
}

#[test]
fn request_with_sans_is_signed_with_its_extensions() {
    let (ca_key, ca_cert) = ca();
    let leaf = key(KeyAlgorithm::EcP256);
    let req = csr::build_with_sans(
        &leaf,
        "CN=cvp1.example.com, O=Example",
        "dns:cvp1.example.com,dns:localhost",
    )
    .expect("csr");
    csr::verify(&req).expect("our request verifies");
    let requested = csr::requested_extensions(&req).expect("extensions");
    assert!(
        requested
            .iter()
            .any(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME)
    );

    let issued = cert::sign_request(&ca_key, &ca_cert, &req, 1095).expect("signed");
    assert!(signed_by(&issued, &ca_cert));
    assert_eq!(issued.tbs_certificate().subject(), &req.info.subject);
    let san = issued
        .tbs_certificate()
        .extensions()
        .into_iter()
        .flatten()
        .find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME)
        .expect("SAN copied");
    let names = SubjectAltName::from_der(san.extn_value.as_bytes()).expect("SAN");
    assert_eq!(names.0.len(), 2);
    // The issued certificate carries a fresh SKI/AKI pair, not the request's SKI twice.
    let ids: Vec<_> = issued
        .tbs_certificate()
        .extensions()
        .into_iter()
        .flatten()
        .map(|e| e.extn_id)
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");

    // An RSA request too, and a request without SANs.
    let rsa = key(KeyAlgorithm::Rsa { bits: 2048 });
    let req = csr::build_with_sans(&rsa, "CN=plain", "").expect("csr");
    assert!(
        csr::requested_extensions(&req)
            .expect("ext")
            .iter()
            .all(|e| e.extn_id != const_oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME)
    );
    cert::sign_request(&ca_key, &ca_cert, &req, 30).expect("signed");
}

#[test]
fn tampered_request_is_refused() {
    let (ca_key, ca_cert) = ca();
    let leaf = key(KeyAlgorithm::EcP256);
    let req = csr::build_with_sans(&leaf, "CN=leaf", "dns:leaf").expect("csr");
    let mut der = req.to_der().expect("der");
    let at = der.windows(4).position(|w| w == b"leaf").expect("subject");
    der[at] = b'L';
    let bad = CertReq::from_der(&der).expect("still parses");
    assert!(matches!(
        csr::verify(&bad),
        Err(Error::InvalidRequestSignature)
    ));
    assert!(matches!(
        cert::sign_request(&ca_key, &ca_cert, &bad, 30),
        Err(Error::InvalidRequestSignature)
    ));
    assert!(csr::build_with_sans(&leaf, "CN=x", "dns").is_err());
    assert!(csr::build_with_sans(&leaf, "not a dname", "").is_err());
}

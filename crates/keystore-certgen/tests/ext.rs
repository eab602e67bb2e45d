//! `-ext` grammar (spec §8): encodings, order and keytool's error texts.

use der::{Decode, Encode};
use hex_literal::hex;
use keystore_certgen::{San, ext};
use x509_cert::ext::{
    Extension,
    pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAltName, name::GeneralName},
};

fn parse(v: &[&str]) -> Vec<Extension> {
    let owned: Vec<String> = v.iter().map(|s| (*s).to_owned()).collect();
    ext::parse(&owned).unwrap_or_else(|e| panic!("{v:?}: {e}"))
}

fn err(v: &str) -> String {
    ext::parse(&[v.to_owned()]).expect_err(v).to_string()
}

fn bc(v: &str) -> BasicConstraints {
    let e = parse(&[v]);
    BasicConstraints::from_der(e[0].extn_value.as_bytes()).expect("bc")
}

#[test]
fn keytool_order_by_dotted_oid_string() {
    let e = parse(&[
        "eku=sA,cA",
        "san=dns:x",
        "ku:c=dig,kE",
        "bc:c=0",
        "1.2.3.4.5.6=0403010203",
        "aia=ocsp:uri:http://o.example.com",
    ]);
    let oids: Vec<String> = e.iter().map(|e| e.extn_id.to_string()).collect();
    assert_eq!(
        oids,
        [
            "1.2.3.4.5.6",
            "1.3.6.1.5.5.7.1.1",
            "2.5.29.15",
            "2.5.29.17",
            "2.5.29.19",
            "2.5.29.37"
        ]
    );
    assert!(e[2].critical && e[4].critical && !e[3].critical);
}

#[test]
fn raw_oid_value_is_placed_inside_the_octet_string() {
    let e = parse(&["1.2.3=0403010203"]);
    assert_eq!(
        e[0].to_der().expect("der"),
        hex!("300b 0602 2a03 0405 0403010203")
    );
    let e = parse(&["1.2.3:critical"]);
    assert_eq!(
        e[0].to_der().expect("der"),
        hex!("3009 0602 2a03 0101ff 0400")
    );
}

#[test]
fn basic_constraints_forms() {
    assert_eq!(
        bc("bc"),
        BasicConstraints {
            ca: true,
            path_len_constraint: None
        }
    );
    assert_eq!(
        bc("bc=0"),
        BasicConstraints {
            ca: true,
            path_len_constraint: Some(0)
        }
    );
    assert_eq!(
        bc("bc=ca:false"),
        BasicConstraints {
            ca: false,
            path_len_constraint: None
        }
    );
    assert_eq!(
        bc("bc=pathlen:1"),
        BasicConstraints {
            ca: false,
            path_len_constraint: None
        }
    );
    assert_eq!(
        bc("BasicConstraints=CA:true,PathLen:3"),
        BasicConstraints {
            ca: true,
            path_len_constraint: Some(3)
        }
    );
    assert_eq!(
        bc("bc=-1"),
        BasicConstraints {
            ca: true,
            path_len_constraint: None
        }
    );
    assert!(!parse(&["bc"])[0].critical);
    assert!(parse(&["bc:c"])[0].critical);
    assert!(!parse(&["bc:true"])[0].critical);
}

#[test]
fn key_usage_and_eku() {
    let e = parse(&["ku:c=digitalSignature,keyEncipherment"]);
    let ku = KeyUsage::from_der(e[0].extn_value.as_bytes()).expect("ku");
    assert!(ku.digital_signature() && ku.key_encipherment() && !ku.key_cert_sign());
    let e = parse(&["eku=sA,cA,1.2.3.4,anyExtendedKeyUsage,OCSPSigning"]);
    let eku = ExtendedKeyUsage::from_der(e[0].extn_value.as_bytes()).expect("eku");
    let oids: Vec<String> = eku.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        oids,
        [
            "1.3.6.1.5.5.7.3.1",
            "1.3.6.1.5.5.7.3.2",
            "1.2.3.4",
            "2.5.29.37.0",
            "1.3.6.1.5.5.7.3.9"
        ]
    );
}

#[test]
fn san_names_and_replacement() {
    let e = parse(&[
        "san=dns:a",
        "SAN=DNS:mycvp.mydomain.com,dns:localhost,IP:127.0.0.1,ip:::1,email:a@b.c,uri:https://x.example/,oid:1.2.3",
    ]);
    assert_eq!(e.len(), 1);
    let san = SubjectAltName::from_der(e[0].extn_value.as_bytes()).expect("san");
    assert_eq!(san.0.len(), 7);
    assert!(matches!(&san.0[0], GeneralName::DnsName(d) if d.as_str() == "mycvp.mydomain.com"));
    assert!(matches!(&san.0[2], GeneralName::IpAddress(o) if o.as_bytes() == [127, 0, 0, 1]));
    assert!(matches!(&san.0[3], GeneralName::IpAddress(o) if o.as_bytes().len() == 16));
    // Wildcards only in SAN.
    parse(&["san=dns:*.example.com"]);
    assert_eq!(
        err("ian=dns:*.example.com"),
        "java.lang.RuntimeException: java.io.IOException: DNSName components must begin with a letter or digit"
    );
}

#[test]
fn san_from_str() {
    assert_eq!(
        "dns:example.com".parse::<San>(),
        Ok(San::Dns("example.com".into()))
    );
    assert_eq!(
        "ip:127.0.0.1".parse::<San>(),
        Ok(San::Ip([127, 0, 0, 1].into()))
    );
    assert_eq!(
        "IP:2001:DB8::A".parse::<San>().map(|s| s.to_string()),
        Ok("ip:2001:db8::a".into())
    );
    assert_eq!("ip:1.2.3".parse::<San>(), Ok(San::Ip([1, 2, 0, 3].into())));
    assert_eq!("email:a@b.c".parse::<San>(), Ok(San::Email("a@b.c".into())));
    assert!("uri:https://x/".parse::<San>().is_ok());
    assert!("dns:".parse::<San>().is_err());
    let ext = ext::subject_alt_name(&["dns:a".parse().expect("san")], false).expect("ext");
    assert_eq!(ext, parse(&["san=dns:a"])[0]);
}

#[test]
fn keytool_error_texts() {
    assert_eq!(
        err("ku=foo"),
        "java.lang.Exception: Unknown keyUsage type: foo"
    );
    assert_eq!(
        err("eku=foo"),
        "java.lang.Exception: Unknown extendedkeyUsage type: foo"
    );
    assert_eq!(
        err("san=xyz:foo"),
        "java.lang.Exception: Unrecognized GeneralName type: xyz"
    );
    assert_eq!(
        err("san=dns:"),
        "java.lang.RuntimeException: java.io.IOException: DNSName must not be null or empty"
    );
    assert_eq!(err("ku"), "java.lang.Exception: Illegal value: ku");
    assert_eq!(err("eku="), "java.lang.Exception: Illegal value: eku=");
    assert_eq!(
        err("ku=d"),
        "java.lang.Exception: command d is ambiguous:\n     digitalSignature dataEncipherment decipherOnly"
    );
    assert_eq!(
        err("x=1"),
        "java.lang.RuntimeException: java.io.IOException: ObjectIdentifier() -- Invalid format: java.lang.NumberFormatException: For input string: \"x\""
    );
    assert_eq!(
        err("bogus=1"),
        "java.lang.RuntimeException: java.io.IOException: ObjectIdentifier() -- Invalid format: java.lang.NumberFormatException: For input string: \"bogus\""
    );
    assert_eq!(err("bc=foo"), "java.lang.Exception: Illegal value: bc=foo");
    assert_eq!(
        err("aia:c=ocsp:uri:http://o.example.com"),
        "java.lang.Exception: This extension cannot be marked as critical. aia:c=ocsp:uri:http://o.example.com"
    );
    assert_eq!(
        err("1.2.3.4=abc"),
        "java.lang.Exception: Odd number of hex digits found: 1.2.3.4=abc"
    );
    assert_eq!(
        err("san=ip:localhost"),
        "java.lang.RuntimeException: java.io.IOException: Invalid IPAddress: localhost"
    );
    assert_eq!(
        err("san=ip:300.1.1.1"),
        "java.lang.RuntimeException: java.net.UnknownHostException: 300.1.1.1: Name or service not known"
    );
    assert_eq!(
        err("san=dns:a b"),
        "java.lang.RuntimeException: java.io.IOException: DNSName with blank components is not permitted"
    );
    assert_eq!(
        err("san=uri:not a uri"),
        "java.lang.RuntimeException: java.io.IOException: invalid URI name:not a uri"
    );
    assert_eq!(
        err("san=email:"),
        "java.lang.RuntimeException: java.io.IOException: RFC822Name may not be null or empty"
    );
    assert_eq!(
        err("san=foo"),
        "java.lang.Exception: Illegal item foo in san=foo"
    );
}

#[test]
fn honored_is_not_an_extension() {
    assert!(parse(&["honored=all"]).is_empty());
}

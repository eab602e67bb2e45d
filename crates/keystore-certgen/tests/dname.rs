//! `-dname` grammar (spec §7): structure, string types, escapes and keytool's error texts.

use der::{Decode, Encode, Tag, Tagged};
use keystore_certgen::dname::{self, DnameError};
use x509_cert::name::Name;

fn rdns(name: &Name) -> Vec<Vec<(String, Tag, Vec<u8>)>> {
    name.iter_rdn()
        .map(|rdn| {
            rdn.iter()
                .map(|atv| {
                    (
                        atv.oid.to_string(),
                        atv.value.tag(),
                        atv.value.value().to_vec(),
                    )
                })
                .collect()
        })
        .collect()
}

fn one(dn: &str) -> (String, Tag, String) {
    let name = dname::parse(dn).unwrap_or_else(|e| panic!("{dn}: {e}"));
    let r = rdns(&name);
    assert_eq!(r.len(), 1, "{dn}");
    let (oid, tag, v) = r[0][0].clone();
    (oid, tag, String::from_utf8(v).expect("utf8"))
}

#[test]
fn runbook_dname_is_reversed_into_der() {
    let name = dname::parse(r#"CN=John Doe, OU=IT, O="Example, Inc.", L=City, ST=State, C=US"#)
        .expect("parse");
    let r = rdns(&name);
    let oids: Vec<&str> = r.iter().map(|rdn| rdn[0].0.as_str()).collect();
    assert_eq!(
        oids,
        [
            "2.5.4.6", "2.5.4.8", "2.5.4.7", "2.5.4.10", "2.5.4.11", "2.5.4.3"
        ]
    );
    assert_eq!(r[3][0].2, b"Example, Inc.");
    assert!(r.iter().all(|rdn| rdn[0].1 == Tag::PrintableString));
    // Round-trips through DER.
    let der = name.to_der().expect("der");
    assert_eq!(Name::from_der(&der).expect("decode"), name);
}

#[test]
fn string_types() {
    assert_eq!(one("CN=Ünïcode").1, Tag::Utf8String);
    assert_eq!(one("C=DE").1, Tag::PrintableString);
    assert_eq!(
        one("DC=example"),
        (
            "0.9.2342.19200300.100.1.25".into(),
            Tag::Ia5String,
            "example".into()
        )
    );
    assert_eq!(one("EMAILADDRESS=a@b.c").1, Tag::Ia5String);
    assert_eq!(one("email=a@b.c").0, "1.2.840.113549.1.9.1");
    for utf8 in [
        "SERIALNUMBER=a_1",
        "DNQ=q_q",
        "SURNAME=s_n",
        "1.2.3.4=x_y",
        "C=ü",
        "ST=x&y",
        "CN=a*b",
        "OU=a@b",
    ] {
        assert_eq!(one(utf8).1, Tag::Utf8String, "{utf8}");
    }
    for printable in ["IP=1.2.3.4", "UID=u", "T=t", "STREET=s"] {
        assert_eq!(one(printable).1, Tag::PrintableString, "{printable}");
    }
    assert_eq!(one("OID.2.5.4.3=x").0, "2.5.4.3");
    assert_eq!(one("s=x").0, "2.5.4.8");
}

#[test]
fn values_and_escapes() {
    assert_eq!(
        one("CN=#0c0161"),
        ("2.5.4.3".into(), Tag::Utf8String, "a".into())
    );
    assert_eq!(one(r"CN=a\,b").2, "a,b");
    assert_eq!(one(r#"CN="a,b""#).2, "a,b");
    assert_eq!(one("CN= a b ").2, "a b");
    assert_eq!(one(r#"CN="  padded  ""#).2, "padded");
    assert_eq!(one(r"CN=\ \ x\ \ ").2, "  x  ");
    assert_eq!(one("CN=a=b").2, "a=b");
    assert_eq!(one(r"CN=a\c3\a9").2, "aé");
    assert_eq!(one(r"CN=a\41b").2, "aAb");
    assert_eq!(one("CN=").2, "");
    assert_eq!(one("CN=a#b").2, "a#b");
    let name = dname::parse("CN=a;O=b").expect("semicolon");
    assert_eq!(name.iter_rdn().count(), 2);
}

#[test]
fn multi_valued_rdn() {
    let name = dname::parse("CN=a+OU=b, O=c").expect("parse");
    let r = rdns(&name);
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].len(), 2);
    assert_eq!(r[0][0].0, "2.5.4.10");
}

#[test]
fn keytool_error_texts() {
    let err = |dn: &str| dname::parse(dn).expect_err(dn).to_string();
    assert_eq!(err("CN=a,b"), "java.io.IOException: Incorrect AVA format");
    assert_eq!(err("CN"), "java.io.IOException: Incorrect AVA format");
    assert_eq!(err("CN=a+b"), "java.io.IOException: Incorrect AVA format");
    assert_eq!(err("CN=a;b"), "java.io.IOException: Incorrect AVA format");
    assert_eq!(err("CN=x,"), r#"java.io.IOException: empty AVA in RDN """#);
    assert_eq!(err(",CN=x"), r#"java.io.IOException: empty AVA in RDN """#);
    assert_eq!(
        err(r#"CN=a"b"#),
        r#"java.io.IOException: Character '"' in AVA appears without escape"#
    );
    assert_eq!(
        err("CN=a<b"),
        "java.io.IOException: Character '<' in AVA appears without escape"
    );
    assert_eq!(
        err("CN=#zz"),
        "java.io.IOException: AVA parse, invalid hex digit: z"
    );
    assert_eq!(
        err("FOO=x"),
        r#"java.io.IOException: Invalid keyword "FOO""#
    );
    assert_eq!(
        err("foo=x"),
        r#"java.io.IOException: Invalid keyword "FOO""#
    );
    assert_eq!(dname::parse(""), Err(DnameError::Empty));
}

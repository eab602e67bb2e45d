//! Goldens from JDK 17 keytool (`tests/data/render`, made by its `gen.sh`).

use std::{
    fs,
    path::{Path, PathBuf},
};

use super::{
    CertOpts, Finding, HashAlg, Severity, cert_block, fingerprint, is_self_signed, jstr, pem,
    warning_sentences,
};

const STARS: &str = "\n\n*******************************************\n";

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/render")
        .join(name)
}

fn read(name: &str) -> String {
    fs::read_to_string(data(name)).unwrap()
}

fn pem_to_der(pem: &str) -> Vec<u8> {
    let b64: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .map(str::trim)
        .collect();
    base64ct::Base64::decode_vec(&b64).unwrap()
}

use base64ct::Encoding as _;

/// `(alias, entry text)` for each entry of a `-list -v`/`-rfc` listing.
fn entries(listing: &str) -> Vec<(String, String)> {
    listing
        .split("Alias name: ")
        .skip(1)
        .map(|e| {
            let (alias, rest) = e.split_once('\n').unwrap();
            (alias.to_owned(), rest.to_owned())
        })
        .collect()
}

/// First differing line, for readable failures.
fn first_diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) =
        (expected.split('\n').collect(), actual.split('\n').collect());
    for i in 0..e.len().max(a.len()) {
        if e.get(i) != a.get(i) {
            return format!(
                "line {}: expected {:?}\n{:>8}actual   {:?}",
                i + 1,
                e.get(i),
                "",
                a.get(i)
            );
        }
    }
    "identical lines (line endings differ?)".to_owned()
}

/// Every trusted entry of the system truststore renders exactly as `keytool -list -v` shows it,
/// and its PEM exactly as `-list -rfc` does.
#[test]
fn cacerts_list_v_and_rfc() {
    let verbose = read("list-v.txt");
    let rfc = read("list-rfc.txt");
    let rfc_entries = entries(&rfc);
    let verbose_entries = entries(&verbose);
    assert!(rfc_entries.len() > 100, "{} entries", rfc_entries.len());
    assert_eq!(rfc_entries.len(), verbose_entries.len());
    let mut failures = Vec::new();
    for ((alias, rfc_text), (v_alias, v_text)) in rfc_entries.iter().zip(&verbose_entries) {
        assert_eq!(alias, v_alias);
        let start = rfc_text.find("-----BEGIN").unwrap();
        let end = rfc_text.find("-----END CERTIFICATE-----\n").unwrap()
            + "-----END CERTIFICATE-----\n".len();
        let pem_text = &rfc_text[start..end];
        let der = pem_to_der(pem_text);
        if pem("CERTIFICATE", &der) != pem_text {
            failures.push(format!("{alias}: PEM differs"));
        }
        let header = "Entry type: trustedCertEntry\n\n";
        let body = &v_text[v_text.find(header).unwrap() + header.len()..];
        let expected = &body[..body.rfind(STARS).unwrap()];
        let opts = CertOpts {
            exempt_signature: is_self_signed(&der),
        };
        match cert_block(&der, &opts) {
            Ok(b) if b.text == expected => {}
            Ok(b) => failures.push(format!("{alias}: {}", first_diff(expected, &b.text))),
            Err(e) => failures.push(format!("{alias}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        rfc_entries.len(),
        failures.join("\n")
    );
}

/// The lines of keytool's end-of-run `Warning:` block.
fn warning_lines(stderr: &str) -> Vec<String> {
    let Some((_, block)) = stderr.split_once("Warning:\n") else {
        return Vec::new();
    };
    block
        .lines()
        .take_while(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every `cases/*.der` prints exactly as `keytool -printcert` (stdout) and warns as it does
/// (stderr); certificates keytool cannot parse are errors.
#[test]
fn printcert_cases() {
    let names = case_names();
    assert!(names.len() > 250, "{} cases", names.len());
    let mut failures = Vec::new();
    for name in &names {
        let der = fs::read(data(&format!("cases/{name}.der"))).unwrap();
        let expected = read(&format!("cases/{name}.out"));
        let stderr = read(&format!("cases/{name}.err"));
        let got = cert_block(&der, &CertOpts::default());
        match got {
            Err(e) if !expected.starts_with("keytool error:") => {
                failures.push(format!("{name}: {e}"))
            }
            Err(_) => {}
            Ok(_) if expected.starts_with("keytool error:") => {
                failures.push(format!("{name}: keytool fails, we render"))
            }
            Ok(b) => {
                if b.text != expected {
                    failures.push(format!("{name}: {}", first_diff(&expected, &b.text)));
                }
                let warnings = warning_sentences("The certificate", &b.findings);
                if warnings != warning_lines(&stderr) {
                    failures.push(format!("{name}: warnings {warnings:?}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

/// Java's `new String(bytes, charset)` replacement behaviour, printed through UTF-8.
#[test]
fn java_string_decoding() {
    let hex = |s: &str| -> Vec<u8> {
        if s == "-" {
            return Vec::new();
        }
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    };
    let mut failures = Vec::new();
    for line in read("string-vectors.txt").lines() {
        let mut parts = line.split(' ');
        let (charset, input, output) = (
            parts.next().unwrap(),
            hex(parts.next().unwrap()),
            hex(parts.next().unwrap()),
        );
        let got = match charset {
            "UTF-8" => jstr::utf8(&input),
            "UTF-16BE" => jstr::utf16be(&input),
            "UTF_32BE" => jstr::utf32be(&input),
            other => panic!("unknown charset {other}"),
        };
        if got.as_bytes() != output {
            failures.push(format!("{line}: got {:02x?}", got.as_bytes()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn case_names() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(data("cases"))
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".der").map(str::to_owned))
        .collect();
    names.sort();
    names
}

/// Truncated and bit-flipped certificates never panic.
#[test]
fn hostile_input_does_not_panic() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for name in case_names() {
        let der = fs::read(data(&format!("cases/{name}.der"))).unwrap();
        for len in (0..der.len()).step_by(11) {
            let _ = cert_block(&der[..len], &CertOpts::default());
        }
        for _ in 0..120 {
            let mut d = der.clone();
            for _ in 0..1 + next() % 3 {
                let i = usize::try_from(next() % d.len() as u64).unwrap();
                d[i] ^= 1 << (next() % 8);
            }
            let _ = cert_block(&d, &CertOpts::default());
        }
    }
}

#[test]
fn primitives() {
    assert_eq!(
        super::hex_dump(&[
            0x77, 0x35, 0x2E, 0xA9, 0xA7, 0x2E, 0xCB, 0x59, 0x37, 0xF7, 0x5A, 0x8A, 0xD4, 0x2A,
            0x38, 0xDA, 0x3A, 0x3D, 0xBF, 0x8A
        ]),
        "0000: 77 35 2E A9 A7 2E CB 59   37 F7 5A 8A D4 2A 38 DA  w5.....Y7.Z..*8.\n\
         0010: 3A 3D BF 8A                                        :=..\n"
    );
    assert_eq!(super::hex_dump(&[]), "");
    assert_eq!(super::group_thousands(0), "0");
    assert_eq!(super::group_thousands(999), "999");
    assert_eq!(super::group_thousands(1234), "1,234");
    assert_eq!(super::group_thousands(1_234_567), "1,234,567");
    // In UTC whatever TZ the tests run with (the local zone's tests are in `zone`).
    let utc = super::zone::Zone::utc();
    let date = |s: i64| super::text::date_string_in(s * 1000, &utc);
    assert_eq!(date(0), "Thu Jan 01 00:00:00 UTC 1970");
    assert_eq!(date(1_795_331_545), "Sun Nov 22 07:12:25 UTC 2026");
    assert_eq!(date(-1), "Wed Dec 31 23:59:59 UTC 1969");
    assert_eq!(
        super::text::medium_date_in(1_795_331_545_000, &utc),
        "Nov 22, 2026"
    );
    assert_eq!(
        super::text::medium_date_in(1_750_723_200_000, &utc),
        "Jun 24, 2025"
    );
    assert_eq!(
        fingerprint(b"abc", HashAlg::Sha1),
        "A9:99:3E:36:47:06:81:6A:BA:3E:25:71:78:50:C2:6C:9C:D0:D8:9D"
    );
    assert_eq!(
        pem("CERTIFICATE", &[0; 3]),
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
    );
    let long = pem("X", &[0; 60]);
    assert_eq!(
        long,
        format!(
            "-----BEGIN X-----\n{}\r\n{}\n-----END X-----\n",
            "A".repeat(64),
            "A".repeat(16)
        )
    );
}

#[test]
fn warning_wording() {
    let findings = [
        Finding::SignatureAlgorithm {
            name: "SHA1withRSA".into(),
            severity: Severity::Weak,
        },
        Finding::SignatureAlgorithm {
            name: "MD5withRSA".into(),
            severity: Severity::Disabled,
        },
        Finding::Key {
            description: "1024-bit RSA key".into(),
            severity: Severity::Weak,
        },
        Finding::Key {
            description: "512-bit RSA key".into(),
            severity: Severity::Disabled,
        },
    ];
    assert_eq!(
        warning_sentences("<mykey>", &findings),
        [
            "<mykey> uses the SHA1withRSA signature algorithm which is considered a security risk. \
             This algorithm will be disabled in a future update.",
            "<mykey> uses the MD5withRSA signature algorithm which is considered a security risk and is disabled.",
            "<mykey> uses a 1024-bit RSA key which is considered a security risk. \
             This key size will be disabled in a future update.",
            "<mykey> uses a 512-bit RSA key which is considered a security risk and is disabled.",
        ]
    );
}

#[test]
fn distinguished_names() {
    // SEQUENCE { SET { SEQUENCE { cn, UTF8String "a,b" } }, SET { SEQUENCE { c, PrintableString "US" } } }
    let name = [
        0x30, 0x1B, 0x31, 0x0C, 0x30, 0x0A, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0C, 0x03, b'a', b',',
        b'b', 0x31, 0x0B, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x06, 0x13, 0x02, b'U', b'S',
    ];
    assert_eq!(super::dn_to_string(&name).unwrap(), "C=US, CN=\"a,b\"");
    assert!(super::dn_to_string(&name[..name.len() - 1]).is_err());
    assert!(super::dn_to_string(&[]).is_err());
    assert_eq!(super::dn_to_string(&[0x30, 0x00]).unwrap(), "");
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let len = content.len();
    let mut out = vec![tag];
    if len < 0x80 {
        out.push(u8::try_from(len).unwrap());
    } else {
        let bytes = u32::try_from(len).unwrap().to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | u8::try_from(4 - skip).unwrap());
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// Deeply nested input is refused, not a stack overflow.
#[test]
fn deep_nesting_is_bounded() {
    let mut v = tlv(0x04, b"x");
    for _ in 0..20_000 {
        v = tlv(0x24, &v);
    }
    assert!(super::asn1::parse(&v).unwrap().octet_string().is_err());
    let shallow = tlv(0x24, &tlv(0x24, &tlv(0x04, b"ab")));
    assert_eq!(
        &*super::asn1::parse(&shallow)
            .unwrap()
            .octet_string()
            .unwrap(),
        b"ab"
    );

    // ecdsa-with-Specified whose digest parameter is again ecdsa-with-Specified, 20 000 times.
    let specified = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03];
    let mut alg = tlv(
        0x30,
        &[
            0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        ],
    );
    for _ in 0..20_000 {
        alg = tlv(0x30, &[&specified[..], &alg].concat());
    }
    let parsed = super::algs::parse_alg_id(&super::asn1::parse(&alg).unwrap()).unwrap();
    assert!(super::algs::alg_name(&parsed).ends_with("withECDSAwithECDSA"));
}

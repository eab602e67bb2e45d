//! `-genkeypair` (`-genkey`): a new key pair with a self-signed certificate (keytool.md §3.1).

use keystore::{CertificateDer, StoreFormat};
use keystore_certgen::{AnySigningKey, KeyAlgorithm, cert, dname, ext};

use crate::{
    args::Args,
    commands::{
        alias_or_default,
        certreq::{apply_sigalg, der_of, signing_entry_with},
        java_number, new_entry_key_password, pkcs12_keypass_warning,
    },
    error::KtError,
    render,
    session::{Access, Session},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let keyalg = args
        .value("keyalg")
        .ok_or_else(|| KtError::exception("The -keyalg option must be specified."))?;
    if args.value("groupname").is_some() && args.value("keysize").is_some() {
        return Err(KtError::exception(
            "Cannot specify both -groupname and -keysize",
        ));
    }
    if args.password("keypass").is_some_and(|p| p.java_len() < 6) {
        return Err(KtError::exception(
            "Key password must be at least 6 characters",
        ));
    }
    let algorithm = key_algorithm(keyalg, args.value("keysize"), args.value("groupname"), ui)?;
    // keytool 17 reports a default-size RSASSA-PSS key as `-1 bit` (its bug, kept).
    let shown_bits = match algorithm {
        KeyAlgorithm::RsaPss { .. } if args.value("keysize").is_none() => None,
        _ => Some(algorithm.bits()),
    };
    let validity = validity_days(args)?;
    // Bad -ext values fail before the keystore is opened, as with keytool.
    ext::parse(args.values("ext")).map_err(|e| KtError::from_java_text(&e.to_string()))?;

    let mut session = Session::open(args, ui, Access::Create)?;
    let alias = alias_or_default(args).to_owned();
    if session.store.contains(&alias) {
        return Err(KtError::exception(format!(
            "Key pair not generated, alias <{alias}> already exists"
        )));
    }
    if session.store.format() == StoreFormat::Pkcs12 {
        pkcs12_keypass_warning(args, ui, &session, "keypass");
    }
    let subject = match args.value("dname") {
        Some(text) => dname::parse(text).map_err(|e| KtError::from_java_text(&e.to_string()))?,
        None => prompt_dname(ui)?,
    };
    let mut key = ui
        .with_progress(
            matches!(algorithm, KeyAlgorithm::Rsa { bits } | KeyAlgorithm::RsaPss { bits } if bits >= 3072),
            || AnySigningKey::generate(algorithm),
        )
        .map_err(|e| KtError::exception(e.to_string()))?;
    let params = cert_params(args, subject.clone(), Vec::new())?;
    let shown_dn = render::dn_to_string(
        &der::Encode::to_der(&subject).map_err(|e| KtError::io(e.to_string()))?,
    )
    .map_err(|e| KtError::io(e.to_string()))?;
    let days = render::group_thousands(u64::from(validity));
    let chain = match args.value("signer") {
        None => {
            key = apply_sigalg(args, key)?;
            let certificate = cert::self_signed(&key, &params)
                .map_err(|e| KtError::from_java_text(&e.to_string()))?;
            ui.err(&format!(
                "Generating {} key pair and self-signed certificate ({}) with a validity of {days} days\n\tfor: {shown_dn}\n",
                describe(algorithm, shown_bits),
                key.signature_algorithm_name(),
            ));
            vec![CertificateDer::new(der_of(&certificate)?)]
        }
        Some(signer) => {
            // Issued by another key entry: the chain is the new certificate plus the signer's.
            let (signer_key, signer_cert) =
                signing_entry_with(args, ui, &session, signer, "signerkeypass")?;
            let signer_key = apply_sigalg(args, signer_key)?;
            let spki = key
                .public_key_info()
                .map_err(|e| KtError::exception(e.to_string()))?;
            let certificate = cert::issue(&signer_key, &signer_cert, spki, &params)
                .map_err(|e| KtError::from_java_text(&e.to_string()))?;
            ui.err(&format!(
                "Generating {} key pair and a certificate ({}) issued by <{signer}> with a validity of {days} days\n\tfor: {shown_dn}\n",
                describe(algorithm, shown_bits),
                signer_key.signature_algorithm_name(),
            ));
            warn_ec_signed_by_rsa(
                ui,
                !matches!(
                    algorithm,
                    KeyAlgorithm::Rsa { .. }
                        | KeyAlgorithm::RsaPss { .. }
                        | KeyAlgorithm::Dsa { .. }
                ),
                &signer_key,
            );
            let mut chain = vec![CertificateDer::new(der_of(&certificate)?)];
            chain.extend(
                session
                    .store
                    .certificate_chain(signer)
                    .map_err(|e| KtError::io(e.to_string()))?
                    .iter()
                    .cloned(),
            );
            chain
        }
    };
    if let Some(first) = chain.first() {
        warn_weak_certificate(ui, first);
    }
    let key_password = new_entry_key_password(args, ui, &session, &alias)?;
    let pkcs8 = key
        .to_pkcs8_der()
        .map_err(|e| KtError::exception(e.to_string()))?;
    let format = session.store.format();
    session
        .store
        .set_private_key(
            &alias,
            pkcs8.as_bytes(),
            chain,
            &key_password,
            keystore::now(),
        )
        .map_err(|e| KtError::from_store(e, format))?;
    session.save(ui)
}

/// An EC certificate signed by an RSA key is hidden by browsers (the runbooks forbid it): warn.
pub(crate) fn warn_ec_signed_by_rsa(ui: &mut Ui, ec_subject: bool, issuer: &AnySigningKey) {
    let rsa_issuer = matches!(
        issuer.key_algorithm(),
        KeyAlgorithm::Rsa { .. } | KeyAlgorithm::RsaPss { .. }
    );
    if ec_subject && rsa_issuer {
        ui.warn(
            "The certificate for an EC key is signed by an RSA key; browsers may not accept it. Use an EC CA for EC certificates."
                .to_owned(),
        );
    }
}

/// keytool 17's warnings about a weak signature algorithm or key in the new certificate
/// (`The generated certificate uses a 1024-bit DSA key which is considered a security risk. …`).
fn warn_weak_certificate(ui: &mut Ui, certificate: &CertificateDer) {
    let opts = render::CertOpts {
        exempt_signature: false,
    };
    if let Ok(findings) = render::findings(certificate.as_bytes(), &opts) {
        for w in render::warning_sentences("The generated certificate", &findings) {
            ui.warn(w);
        }
    }
}

/// keytool 17's distinguished-name dialogue (keytool.md §5): six questions whose answers (or the
/// defaults in brackets) make `CN, OU, O, L, ST, C`, then a confirmation; a rejected name becomes
/// the defaults of the next round, 21 rounds at most.
fn prompt_dname(ui: &mut Ui) -> Result<x509_cert::name::Name, KtError> {
    const QUESTIONS: [(&str, &str); 6] = [
        ("CN", "What is your first and last name?"),
        ("OU", "What is the name of your organizational unit?"),
        ("O", "What is the name of your organization?"),
        ("L", "What is the name of your City or Locality?"),
        ("ST", "What is the name of your State or Province?"),
        ("C", "What is the two-letter country code for this unit?"),
    ];
    let mut defaults: Vec<String> = vec!["Unknown".to_owned(); QUESTIONS.len()];
    for _ in 0..21 {
        let mut values = Vec::with_capacity(QUESTIONS.len());
        for ((_, question), default) in QUESTIONS.iter().zip(&defaults) {
            let answer = ui.line(&format!("{question}\n  [{default}]:  "));
            values.push(
                answer
                    .filter(|a| !a.is_empty())
                    .unwrap_or_else(|| default.clone()),
            );
        }
        let text: Vec<String> = QUESTIONS
            .iter()
            .zip(&values)
            .map(|((key, _), value)| format!("{key}={}", escape_ava(value)))
            .collect();
        let name =
            dname::parse(&text.join(", ")).map_err(|e| KtError::from_java_text(&e.to_string()))?;
        let shown = der::Encode::to_der(&name)
            .ok()
            .and_then(|d| render::dn_to_string(&d).ok())
            .unwrap_or_else(|| text.join(", "));
        let answer = ui
            .line(&format!("Is {shown} correct?\n  [no]:  "))
            .unwrap_or_default();
        if matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
            ui.err("\n");
            return Ok(name);
        }
        defaults = values;
    }
    Err(KtError::java(
        "java.lang.RuntimeException",
        "Too many retries, program terminated",
    ))
}

/// Escapes a typed value for the `-dname` grammar (the dialogue builds the name from values).
fn escape_ava(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.chars().enumerate() {
        let edge_space = c == ' ' && (i == 0 || i + 1 == value.chars().count());
        if matches!(c, ',' | '+' | '=' | '<' | '>' | '#' | ';' | '"' | '\\') || edge_space {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// keytool 17's `Generating …` key description: `2,048 bit RSA`, `256 bit EC (secp256r1)`,
/// `2,048 bit DSA`, `448 bit Ed448`, `-1 bit RSASSA-PSS` (`bits` = `None`).
fn describe(alg: KeyAlgorithm, bits: Option<usize>) -> String {
    let bits = bits.map_or_else(|| "-1".to_owned(), |b| render::group_thousands(b as u64));
    match alg {
        KeyAlgorithm::Rsa { .. } => format!("{bits} bit RSA"),
        KeyAlgorithm::RsaPss { .. } => format!("{bits} bit RSASSA-PSS"),
        KeyAlgorithm::Dsa { .. } => format!("{bits} bit DSA"),
        KeyAlgorithm::EcP256 => format!("{bits} bit EC (secp256r1)"),
        KeyAlgorithm::EcP384 => format!("{bits} bit EC (secp384r1)"),
        KeyAlgorithm::Ed25519 => format!("{bits} bit Ed25519"),
        KeyAlgorithm::Ed448 => format!("{bits} bit Ed448"),
        _ => format!("{bits} bit EC (secp521r1)"),
    }
}

/// JDK 17's names for the NIST curves rkeytool generates (matched case-insensitively, as
/// keytool's `-groupname`), and for curves keytool knows but cannot generate (with keytool's
/// `Curve not supported: …` description).
type CurveNames = (&'static [&'static str], Option<KeyAlgorithm>, &'static str);

const EC_CURVES: &[CurveNames] = &[
    (
        &[
            "secp256r1",
            "nist p-256",
            "x9.62 prime256v1",
            "1.2.840.10045.3.1.7",
        ],
        Some(KeyAlgorithm::EcP256),
        "",
    ),
    (
        &["secp384r1", "nist p-384", "1.3.132.0.34"],
        Some(KeyAlgorithm::EcP384),
        "",
    ),
    (
        &["secp521r1", "nist p-521", "1.3.132.0.35"],
        Some(KeyAlgorithm::EcP521),
        "",
    ),
    (
        &["secp224r1", "nist p-224", "1.3.132.0.33"],
        None,
        "secp224r1 [NIST P-224] (1.3.132.0.33)",
    ),
    (
        &[
            "secp192r1",
            "nist p-192",
            "x9.62 prime192v1",
            "1.2.840.10045.3.1.1",
        ],
        None,
        "secp192r1 [NIST P-192,X9.62 prime192v1] (1.2.840.10045.3.1.1)",
    ),
    (
        &["secp256k1", "1.3.132.0.10"],
        None,
        "secp256k1 (1.3.132.0.10)",
    ),
    (
        &["brainpoolp256r1", "1.3.36.3.3.2.8.1.1.7"],
        None,
        "brainpoolP256r1 (1.3.36.3.3.2.8.1.1.7)",
    ),
    (
        &["brainpoolp384r1", "1.3.36.3.3.2.8.1.1.11"],
        None,
        "brainpoolP384r1 (1.3.36.3.3.2.8.1.1.11)",
    ),
    (
        &["brainpoolp512r1", "1.3.36.3.3.2.8.1.1.13"],
        None,
        "brainpoolP512r1 (1.3.36.3.3.2.8.1.1.13)",
    ),
];

fn illegal_argument(message: impl Into<String>) -> KtError {
    KtError::java("java.lang.IllegalArgumentException", message)
}

/// `-keyalg EC` with `-groupname` or `-keysize` (deprecated, but keytool 17 still takes it).
fn ec_curve(
    groupname: Option<&str>,
    size: Option<usize>,
    ui: &mut Ui,
) -> Result<KeyAlgorithm, KtError> {
    if let Some(name) = groupname {
        let lower = name.to_ascii_lowercase();
        return match EC_CURVES
            .iter()
            .find(|(names, ..)| names.contains(&lower.as_str()))
        {
            Some((_, Some(alg), _)) => Ok(*alg),
            Some((_, None, described)) => Err(illegal_argument(format!(
                "Curve not supported: {described}"
            ))),
            None => Err(illegal_argument(format!("Unknown curve name: {name}"))),
        };
    }
    let (alg, curve) = match size {
        None | Some(256) => (KeyAlgorithm::EcP256, "secp256r1"),
        Some(384) => (KeyAlgorithm::EcP384, "secp384r1"),
        Some(521) => (KeyAlgorithm::EcP521, "secp521r1"),
        Some(224) => {
            return Err(KtError::java(
                "java.security.ProviderException",
                "Curve not supported:  secp224r1 [NIST P-224] (1.3.132.0.33)",
            ));
        }
        Some(192) => {
            return Err(KtError::java(
                "java.security.ProviderException",
                "Curve not supported:  secp192r1 [NIST P-192,X9.62 prime192v1] (1.2.840.10045.3.1.1)",
            ));
        }
        // keytool appends the JVM's object id (`…ECKeySizeParameterSpec@6d5380c2`).
        Some(_) => {
            return Err(KtError::java(
                "java.security.spec.InvalidParameterSpecException",
                "Not a supported curve: sun.security.util.ECKeySizeParameterSpec",
            ));
        }
    };
    if size.is_some() {
        ui.warn(format!(
            "Specifying -keysize for generating EC keys is deprecated, please use \"-groupname {curve}\" instead."
        ));
    }
    Ok(alg)
}

/// `-keyalg EdDSA`, `Ed25519` or `Ed448` with `-keysize` (255 or 448) or `-groupname`
/// (`Ed25519`, `Ed448`), with keytool 17's errors.
fn edwards_curve(
    keyalg: &str,
    size: Option<usize>,
    groupname: Option<&str>,
) -> Result<KeyAlgorithm, KtError> {
    let fixed = match keyalg.to_ascii_uppercase().as_str() {
        "ED25519" => Some(KeyAlgorithm::Ed25519),
        "ED448" => Some(KeyAlgorithm::Ed448),
        _ => None,
    };
    let wanted = match (groupname, size) {
        (Some(g), _) if g.eq_ignore_ascii_case("Ed25519") => Some(KeyAlgorithm::Ed25519),
        (Some(g), _) if g.eq_ignore_ascii_case("Ed448") => Some(KeyAlgorithm::Ed448),
        (Some(g), _) => return Err(illegal_argument(format!("Unsupported name: {g}"))),
        (None, Some(255)) => Some(KeyAlgorithm::Ed25519),
        (None, Some(448)) => Some(KeyAlgorithm::Ed448),
        (None, Some(n)) if fixed.is_none() => {
            return Err(illegal_argument(format!("Unsupported size: {n}")));
        }
        (None, Some(_)) => None,
        (None, None) => Some(fixed.unwrap_or(KeyAlgorithm::Ed25519)),
    };
    match (fixed, wanted) {
        (Some(f), Some(w)) if f == w => Ok(f),
        (None, Some(alg)) => Ok(alg),
        (Some(f), _) => {
            let name = if f == KeyAlgorithm::Ed448 {
                "Ed448"
            } else {
                "Ed25519"
            };
            let message = format!("Parameters must be {name}");
            Err(illegal_argument(if groupname.is_some() {
                format!("java.security.InvalidParameterException: {message}")
            } else {
                message
            }))
        }
        (None, None) => Ok(KeyAlgorithm::Ed25519),
    }
}

/// `-keyalg`, `-keysize`, `-groupname` as keytool 17 reads them (RSA, RSASSA-PSS and DSA
/// default to 2048 bits, EC to secp256r1; `-keysize` with EC is deprecated but works).
pub(crate) fn key_algorithm(
    keyalg: &str,
    keysize: Option<&str>,
    groupname: Option<&str>,
    ui: &mut Ui,
) -> Result<KeyAlgorithm, KtError> {
    let size = keysize.map(java_number::<usize>).transpose()?;
    let upper = keyalg.to_ascii_uppercase();
    if groupname.is_some() {
        match upper.as_str() {
            "RSA" | "RSASSA-PSS" => {
                return Err(illegal_argument(
                    "Params must be instance of RSAKeyGenParameterSpec",
                ));
            }
            "DSA" => return Err(illegal_argument("Inappropriate parameter")),
            _ => {}
        }
    }
    match upper.as_str() {
        "RSA" | "RSASSA-PSS" => {
            let bits = size.unwrap_or(2048);
            if !(1024..=16384).contains(&bits) {
                return Err(KtError::java(
                    "java.security.InvalidParameterException",
                    format!(
                        "RSA keys must be at least 512 bits long and at most 16384 bits ({bits} requested)"
                    ),
                ));
            }
            Ok(if upper == "RSA" {
                KeyAlgorithm::Rsa { bits }
            } else {
                KeyAlgorithm::RsaPss { bits }
            })
        }
        "EC" => ec_curve(groupname, size, ui),
        "EDDSA" | "ED25519" | "ED448" => edwards_curve(keyalg, size, groupname),
        "DSA" => match size.unwrap_or(2048) {
            bits @ (1024 | 2048 | 3072) => Ok(KeyAlgorithm::Dsa { bits }),
            // Sizes keytool takes (with freshly generated parameters) that rkeytool has no
            // domain parameters for.
            bits @ 512..=1023 if bits % 64 == 0 => Err(KtError::exception(format!(
                "rkeytool generates DSA keys of 1024, 2048 and 3072 bits only ({bits} requested)"
            ))),
            bits => Err(illegal_argument(format!("Invalid DSA Prime Size: {bits}"))),
        },
        // Algorithms keytool generates that rkeytool only reads (listing, export, conversion).
        "XDH" | "X25519" | "X448" | "DH" => Err(KtError::java(
            "java.security.NoSuchAlgorithmException",
            format!(
                "{keyalg} KeyPairGenerator not available: rkeytool can read {keyalg} keys but not generate them yet"
            ),
        )),
        _ => Err(KtError::java(
            "java.security.NoSuchAlgorithmException",
            format!("{keyalg} KeyPairGenerator not available"),
        )),
    }
}

/// The certificate parameters shared by `-genkeypair`, `-gencert` and `-selfcert`: `base`
/// extensions with the `-ext` values laid over them (one per OID, the later one wins),
/// `-validity` and `-startdate`.
pub(crate) fn cert_params(
    args: &Args,
    subject: x509_cert::name::Name,
    base: Vec<x509_cert::ext::Extension>,
) -> Result<cert::CertParams, KtError> {
    let mut extensions = base;
    for e in ext::parse(args.values("ext")).map_err(|e| KtError::from_java_text(&e.to_string()))? {
        extensions.retain(|x| x.extn_id != e.extn_id);
        extensions.push(e);
    }
    let mut params = cert::CertParams::new(subject)
        .with_validity_days(validity_days(args)?)
        .with_extensions(extensions);
    if let Some(start) = args.value("startdate") {
        params = params.with_not_before(crate::commands::startdate::parse(
            start,
            std::time::SystemTime::now(),
        )?);
    }
    Ok(params)
}

/// `-validity` (default 90 days).
pub(crate) fn validity_days(args: &Args) -> Result<u32, KtError> {
    match args.value("validity") {
        None => Ok(90),
        Some(v) => match java_number::<i64>(v)? {
            n if n <= 0 => Err(KtError::exception("Validity must be greater than zero")),
            n => u32::try_from(n)
                .map_err(|_| KtError::exception("Validity must be greater than zero")),
        },
    }
}

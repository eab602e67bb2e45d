//! What the checks look at, read once from a certificate or a request: key type and size,
//! signature algorithm, names and the extensions that restrict use.

use core::{fmt, net::IpAddr};

use const_oid::ObjectIdentifier;
use der::{
    Decode, Encode, Tagged,
    asn1::{Any, Uint},
};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::{
    Certificate,
    ext::{
        Extension,
        pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAltName, name::GeneralName},
    },
    name::Name,
    request::{CertReq, ExtensionReq},
};

/// The OIDs the checks name.
pub(crate) mod oid {
    use const_oid::ObjectIdentifier;

    const fn o(s: &str) -> ObjectIdentifier {
        ObjectIdentifier::new_unwrap(s)
    }

    pub(crate) const RSA_ENCRYPTION: ObjectIdentifier = o("1.2.840.113549.1.1.1");
    pub(crate) const MD2_WITH_RSA: ObjectIdentifier = o("1.2.840.113549.1.1.2");
    pub(crate) const MD5_WITH_RSA: ObjectIdentifier = o("1.2.840.113549.1.1.4");
    pub(crate) const SHA1_WITH_RSA: ObjectIdentifier = o("1.2.840.113549.1.1.5");
    pub(crate) const RSASSA_PSS: ObjectIdentifier = o("1.2.840.113549.1.1.10");
    pub(crate) const SHA256_WITH_RSA: ObjectIdentifier = o("1.2.840.113549.1.1.11");
    pub(crate) const SHA384_WITH_RSA: ObjectIdentifier = o("1.2.840.113549.1.1.12");
    pub(crate) const SHA512_WITH_RSA: ObjectIdentifier = o("1.2.840.113549.1.1.13");
    pub(crate) const SHA224_WITH_RSA: ObjectIdentifier = o("1.2.840.113549.1.1.14");
    pub(crate) const DSA: ObjectIdentifier = o("1.2.840.10040.4.1");
    pub(crate) const DSA_WITH_SHA1: ObjectIdentifier = o("1.2.840.10040.4.3");
    pub(crate) const DSA_WITH_SHA224: ObjectIdentifier = o("2.16.840.1.101.3.4.3.1");
    pub(crate) const DSA_WITH_SHA256: ObjectIdentifier = o("2.16.840.1.101.3.4.3.2");
    pub(crate) const EC_PUBLIC_KEY: ObjectIdentifier = o("1.2.840.10045.2.1");
    pub(crate) const ECDSA_WITH_SHA1: ObjectIdentifier = o("1.2.840.10045.4.1");
    pub(crate) const ECDSA_WITH_SHA224: ObjectIdentifier = o("1.2.840.10045.4.3.1");
    pub(crate) const ECDSA_WITH_SHA256: ObjectIdentifier = o("1.2.840.10045.4.3.2");
    pub(crate) const ECDSA_WITH_SHA384: ObjectIdentifier = o("1.2.840.10045.4.3.3");
    pub(crate) const ECDSA_WITH_SHA512: ObjectIdentifier = o("1.2.840.10045.4.3.4");
    pub(crate) const ED25519: ObjectIdentifier = o("1.3.101.112");
    pub(crate) const ED448: ObjectIdentifier = o("1.3.101.113");
    pub(crate) const SECP192R1: ObjectIdentifier = o("1.2.840.10045.3.1.1");
    pub(crate) const SECP224R1: ObjectIdentifier = o("1.3.132.0.33");
    pub(crate) const SECP256R1: ObjectIdentifier = o("1.2.840.10045.3.1.7");
    pub(crate) const SECP256K1: ObjectIdentifier = o("1.3.132.0.10");
    pub(crate) const SECP384R1: ObjectIdentifier = o("1.3.132.0.34");
    pub(crate) const SECP521R1: ObjectIdentifier = o("1.3.132.0.35");
    pub(crate) const MD2: ObjectIdentifier = o("1.2.840.113549.2.2");
    pub(crate) const MD5: ObjectIdentifier = o("1.2.840.113549.2.5");
    pub(crate) const SHA1: ObjectIdentifier = o("1.3.14.3.2.26");
    pub(crate) const SHA224: ObjectIdentifier = o("2.16.840.1.101.3.4.2.4");
    pub(crate) const SHA256: ObjectIdentifier = o("2.16.840.1.101.3.4.2.1");
    pub(crate) const SHA384: ObjectIdentifier = o("2.16.840.1.101.3.4.2.2");
    pub(crate) const SHA512: ObjectIdentifier = o("2.16.840.1.101.3.4.2.3");
    pub(crate) const SERVER_AUTH: ObjectIdentifier = o("1.3.6.1.5.5.7.3.1");
    pub(crate) const CLIENT_AUTH: ObjectIdentifier = o("1.3.6.1.5.5.7.3.2");
    pub(crate) const ANY_EKU: ObjectIdentifier = o("2.5.29.37.0");
}

/// A public key's type and size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key {
    /// RSA (rsaEncryption or RSASSA-PSS key) with the modulus size in bits.
    Rsa(usize),
    /// EC with the named curve's OID and size in bits (`None` when the curve is unknown).
    Ec(Option<ObjectIdentifier>, Option<usize>),
    /// DSA with the size of `p` in bits, when readable.
    Dsa(Option<usize>),
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// Anything else, or an RSA key whose modulus cannot be read.
    Other(ObjectIdentifier),
}

impl Key {
    pub(crate) fn of(spki: &SubjectPublicKeyInfoOwned) -> Self {
        let alg = spki.algorithm.oid;
        match alg {
            oid::RSA_ENCRYPTION | oid::RSASSA_PSS => spki
                .subject_public_key
                .as_bytes()
                .and_then(|b| integers(b).ok())
                .and_then(|ints| ints.first().map(bit_length))
                .map_or(Self::Other(alg), Self::Rsa),
            oid::EC_PUBLIC_KEY => {
                let curve = spki
                    .algorithm
                    .parameters
                    .as_ref()
                    .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
                let bits = curve.and_then(|c| match c {
                    oid::SECP192R1 => Some(192),
                    oid::SECP224R1 => Some(224),
                    oid::SECP256R1 | oid::SECP256K1 => Some(256),
                    oid::SECP384R1 => Some(384),
                    oid::SECP521R1 => Some(521),
                    _ => None,
                });
                Self::Ec(curve, bits)
            }
            oid::DSA => Self::Dsa(
                spki.algorithm
                    .parameters
                    .as_ref()
                    .and_then(|p| p.to_der().ok())
                    .and_then(|d| integers(&d).ok())
                    .and_then(|ints| ints.first().map(bit_length)),
            ),
            oid::ED25519 => Self::Ed25519,
            oid::ED448 => Self::Ed448,
            other => Self::Other(other),
        }
    }

    pub(crate) fn is_rsa(self) -> bool {
        matches!(self, Self::Rsa(_))
    }

    pub(crate) fn is_ec(self) -> bool {
        matches!(self, Self::Ec(..))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rsa(bits) => write!(f, "RSA {bits} bits"),
            Self::Ec(curve, bits) => {
                let name = match *curve {
                    Some(oid::SECP192R1) => "P-192",
                    Some(oid::SECP224R1) => "P-224",
                    Some(oid::SECP256R1) => "P-256",
                    Some(oid::SECP256K1) => "secp256k1",
                    Some(oid::SECP384R1) => "P-384",
                    Some(oid::SECP521R1) => "P-521",
                    Some(_) | None => "",
                };
                match (name, curve, bits) {
                    ("", Some(c), _) => write!(f, "EC on curve {c}"),
                    ("", None, _) => f.write_str("EC with explicit or missing curve parameters"),
                    (n, _, Some(b)) => write!(f, "EC {n} ({b} bits)"),
                    (n, _, None) => write!(f, "EC {n}"),
                }
            }
            Self::Dsa(Some(bits)) => write!(f, "DSA {bits} bits"),
            Self::Dsa(None) => f.write_str("DSA"),
            Self::Ed25519 => f.write_str("Ed25519"),
            Self::Ed448 => f.write_str("Ed448"),
            Self::Other(o) => write!(f, "key algorithm {o}"),
        }
    }
}

/// The SEQUENCE OF INTEGER in `der` (RSAPublicKey, Dss-Parms).
fn integers(der: &[u8]) -> der::Result<Vec<Uint>> {
    Vec::<Uint>::from_der(der)
}

fn bit_length(n: &Uint) -> usize {
    let bytes = n.as_bytes();
    match bytes.iter().position(|&b| b != 0) {
        None => 0,
        Some(i) => {
            let first = bytes.get(i).copied().unwrap_or(0);
            (bytes.len() - i - 1) * 8 + (8 - first.leading_zeros() as usize)
        }
    }
}

/// The digest of a signature algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Digest {
    Md2,
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    /// EdDSA hashes internally (SHA-512 / SHAKE256): as strong as SHA-256 or better.
    Intrinsic,
}

/// The key type a signature algorithm signs with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SigKey {
    Rsa,
    Ecdsa,
    Dsa,
    EdDsa,
}

/// A signature algorithm: key type and digest (`None` parts when unknown) and its name.
#[derive(Clone, Debug)]
pub(crate) struct SigAlg {
    pub(crate) key: Option<SigKey>,
    pub(crate) digest: Option<Digest>,
    pub(crate) name: String,
}

impl SigAlg {
    pub(crate) fn of(alg: &AlgorithmIdentifierOwned) -> Self {
        use Digest::{Intrinsic, Md2, Md5, Sha1, Sha224, Sha256, Sha384, Sha512};
        use SigKey::{Dsa, Ecdsa, EdDsa, Rsa};
        let (key, digest, name) = match alg.oid {
            oid::MD2_WITH_RSA => (Rsa, Md2, "MD2withRSA"),
            oid::MD5_WITH_RSA => (Rsa, Md5, "MD5withRSA"),
            oid::SHA1_WITH_RSA => (Rsa, Sha1, "SHA1withRSA"),
            oid::SHA224_WITH_RSA => (Rsa, Sha224, "SHA224withRSA"),
            oid::SHA256_WITH_RSA => (Rsa, Sha256, "SHA256withRSA"),
            oid::SHA384_WITH_RSA => (Rsa, Sha384, "SHA384withRSA"),
            oid::SHA512_WITH_RSA => (Rsa, Sha512, "SHA512withRSA"),
            oid::RSASSA_PSS => {
                let digest = pss_digest(alg.parameters.as_ref());
                return Self {
                    key: Some(Rsa),
                    digest,
                    name: match digest {
                        Some(d) => format!("RSASSA-PSS with {}", digest_name(d)),
                        None => "RSASSA-PSS with an unknown digest".to_owned(),
                    },
                };
            }
            oid::DSA_WITH_SHA1 => (Dsa, Sha1, "SHA1withDSA"),
            oid::DSA_WITH_SHA224 => (Dsa, Sha224, "SHA224withDSA"),
            oid::DSA_WITH_SHA256 => (Dsa, Sha256, "SHA256withDSA"),
            oid::ECDSA_WITH_SHA1 => (Ecdsa, Sha1, "SHA1withECDSA"),
            oid::ECDSA_WITH_SHA224 => (Ecdsa, Sha224, "SHA224withECDSA"),
            oid::ECDSA_WITH_SHA256 => (Ecdsa, Sha256, "SHA256withECDSA"),
            oid::ECDSA_WITH_SHA384 => (Ecdsa, Sha384, "SHA384withECDSA"),
            oid::ECDSA_WITH_SHA512 => (Ecdsa, Sha512, "SHA512withECDSA"),
            oid::ED25519 => (EdDsa, Intrinsic, "Ed25519"),
            oid::ED448 => (EdDsa, Intrinsic, "Ed448"),
            other => {
                return Self {
                    key: None,
                    digest: None,
                    name: format!("signature algorithm {other}"),
                };
            }
        };
        Self {
            key: Some(key),
            digest: Some(digest),
            name: name.to_owned(),
        }
    }
}

pub(crate) fn digest_name(d: Digest) -> &'static str {
    match d {
        Digest::Md2 => "MD2",
        Digest::Md5 => "MD5",
        Digest::Sha1 => "SHA-1",
        Digest::Sha224 => "SHA-224",
        Digest::Sha256 => "SHA-256",
        Digest::Sha384 => "SHA-384",
        Digest::Sha512 => "SHA-512",
        Digest::Intrinsic => "EdDSA",
    }
}

/// RSASSA-PSS-params: `hashAlgorithm [0] AlgorithmIdentifier DEFAULT sha1`.
fn pss_digest(params: Option<&Any>) -> Option<Digest> {
    let Some(params) = params else {
        return Some(Digest::Sha1);
    };
    let fields = Vec::<Any>::from_der(&params.to_der().ok()?).ok()?;
    let hash = fields.iter().find(|f| {
        let tag = f.tag();
        tag.is_context_specific() && tag.is_constructed() && u32::from(tag.number()) == 0
    });
    let Some(hash) = hash else {
        return Some(Digest::Sha1);
    };
    let alg = AlgorithmIdentifierOwned::from_der(hash.value()).ok()?;
    match alg.oid {
        oid::SHA1 => Some(Digest::Sha1),
        oid::SHA224 => Some(Digest::Sha224),
        oid::SHA256 => Some(Digest::Sha256),
        oid::SHA384 => Some(Digest::Sha384),
        oid::SHA512 => Some(Digest::Sha512),
        oid::MD5 => Some(Digest::Md5),
        oid::MD2 => Some(Digest::Md2),
        _ => None,
    }
}

/// One SubjectAlternativeName entry the checks care about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AltName {
    Dns(String),
    Ip(IpAddr),
    Other(String),
}

impl fmt::Display for AltName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Dns(d) => write!(f, "DNS:{d}"),
            Self::Ip(a) => write!(f, "IP:{a}"),
            Self::Other(o) => f.write_str(o),
        }
    }
}

fn alt_name(g: &GeneralName) -> AltName {
    match g {
        GeneralName::DnsName(s) => AltName::Dns(s.to_string()),
        GeneralName::IpAddress(o) => {
            let b = o.as_bytes();
            if let Ok(v4) = <[u8; 4]>::try_from(b) {
                AltName::Ip(IpAddr::from(v4))
            } else if let Ok(v6) = <[u8; 16]>::try_from(b) {
                AltName::Ip(IpAddr::from(v6))
            } else {
                AltName::Other(format!("IP:<{} bytes>", b.len()))
            }
        }
        GeneralName::Rfc822Name(s) => AltName::Other(format!("email:{s}")),
        GeneralName::UniformResourceIdentifier(s) => AltName::Other(format!("URI:{s}")),
        GeneralName::RegisteredId(o) => AltName::Other(format!("OID:{o}")),
        GeneralName::DirectoryName(n) => AltName::Other(format!("DirName:{n}")),
        GeneralName::OtherName(o) => AltName::Other(format!("otherName:{}", o.type_id)),
        GeneralName::EdiPartyName(_) => AltName::Other("ediPartyName".to_owned()),
    }
}

/// An extension that is present, with its critical flag, or could not be decoded.
#[derive(Clone, Debug)]
pub(crate) enum Ext<T> {
    Absent,
    Present { critical: bool, value: T },
    Malformed,
}

fn find<T: for<'a> Decode<'a> + const_oid::AssociatedOid>(exts: &[Extension]) -> Ext<T> {
    let mut found = exts.iter().filter(|e| e.extn_id == T::OID);
    match (found.next(), found.next()) {
        (None, _) => Ext::Absent,
        (Some(_), Some(_)) => Ext::Malformed,
        (Some(e), None) => match T::from_der(e.extn_value.as_bytes()) {
            Ok(value) => Ext::Present {
                critical: e.critical,
                value,
            },
            Err(_) => Ext::Malformed,
        },
    }
}

/// Everything the checks read from a certificate or request.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    pub(crate) subject: String,
    pub(crate) common_name: Option<String>,
    pub(crate) key: Key,
    pub(crate) sig: SigAlg,
    pub(crate) san: Ext<Vec<AltName>>,
    pub(crate) key_usage: Ext<KeyUsage>,
    pub(crate) eku: Ext<Vec<ObjectIdentifier>>,
    pub(crate) basic_constraints: Ext<BasicConstraints>,
}

impl Facts {
    fn from_parts(
        subject: &Name,
        spki: &SubjectPublicKeyInfoOwned,
        sig: &AlgorithmIdentifierOwned,
        exts: &[Extension],
    ) -> Self {
        let san = match find::<SubjectAltName>(exts) {
            Ext::Absent => Ext::Absent,
            Ext::Malformed => Ext::Malformed,
            Ext::Present { critical, value } => Ext::Present {
                critical,
                value: value.0.iter().map(alt_name).collect(),
            },
        };
        let eku = match find::<ExtendedKeyUsage>(exts) {
            Ext::Absent => Ext::Absent,
            Ext::Malformed => Ext::Malformed,
            Ext::Present { critical, value } => Ext::Present {
                critical,
                value: value.0,
            },
        };
        Self {
            subject: subject.to_string(),
            common_name: common_name(subject),
            key: Key::of(spki),
            sig: SigAlg::of(sig),
            san,
            key_usage: find(exts),
            eku,
            basic_constraints: find(exts),
        }
    }

    pub(crate) fn of_cert(cert: &Certificate) -> Self {
        let tbs = cert.tbs_certificate();
        Self::from_parts(
            tbs.subject(),
            tbs.subject_public_key_info(),
            cert.signature_algorithm(),
            tbs.extensions().map_or(&[], Vec::as_slice),
        )
    }

    pub(crate) fn of_request(req: &CertReq) -> Self {
        let exts: Vec<Extension> = req
            .info
            .attributes
            .iter()
            .filter(|a| a.oid == <ExtensionReq as const_oid::AssociatedOid>::OID)
            .flat_map(|a| a.values.iter())
            .filter_map(|v| v.to_der().ok())
            .filter_map(|d| ExtensionReq::from_der(&d).ok())
            .flat_map(|r| r.0)
            .collect();
        Self::from_parts(
            &req.info.subject,
            &req.info.public_key,
            &req.algorithm,
            &exts,
        )
    }

    /// Whether BasicConstraints says cA = true.
    pub(crate) fn is_ca(&self) -> bool {
        matches!(&self.basic_constraints, Ext::Present { value, .. } if value.ca)
    }

    /// The dNSName and iPAddress SAN entries (empty when there is no SAN).
    pub(crate) fn san_names(&self) -> &[AltName] {
        match &self.san {
            Ext::Present { value, .. } => value,
            _ => &[],
        }
    }
}

/// The most specific (last) CN of a name, as text.
pub(crate) fn common_name(name: &Name) -> Option<String> {
    name.iter()
        .filter(|atv| atv.oid == const_oid::db::rfc4519::COMMON_NAME)
        .filter_map(|atv| {
            x509_cert::ext::pkix::name::DirectoryString::try_from(&atv.value)
                .ok()
                .map(|d| d.value().into_owned())
        })
        .last()
}

/// Seconds since the Unix epoch of an X.509 time.
pub(crate) fn unix(t: x509_cert::time::Time) -> i64 {
    i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

//! Object identifiers of PKCS#7/#9/#12 used by the codec (pkcs12.md §5).

use der::asn1::ObjectIdentifier as Oid;

/// PKCS#7 `data`.
pub(crate) const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
/// PKCS#7 `encryptedData`.
pub(crate) const ENCRYPTED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.6");

/// `keyBag` (unencrypted PKCS#8).
pub(crate) const KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.1");
/// `pkcs8ShroudedKeyBag`.
pub(crate) const SHROUDED_KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.2");
/// `certBag`.
pub(crate) const CERT_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.3");
/// `secretBag`.
pub(crate) const SECRET_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.5");

/// `x509Certificate` cert type of a `certBag`.
pub(crate) const X509_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.22.1");

/// PKCS#9 `friendlyName` (BMPString).
pub(crate) const FRIENDLY_NAME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.20");
/// PKCS#9 `localKeyId` (OCTET STRING).
pub(crate) const LOCAL_KEY_ID: Oid = Oid::new_unwrap("1.2.840.113549.1.9.21");
/// Oracle's trusted-key-usage attribute (SET OF OID), which makes a certificate bag a Java
/// trusted-certificate entry.
pub(crate) const TRUSTED_KEY_USAGE: Oid = Oid::new_unwrap("2.16.840.1.113894.746875.1.1");
/// `anyExtendedKeyUsage`, the usage Java writes.
pub(crate) const ANY_EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37.0");

/// X.509 `subjectKeyIdentifier` extension.
pub(crate) const SUBJECT_KEY_ID: Oid = Oid::new_unwrap("2.5.29.14");
/// X.509 `authorityKeyIdentifier` extension.
pub(crate) const AUTHORITY_KEY_ID: Oid = Oid::new_unwrap("2.5.29.35");

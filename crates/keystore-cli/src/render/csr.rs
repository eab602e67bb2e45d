//! `-printcertreq` (keytool.md §3.10): a PKCS#10 request as keytool prints it.

use super::{
    RenderError, algs,
    asn1::{self, JResult, SEQUENCE, Tlv, io},
    dn, ext,
};

/// `extensionRequest` (PKCS#9).
const EXTENSION_REQUEST: &str = "1.2.840.113549.1.9.14";
/// `challengePassword` and `unstructuredName` (PKCS#9), printed by name.
const CHALLENGE_PASSWORD: &str = "1.2.840.113549.1.9.7";
const UNSTRUCTURED_NAME: &str = "1.2.840.113549.1.9.2";

fn parse(der: &[u8]) -> JResult<String> {
    let req = asn1::parse(der)?;
    if req.tag != SEQUENCE {
        return io("Too short");
    }
    let mut r = req.reader();
    let (info, alg) = (r.read()?, r.read()?);
    let alg = algs::alg_name(&algs::parse_alg_id(&alg)?);
    let mut i = info.reader();
    // Java prints the version number plus one ("Version 1.0" for v1 = 0).
    let version = i.read()?.int(asn1::INTEGER)?.saturating_add(1);
    let subject = dn::parse(&i.read()?)?.render();
    let key = algs::describe_key(&i.read()?)?;
    let mut out = format!(
        "PKCS #10 Certificate Request (Version {version}.0)\nSubject: {subject}\nFormat: X.509\n\
         Public Key: {}\nSignature algorithm: {alg}\n",
        key.text
    );
    if i.is_empty() {
        return Ok(out);
    }
    let attributes: Tlv<'_> = i.read()?;
    let mut attrs = attributes.reader();
    while !attrs.is_empty() {
        let attr = attrs.read()?;
        let mut a = attr.reader();
        let oid = a.read()?.oid()?;
        let values = a.read()?;
        match oid.as_str() {
            EXTENSION_REQUEST => {
                let list = ext::parse_all(&values)?;
                out.push_str("\nExtension Request:\n\n");
                for (n, entry) in ext::render(&list)?.iter().enumerate() {
                    out.push_str(&format!("#{}: {entry}\n", n + 1));
                }
            }
            CHALLENGE_PASSWORD | UNSTRUCTURED_NAME => {
                let value = values
                    .reader()
                    .read()
                    .ok()
                    .and_then(|v| dn::as_string(&v))
                    .unwrap_or_default();
                if oid == CHALLENGE_PASSWORD {
                    out.push_str(&format!("Attribute: {oid}\nChallengePassword: {value}\n"));
                } else {
                    out.push_str(&format!("Attribute: {oid}\nUnstructuredName: [{value}]\n"));
                }
            }
            _ => out.push_str(&format!("Attribute: {oid}\n")),
        }
    }
    Ok(out)
}

/// The text keytool prints for a DER PKCS#10 request.
pub(super) fn render(der: &[u8]) -> Result<String, RenderError> {
    parse(der).map_err(RenderError::new)
}

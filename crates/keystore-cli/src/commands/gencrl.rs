//! `-gencrl`: a CRL signed by key entry `-alias` (default `mykey`), listing every `-id
//! serial[:reason]`, written DER (or `-rfc` PEM) to `-file` or stdout.
//!
//! Observed on keytool 17.0.15: serials are decimal `BigInteger`s (negative allowed, no `0x`),
//! reasons decimal `int`s written as given (any value but 0, which fails when encoding);
//! thisUpdate = `-startdate` or now, nextUpdate = thisUpdate + `-validity` days (default 90),
//! every entry dated thisUpdate; no CRL extensions; v1 unless some entry has a reason. The
//! output file is created (empty) right after the keystore is loaded, so later errors leave it
//! empty.

use keystore::Entry;
use keystore_certgen::crl::{self, CrlParams, Revocation};

use crate::{
    args::Args,
    commands::{
        alias_or_default,
        certreq::{apply_sigalg, signing_entry},
        genkeypair::validity_days,
        java_number,
    },
    error::KtError,
    session::{Access, Session},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let days = validity_days(args)?;
    let session = Session::open(args, ui, Access::Read)?;
    let file = args.value("file");
    if let Some(path) = file {
        std::fs::File::create(path).map_err(|e| file_error(path, &e))?;
    }
    let alias = alias_or_default(args).to_owned();
    match session.store.get(&alias) {
        None | Some(Entry::SecretKey(_)) => {
            return Err(KtError::java(
                "java.lang.NullPointerException",
                "Cannot invoke \"java.security.cert.Certificate.getEncoded()\" because \"signerCert\" is null",
            ));
        }
        Some(_) => {}
    }
    let (key, issuer) = signing_entry(args, ui, &session, &alias)?;
    let mut params = CrlParams::new().with_validity_days(days);
    if let Some(start) = args.value("startdate") {
        params = params.with_this_update(crate::commands::startdate::parse(
            start,
            std::time::SystemTime::now(),
        )?);
    }
    for id in args.values("id") {
        params = params.with_revoked(revocation(id)?);
    }
    let key = apply_sigalg(args, key)?;
    let der =
        crl::issue(&key, &issuer, &params).map_err(|e| KtError::from_java_text(&e.to_string()))?;
    let bytes = if args.flag("rfc") {
        crl::to_pem(&der).into_bytes()
    } else {
        der
    };
    match file {
        Some(path) => {
            keystore::fs::write_output(path, &bytes).map_err(|e| KtError::io(e.to_string()))?;
        }
        None => ui.out_bytes(&bytes),
    }
    session.proprietary_warning(ui);
    Ok(())
}

/// keytool's error for an output file it cannot create.
fn file_error(path: &str, e: &std::io::Error) -> KtError {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory",
        std::io::ErrorKind::PermissionDenied => "Permission denied",
        std::io::ErrorKind::IsADirectory => "Is a directory",
        _ => return KtError::io(e.to_string()),
    };
    KtError::java("java.io.FileNotFoundException", format!("{path} ({why})"))
}

/// `-id serial[:reason]`: the part before the first `:` is the serial, the rest the reason.
fn revocation(id: &str) -> Result<Revocation, KtError> {
    let (serial, reason) = match id.split_once(':') {
        Some((s, r)) => (s, Some(r)),
        None => (id, None),
    };
    let revocation = Revocation::new(big_integer(serial)?);
    match reason {
        None => Ok(revocation),
        Some(r) => match java_number::<i32>(r)? {
            0 => Err(KtError::java(
                "java.security.cert.CRLException",
                "Encoding error: java.io.IOException: No value to encode for the extension!",
            )),
            n => Ok(revocation.with_reason(n)),
        },
    }
}

fn number_format(message: impl Into<String>) -> KtError {
    KtError::java("java.lang.NumberFormatException", message)
}

/// `new BigInteger(text)` (radix 10) as two's-complement bytes, with Java's error texts:
/// `Zero length BigInteger`, `Illegal embedded sign character`, and `For input string: "…"`
/// naming the nine-digit group (the first one shorter) that holds a bad character.
fn big_integer(text: &str) -> Result<Vec<u8>, KtError> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return Err(number_format("Zero length BigInteger"));
    }
    let minus = chars.iter().rposition(|c| *c == '-');
    let plus = chars.iter().rposition(|c| *c == '+');
    let signs = chars.iter().filter(|c| matches!(c, '-' | '+')).count();
    if signs > 1 || minus.is_some_and(|i| i != 0) || plus.is_some_and(|i| i != 0) {
        return Err(number_format("Illegal embedded sign character"));
    }
    let negative = minus.is_some();
    let mut cursor = usize::from(signs == 1);
    if cursor == chars.len() {
        return Err(number_format("Zero length BigInteger"));
    }
    while chars.get(cursor) == Some(&'0') {
        cursor += 1;
    }
    let digits = chars.get(cursor..).unwrap_or_default();
    let first = match digits.len() % 9 {
        0 => 9,
        n => n,
    };
    let mut start = 0;
    let mut len = first.min(digits.len());
    while start < digits.len() {
        let group = digits.get(start..start + len).unwrap_or_default();
        if !group.iter().all(char::is_ascii_digit) {
            let group: String = group.iter().collect();
            return Err(number_format(format!("For input string: \"{group}\"")));
        }
        start += len;
        len = 9;
    }
    // Decimal to big-endian magnitude.
    let mut magnitude: Vec<u8> = vec![0];
    for d in digits {
        let mut carry = d.to_digit(10).unwrap_or(0);
        for b in magnitude.iter_mut().rev() {
            let v = u32::from(*b) * 10 + carry;
            *b = (v & 0xFF) as u8;
            carry = v >> 8;
        }
        while carry > 0 {
            magnitude.insert(0, (carry & 0xFF) as u8);
            carry >>= 8;
        }
    }
    // Two's complement with a sign byte to spare (the encoder drops redundant bytes).
    magnitude.insert(0, 0);
    if negative {
        let mut carry = true;
        for b in magnitude.iter_mut().rev() {
            let (v, c) = (!*b).overflowing_add(u8::from(carry));
            *b = v;
            carry = c;
        }
    }
    Ok(magnitude)
}

#[cfg(test)]
mod tests {
    use super::big_integer;

    #[test]
    fn big_integers_as_java_reads_them() {
        assert_eq!(big_integer("255").ok(), Some(vec![0, 0xFF]));
        assert_eq!(big_integer("-5").ok(), Some(vec![0xFF, 0xFB]));
        assert_eq!(big_integer("0").ok(), Some(vec![0, 0]));
        let e = |t: &str| big_integer(t).err().map(|e| e.to_string());
        assert_eq!(
            e("0x10").as_deref(),
            Some("java.lang.NumberFormatException: For input string: \"x10\"")
        );
        assert_eq!(
            e(":").as_deref().or(e("").as_deref()),
            Some("java.lang.NumberFormatException: For input string: \":\"")
        );
        assert_eq!(
            e("").as_deref(),
            Some("java.lang.NumberFormatException: Zero length BigInteger")
        );
        assert_eq!(
            e("12345678901a").as_deref(),
            Some("java.lang.NumberFormatException: For input string: \"45678901a\"")
        );
        assert_eq!(
            e("1-2").as_deref(),
            Some("java.lang.NumberFormatException: Illegal embedded sign character")
        );
    }
}

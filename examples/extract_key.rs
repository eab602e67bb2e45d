//! Decrypts a private-key entry: prints it as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`) and,
//! when it is a P-256 key, also loads it as a typed `p256::SecretKey`.
//!
//! ```text
//! cargo run -p keystore-examples --example extract_key -- <keystore> <storepass> <alias> [keypass]
//! ```
//!
//! The key password defaults to the store password (keytool's default). The PEM goes to
//! standard output: it is the unprotected private key, so redirect it to a file with
//! restrictive permissions.
//!
//! Two ways to get the key out of [`keystore::KeyStore`]:
//! * [`keystore::KeyStore::private_key`] returns the PKCS#8 DER as a `der::SecretDocument`
//!   (zeroized on drop), which `der` encodes as PEM;
//! * [`keystore::KeyStore::private_key_as`] decodes it into any RustCrypto key type that
//!   implements `pkcs8::DecodePrivateKey` (`p256::SecretKey`, `rsa::RsaPrivateKey`, …).

use std::{env, error::Error, fmt::Write as _};

use der::pem::LineEnding;
use keystore::Password;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = env::args().skip(1).collect();
    let [path, store_password, alias, rest @ ..] = args.as_slice() else {
        return Err("usage: extract_key <keystore> <storepass> <alias> [keypass]".into());
    };
    let store_password = Password::new(store_password.as_str());
    let key_password = rest
        .first()
        .map_or_else(|| store_password.clone(), |p| Password::new(p.as_str()));

    let store = keystore::fs::open(path, Some(&store_password))?;

    // PKCS#8 DER, zeroized on drop, then PEM (also zeroized on drop).
    let pkcs8 = store.private_key(alias, &key_password)?;
    let pem = pkcs8.to_pem("PRIVATE KEY", LineEnding::LF)?;
    print!("{}", pem.as_str());

    // The same key as a typed RustCrypto key, if it is one.
    match store.private_key_as::<p256::SecretKey>(alias, &key_password) {
        Ok(key) => {
            let mut point = String::new();
            for b in key.public_key().to_sec1_bytes().iter() {
                let _ = write!(point, "{b:02x}");
            }
            eprintln!("P-256 key; public point (SEC1): {point}");
        }
        Err(_) => eprintln!(
            "not a P-256 key ({} bytes of PKCS#8)",
            pkcs8.as_bytes().len()
        ),
    }
    let chain = store.certificate_chain(alias)?;
    eprintln!("certificate chain: {} certificate(s)", chain.len());
    Ok(())
}

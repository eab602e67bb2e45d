//! Creates a JKS trust store (or adds to an existing one) from a PEM certificate file, like
//! `keytool -importcert -noprompt -storetype JKS`.
//!
//! ```text
//! cargo run -p keystore-examples --example import_trusted -- <cert.pem> <truststore.jks> <storepass> [alias]
//! cargo run -p keystore-examples --example import_trusted -- examples/data/root-ca.pem /tmp/trust.jks changeit root
//! ```
//!
//! The PEM file may hold several certificates (a bundle): the first gets `alias`, the next
//! `alias-2`, `alias-3`, … An existing store is opened with (and so verified by) the store
//! password; the file is replaced atomically.

use std::{env, error::Error, path::Path};

use keystore::{KeyStore, Password, StoreFormat, certs::parse_certificates};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = env::args().skip(1).collect();
    let [pem_path, store_path, store_password, rest @ ..] = args.as_slice() else {
        return Err("usage: import_trusted <cert.pem> <truststore.jks> <storepass> [alias]".into());
    };
    let alias = rest.first().map_or("mycert", String::as_str);
    let password = Password::new(store_password.as_str());

    let certs = parse_certificates(&std::fs::read(pem_path)?)?;
    if certs.is_empty() {
        return Err(format!("{pem_path}: no certificate found").into());
    }

    let mut store = if Path::new(store_path).exists() {
        keystore::fs::open(store_path, Some(&password))?
    } else {
        KeyStore::new(StoreFormat::Jks)
    };

    for (i, cert) in certs.into_iter().enumerate() {
        // Reject anything that is not an X.509 certificate before storing it.
        let _parsed = cert.parse()?;
        let name = if i == 0 {
            alias.to_owned()
        } else {
            format!("{alias}-{}", i + 1)
        };
        if store.contains(&name) {
            return Err(format!("Certificate not imported, alias <{name}> already exists").into());
        }
        store.set_trusted_cert(&name, cert, keystore::now())?;
        println!(
            "Certificate was added to keystore as <{}>",
            name.to_lowercase()
        );
    }
    keystore::fs::save_atomic(&store, store_path, &password)?;
    println!("{store_path}: {} entries", store.len());
    Ok(())
}

//! The runbook in library calls: a JCEKS `.keystore` with an RSA-2048 key for this server's
//! FQDN, a CSR with SANs, signed by a CA (here a throw-away one made on the spot), and the
//! CA-signed chain installed on the key entry — `-genkeypair`, `-certreq -ext san=…`,
//! `-gencert`, `-importcert` without a JVM.
//!
//! ```text
//! cargo run -p keystore-examples --example server_certificate -- cvp1.example.com /tmp/.keystore changeit
//! keytool -list -v -storetype JCEKS -keystore /tmp/.keystore -storepass changeit
//! ```

use std::{env, error::Error};

use der::Encode as _;
use keystore::{
    CertificateDer, KeyPairSpec, KeyStore, Password, StoreFormat,
    certgen::{AnySigningKey, CertParams, KeyAlgorithm, cert, csr, dname, ext},
    fs,
};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = env::args().skip(1).collect();
    let [fqdn, store_path, store_password] = args.as_slice() else {
        return Err("usage: server_certificate <fqdn> <keystore> <storepass>".into());
    };
    let password = Password::new(store_password.as_str());

    // -genkeypair -alias wsm_certificate -keyalg RSA -keysize 2048 -validity 1095
    let mut store = KeyStore::new(StoreFormat::Jceks);
    let dn = format!("CN={fqdn}");
    let spec = KeyPairSpec {
        validity_days: 1095,
        ..KeyPairSpec::new(&dn)
    };
    let key = store.generate_key_pair("wsm_certificate", &spec, &password)?;

    // -certreq -ext san=dns:<fqdn>,dns:localhost
    let request = csr::build_with_sans(&key, &dn, &format!("dns:{fqdn},dns:localhost"))?;
    println!("{}", csr::to_pem(&request)?);

    // The CA's side (-gencert): a root made here; in real life the CA signs the request.
    let ca_key = AnySigningKey::generate(KeyAlgorithm::Rsa { bits: 2048 })?;
    let ca_params = CertParams::new(dname::parse("CN=Example Root CA")?)
        .with_validity_days(3650)
        .with_extensions(ext::parse(&[
            "bc:c".into(),
            "ku:c=keyCertSign,cRLSign".into(),
        ])?);
    let ca_cert = cert::self_signed(&ca_key, &ca_params)?;
    let signed = cert::sign_request(&ca_key, &ca_cert, &request, 1095)?;

    // -importcert -trustcacerts -alias root, then the reply onto the key alias.
    let root = CertificateDer::new(ca_cert.to_der()?);
    store.set_trusted_cert("root", root.clone(), keystore::now())?;
    let pkcs8 = store.private_key("wsm_certificate", &password)?;
    let chain = vec![CertificateDer::new(signed.to_der()?), root];
    store.set_private_key(
        "wsm_certificate",
        pkcs8.as_bytes(),
        chain,
        &password,
        keystore::now(),
    )?;

    fs::save_atomic(&store, store_path, &password)?;
    println!("{store_path}: wsm_certificate (CA-signed, SANs dns:{fqdn}, dns:localhost) and root");
    Ok(())
}

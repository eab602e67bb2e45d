//! `-genseckey` and `-importpass`: new secret-key entries (JCEKS and PKCS#12).

use keystore::{Password, SecretKey, SecretKeyError, StoreFormat, generate_secret_key};
use zeroize::Zeroizing;

use crate::{
    args::Args,
    commands::{alias_or_default, java_number, new_entry_key_password, pkcs12_keypass_warning},
    error::KtError,
    session::{Access, Session},
    ui::Ui,
};

/// `-genseckey`.
pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let algorithm = args
        .value("keyalg")
        .ok_or_else(|| KtError::exception("The -keyalg option must be specified."))?;
    let bits = args.value("keysize").map(java_number::<u32>).transpose()?;
    let (mut session, alias) = open_for_new_secret(args, ui)?;
    let key = generate_secret_key(algorithm, bits).map_err(|e| match e {
        SecretKeyError::UnknownAlgorithm(name) => KtError::java(
            "java.security.NoSuchAlgorithmException",
            format!("{name} KeyGenerator not available"),
        ),
        SecretKeyError::KeySizeRequired => {
            KtError::exception("Please provide -keysize for secret key generation")
        }
        other => KtError::java("java.security.InvalidParameterException", other.to_string()),
    })?;
    let shown_bits = bits.unwrap_or(if key.algorithm() == "DES" { 56 } else { 168 });
    ui.err(&format!(
        "Generated {shown_bits}-bit {} secret key\n",
        key.algorithm()
    ));
    store_secret(args, ui, &mut session, &alias, &key)
}

/// `-importpass`: stores a password (read from stdin) as a PBE secret key.
pub(crate) fn import_pass(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let (mut session, alias) = open_for_new_secret(args, ui)?;
    let password = ui.secret_line("Enter the password to be stored:  ", "Re-enter password: ")?;
    // keytool stores the chars as a PBE key ("PBEWithMD5AndDES" unless -keyalg says otherwise).
    let algorithm = match args.value("keyalg") {
        None => "PBEWithMD5AndDES".to_owned(),
        Some(a) if a.eq_ignore_ascii_case("PBE") => "PBEWithMD5AndDES".to_owned(),
        Some(a) => a.to_owned(),
    };
    let key = SecretKey::new(algorithm, Zeroizing::new(password.as_bytes().to_vec()));
    store_secret(args, ui, &mut session, &alias, &key)
}

/// Opens the store for a new secret entry under `-alias` (keytool refuses an existing alias).
fn open_for_new_secret(args: &Args, ui: &mut Ui) -> Result<(Session, String), KtError> {
    let session = Session::open(args, ui, Access::Create)?;
    let alias = alias_or_default(args).to_owned();
    if session.store.contains(&alias) {
        return Err(KtError::exception(format!(
            "Secret Key not generated, alias <{alias}> already exists"
        )));
    }
    if session.store.format() == StoreFormat::Pkcs12 {
        pkcs12_keypass_warning(args, ui, &session, "keypass");
    }
    Ok((session, alias))
}

fn store_secret(
    args: &Args,
    ui: &mut Ui,
    session: &mut Session,
    alias: &str,
    key: &SecretKey,
) -> Result<(), KtError> {
    let key_password: Password = new_entry_key_password(args, ui, session, alias)?;
    let format = session.store.format();
    session
        .store
        .set_secret_key(alias, key, &key_password, keystore::now())
        .map_err(|e| KtError::from_store(e, format))?;
    session.save(ui)
}

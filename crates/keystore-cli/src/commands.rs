//! One module per keytool command; each is glue over library calls.

mod certreq;
mod changealias;
mod delete;
mod exchange;
mod exportcert;
mod gencert;
mod gencrl;
mod genkeypair;
mod genseckey;
mod importcert;
mod importkeystore;
mod keyclone;
mod keypasswd;
mod lint;
mod list;
mod printcert;
mod printcertreq;
mod printcrl;
mod selfcert;
mod startdate;
mod storepasswd;

use keystore::{Password, StoreFormat};

use crate::{
    args::{Args, Command},
    error::KtError,
    session::Session,
    ui::Ui,
};

/// Runs the command.
pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    match args.command {
        Command::List => list::run(args, ui),
        Command::Delete => delete::run(args, ui),
        Command::Changealias => changealias::run(args, ui),
        Command::Storepasswd => storepasswd::run(args, ui),
        Command::Keypasswd => keypasswd::run(args, ui),
        Command::Keyclone => keyclone::run(args, ui),
        Command::Selfcert => selfcert::run(args, ui),
        Command::Exportcert => exportcert::run(args, ui),
        Command::Importcert => importcert::run(args, ui),
        Command::Importkeystore => importkeystore::run(args, ui),
        Command::Genseckey => genseckey::run(args, ui),
        Command::Importpass => genseckey::import_pass(args, ui),
        Command::Printcert => printcert::run(args, ui),
        Command::Printcertreq => printcertreq::run(args, ui),
        Command::Genkeypair => genkeypair::run(args, ui),
        Command::Certreq => certreq::run(args, ui),
        Command::Gencert => gencert::run(args, ui),
        Command::Gencrl => gencrl::run(args, ui),
        Command::Printcrl => printcrl::run(args, ui),
        Command::Lint => lint::run(args, ui),
        Command::Exchange => exchange::run(args, ui),
        Command::Identitydb => {
            ui.err("No entries from identity database added\n");
            Ok(())
        }
        other => Err(KtError::exception(format!(
            "the -{} command is not implemented in this version of rkeytool",
            other.name()
        ))),
    }
}

/// `-alias`, or keytool's default `mykey`.
pub(crate) fn alias_or_default(args: &Args) -> &str {
    args.value("alias").unwrap_or("mykey")
}

/// An alias from `option` (`-alias`, `-destalias`, `-dest`), else prompted for with `prompt`;
/// an empty answer is the `missing` error, end of input keytool's NullPointerException.
pub(crate) fn alias_or_prompt(
    args: &Args,
    ui: &mut Ui,
    option: &str,
    prompt: &str,
    missing: &str,
) -> Result<String, KtError> {
    if let Some(a) = args.value(option) {
        return Ok(a.to_owned());
    }
    match ui.line(prompt) {
        None => Err(KtError::java(
            "java.lang.NullPointerException",
            "Cannot invoke \"String.toLowerCase(java.util.Locale)\" because \"alias\" is null",
        )),
        Some(a) if a.is_empty() => Err(KtError::exception(missing)),
        Some(a) => Ok(a),
    }
}

/// The password of a key entry (JKS/JCEKS): `-keypass`, else the store password, else up to
/// three prompts `Enter key password for <a>` (empty answers retried).
pub(crate) fn key_password(
    args: &Args,
    ui: &mut Ui,
    session: &Session,
    alias: &str,
) -> Result<Password, KtError> {
    key_password_from(args, ui, session, alias, "keypass")
}

/// [`key_password`] with the password option named `option` (`-signerkeypass` for `-signer`).
pub(crate) fn key_password_from(
    args: &Args,
    ui: &mut Ui,
    session: &Session,
    alias: &str,
    option: &str,
) -> Result<Password, KtError> {
    let format = session.store.format();
    if format == StoreFormat::Pkcs12 {
        pkcs12_keypass_warning(args, ui, session, option);
        return Ok(session.store_password());
    }
    if let Some(pw) = args.password(option) {
        return Ok(pw.clone());
    }
    let store_pw = session.store_password();
    let recovered = match session.store.get(alias) {
        Some(keystore::Entry::SecretKey(_)) => session.store.secret_key(alias, &store_pw).map(drop),
        _ => session.store.private_key(alias, &store_pw).map(drop),
    };
    match recovered {
        Ok(()) => return Ok(store_pw),
        Err(keystore::Error::KeyDecryptionFailed) if format != StoreFormat::Pkcs12 => {}
        Err(e) => return Err(KtError::from_store(e, format)),
    }
    for _ in 0..3 {
        match ui.password(&format!("Enter key password for <{alias}>")) {
            Some(pw) if !pw.is_empty() => return Ok(pw),
            _ => {}
        }
    }
    Err(KtError::exception("Too many failures - try later"))
}

/// PKCS#12 keys always use the store password; keytool warns at once when told otherwise.
pub(crate) fn pkcs12_keypass_warning(args: &Args, ui: &mut Ui, session: &Session, option: &str) {
    if args
        .password(option)
        .is_some_and(|pw| !pw.ct_eq(&session.store_password()))
    {
        ui.err(&format!(
            "Warning:  Different store and key passwords not supported for PKCS12 KeyStores. Ignoring user-specified -{option} value.\n"
        ));
    }
}

/// The key password of a new entry: PKCS#12 uses the store password; JKS/JCEKS `-keypass`, else
/// keytool's prompt (RETURN or end of input = the store password).
pub(crate) fn new_entry_key_password(
    args: &Args,
    ui: &mut Ui,
    session: &Session,
    alias: &str,
) -> Result<Password, KtError> {
    if session.store.format() == StoreFormat::Pkcs12 {
        return Ok(session.store_password());
    }
    if let Some(pw) = args.password("keypass") {
        return Ok(pw.clone());
    }
    for _ in 0..3 {
        let prompt =
            format!("Enter key password for <{alias}>\n\t(RETURN if same as keystore password):  ");
        let Some(pw) = ui.password(&prompt).filter(|p| !p.is_empty()) else {
            return Ok(session.store_password());
        };
        if pw.java_len() < 6 {
            ui.err("Key password is too short - must be at least 6 characters\n");
            continue;
        }
        let again = ui.password("Re-enter new password: ");
        if again.as_ref().is_some_and(|a| a.ct_eq(&pw)) {
            return Ok(pw);
        }
        ui.err("They don't match. Try again\n");
    }
    Err(KtError::exception("Too many failures - try later"))
}

/// A new password from `-new`, else prompted twice; keytool's rules (≥ 6 chars).
pub(crate) fn new_password(
    args: &Args,
    ui: &mut Ui,
    prompt: &str,
    again: &str,
    old: Option<&Password>,
) -> Result<Password, KtError> {
    check_new_password_length(args)?;
    if let Some(pw) = args.password("new") {
        return Ok(pw.clone());
    }
    for _ in 0..3 {
        let Some(pw) = ui.password(prompt) else {
            continue;
        };
        if pw.java_len() < 6 {
            ui.err("Password is too short - must be at least 6 characters\n");
            continue;
        }
        if old.is_some_and(|o| o.ct_eq(&pw)) {
            ui.err("Passwords must differ\n");
            continue;
        }
        let Some(confirm) = ui.password(again) else {
            continue;
        };
        if !confirm.ct_eq(&pw) {
            ui.err("They don't match. Try again\n");
            continue;
        }
        return Ok(pw);
    }
    Err(KtError::exception("Too many failures - try later"))
}

/// Reads `-file` (or stdin when absent), as keytool reads certificate input.
pub(crate) fn read_input(file: Option<&str>) -> Result<Vec<u8>, KtError> {
    const LIMIT: usize = 16 * 1024 * 1024;
    match file {
        Some(path) => keystore::fs::read_input(path, LIMIT).map_err(|e| match e {
            keystore::fs::FsError::NotFound { .. } => KtError::java(
                "java.io.FileNotFoundException",
                format!("{path} (No such file or directory)"),
            ),
            other => KtError::io(other.to_string()),
        }),
        None => {
            use std::io::Read;
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .take(u64::try_from(LIMIT).unwrap_or(u64::MAX))
                .read_to_end(&mut buf)
                .map_err(|e| KtError::io(e.to_string()))?;
            Ok(buf)
        }
    }
}

/// The Base-64 body between the first `-----BEGIN` line containing `marker` and the next
/// `-----END` line containing it, decoded (keytool's reading of requests; DER is not accepted).
pub(crate) fn pem_block(input: &[u8], marker: &str) -> Option<Vec<u8>> {
    use base64ct::{Base64, Encoding};
    let text = String::from_utf8_lossy(input);
    let mut lines = text
        .lines()
        .skip_while(|l| !(l.starts_with("-----BEGIN") && l.contains(marker)));
    lines.next()?;
    let body: String = lines
        .take_while(|l| !(l.starts_with("-----END") && l.contains(marker)))
        .map(str::trim)
        .collect();
    Base64::decode_vec(&body).ok().filter(|d| !d.is_empty())
}

/// Parses a numeric option value as Java's `Integer.parseInt` would, with its error text
/// (`java.lang.NumberFormatException: For input string: "abc"`).
pub(crate) fn java_number<T: core::str::FromStr>(text: &str) -> Result<T, KtError> {
    text.parse().map_err(|_| {
        KtError::java(
            "java.lang.NumberFormatException",
            format!("For input string: \"{text}\""),
        )
    })
}

/// keytool rejects a `-new` password shorter than 6 characters before anything else.
pub(crate) fn check_new_password_length(args: &Args) -> Result<(), KtError> {
    if args.password("new").is_some_and(|pw| pw.java_len() < 6) {
        return Err(KtError::exception(
            "New password must be at least 6 characters",
        ));
    }
    Ok(())
}

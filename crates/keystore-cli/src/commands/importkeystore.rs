//! `-importkeystore`: copy one or all entries from another keystore, converting between JKS,
//! JCEKS and PKCS#12 (keytool.md §3.14), including the in-place migration keytool's own JKS
//! warning recommends.

use keystore::{Entry, EntryKind, Password, StoreFormat};

use crate::{
    args::Args,
    commands::{importcert::yes_no, pkcs12_keypass_warning},
    error::KtError,
    session::{Access, Session, StoreOptions, default_keystore},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let src_path = args
        .value("srckeystore")
        .ok_or_else(|| KtError::exception("Please specify -srckeystore"))?;
    let dest_path = args
        .value("destkeystore")
        .map_or_else(default_keystore, str::to_owned);
    let in_place = same_file(src_path, &dest_path);
    if !in_place {
        ui.err(&format!(
            "Importing keystore {src_path} to {dest_path}...\n"
        ));
    }
    let single = args.value("srcalias");
    if single.is_none()
        && (args.value("destalias").is_some() || args.password("srckeypass").is_some())
    {
        return Err(KtError::exception(
            "if alias not specified, destalias and srckeypass must not be specified",
        ));
    }
    if in_place {
        return migrate(args, ui, src_path);
    }
    let mut dest = Session::open_with(args, ui, Access::Create, &StoreOptions::DEST)?;
    let src = Session::open_with(args, ui, Access::Read, &StoreOptions::SOURCE)?;
    if dest.store.format() == StoreFormat::Pkcs12 {
        pkcs12_keypass_warning(args, ui, &dest, "destkeypass");
    }
    let (mut ok, mut failed) = (0u32, 0u32);
    let aliases: Vec<String> = match single {
        Some(a) => {
            let (alias, _) = src
                .store
                .entries()
                .get(a)
                .ok_or_else(|| KtError::alias_not_found(a))?;
            vec![alias.as_str().to_owned()]
        }
        None => src
            .store
            .aliases_in_java_order()
            .iter()
            .map(|a| a.as_str().to_owned())
            .collect(),
    };
    for alias in &aliases {
        let wanted = args.value("destalias").unwrap_or(alias);
        match import_one(args, ui, &src, &mut dest, alias, wanted)? {
            Outcome::Imported => ok += 1,
            Outcome::Skipped => failed += 1,
            Outcome::Failed => {
                failed += 1;
                if single.is_none()
                    && !args.flag("noprompt")
                    && yes_no(ui, "Do you want to quit the import process? [no]:  ")?
                {
                    break;
                }
            }
        }
    }
    if single.is_none() {
        ui.err(&format!(
            "Import command completed:  {ok} entries successfully imported, {failed} entries failed or cancelled\n"
        ));
    }
    dest.save(ui)
}

enum Outcome {
    Imported,
    /// Cancelled by the user.
    Skipped,
    /// A store refused the entry (reported as a problem).
    Failed,
}

fn import_one(
    args: &Args,
    ui: &mut Ui,
    src: &Session,
    dest: &mut Session,
    alias: &str,
    wanted: &str,
) -> Result<Outcome, KtError> {
    let mut dest_alias = wanted.to_owned();
    if dest.store.contains(&dest_alias) {
        if args.flag("noprompt") {
            ui.err(&format!(
                "Warning: Overwriting existing alias {dest_alias} in destination keystore\n"
            ));
        } else if !yes_no(
            ui,
            &format!("Existing entry alias {dest_alias} exists, overwrite? [no]:  "),
        )? {
            match ui.line("Enter new alias name\t(RETURN to cancel import for this entry):  ") {
                None => {
                    return Err(KtError::java(
                        "java.lang.NullPointerException",
                        "invalid null input",
                    ));
                }
                Some(a) if a.is_empty() => {
                    ui.err(&format!("Entry for alias {alias} not imported.\n"));
                    return Ok(Outcome::Skipped);
                }
                Some(a) => dest_alias = a,
            }
        }
    }
    let Some(entry) = src.store.get(alias) else {
        return Err(KtError::alias_not_found(alias));
    };
    let problem = |what: &str| {
        format!(
            "Problem importing entry for alias {alias}: {what}.\nEntry for alias {alias} not imported.\n"
        )
    };
    if entry.kind() == EntryKind::TrustedCert && args.password("destkeypass").is_some() {
        // keytool hands the password to KeyStore.setEntry, which refuses it for certificates.
        ui.err(&problem("java.security.KeyStoreException: trusted certificate entries are not password-protected"));
        return Ok(Outcome::Failed);
    }
    let src_key_password = match entry {
        Entry::PrivateKey(_) | Entry::SecretKey(_) => source_key_password(args, ui, src, alias)?,
        _ => Password::empty(),
    };
    let dest_key_password = match dest.store.format() {
        StoreFormat::Pkcs12 => dest.store_password(),
        _ => args
            .password("destkeypass")
            .cloned()
            .unwrap_or_else(|| src_key_password.clone()),
    };
    let dest_format = dest.store.format();
    match dest.store.import_entry(
        &dest_alias,
        &src.store,
        alias,
        &src_key_password,
        &dest_key_password,
    ) {
        Ok(()) => {
            // In single-entry mode keytool reports only problems.
            if args.value("srcalias").is_none() {
                ui.err(&format!("Entry for alias {alias} successfully imported.\n"));
            }
            Ok(Outcome::Imported)
        }
        Err(keystore::Error::EntryNotSupported { .. }) => {
            ui.err(&problem(
                "java.security.KeyStoreException: Cannot store non-PrivateKeys",
            ));
            Ok(Outcome::Failed)
        }
        Err(keystore::Error::KeyDecryptionFailed) => {
            Err(KtError::key_decryption_failed(src.store.format()))
        }
        Err(e) => Err(KtError::from_store(e, dest_format)),
    }
}

/// The source key password: PKCS#12 keys use the store password; JKS/JCEKS keys `-srckeypass`,
/// else the store password when it works, else up to three prompts.
fn source_key_password(
    args: &Args,
    ui: &mut Ui,
    src: &Session,
    alias: &str,
) -> Result<Password, KtError> {
    let store_pw = src.store_password();
    if src.store.format() == StoreFormat::Pkcs12 {
        pkcs12_keypass_warning(args, ui, src, "srckeypass");
        return Ok(store_pw);
    }
    if let Some(pw) = args.password("srckeypass") {
        return Ok(pw.clone());
    }
    let works = |pw: &Password| match src.store.get(alias) {
        Some(Entry::SecretKey(_)) => src.store.secret_key(alias, pw).is_ok(),
        _ => src.store.private_key(alias, pw).is_ok(),
    };
    if works(&store_pw) {
        return Ok(store_pw);
    }
    for _ in 0..3 {
        match ui.password(&format!("Enter key password for <{alias}>")) {
            Some(pw) if !pw.is_empty() => return Ok(pw),
            _ => {}
        }
    }
    Err(KtError::exception("Too many failures - try later"))
}

/// `-srckeystore` and `-destkeystore` name the same file: convert it in place, keeping the
/// original as `<file>.old` (`.old2`, … when taken).
fn migrate(args: &Args, ui: &mut Ui, path: &str) -> Result<(), KtError> {
    let src = Session::open_with(args, ui, Access::Read, &StoreOptions::SOURCE)?;
    let original = keystore::fs::read_input(path, keystore::Limits::DEFAULT.max_input_len)
        .map_err(|e| KtError::io(e.to_string()))?;
    let to = crate::session::requested_type(args, "deststoretype")?.unwrap_or(StoreFormat::Pkcs12);
    let password = args
        .password("deststorepass")
        .cloned()
        .unwrap_or_else(|| src.store_password());
    let mut dest = Session::replacing(args, ui, path, to, password)?;
    if to == StoreFormat::Pkcs12 {
        pkcs12_keypass_warning(args, ui, &dest, "destkeypass");
    }
    let (mut ok, mut failed) = (0u32, 0u32);
    let aliases: Vec<String> = src
        .store
        .aliases_in_java_order()
        .iter()
        .map(|a| a.as_str().to_owned())
        .collect();
    for alias in &aliases {
        match import_one(args, ui, &src, &mut dest, alias, alias)? {
            Outcome::Imported => ok += 1,
            Outcome::Skipped | Outcome::Failed => failed += 1,
        }
    }
    ui.err(&format!(
        "Import command completed:  {ok} entries successfully imported, {failed} entries failed or cancelled\n"
    ));
    let backup = (1..)
        .map(|n| {
            if n == 1 {
                format!("{path}.old")
            } else {
                format!("{path}.old{n}")
            }
        })
        .find(|p| !std::path::Path::new(p).exists())
        .unwrap_or_else(|| format!("{path}.old"));
    keystore::fs::write_output(&backup, &original).map_err(|e| KtError::io(e.to_string()))?;
    dest.save(ui)?;
    let from = src.store.format();
    ui.warn(if from == to {
        format!("The original keystore \"{path}\" is backed up as \"{backup}\"...")
    } else {
        format!("Migrated \"{path}\" to {to}. The {from} keystore is backed up as \"{backup}\".")
    });
    Ok(())
}

fn same_file(a: &str, b: &str) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

//! `-keyclone` (keytool.md §3.15): copy a key entry under a new alias, optionally with a new
//! key password (`-new`).

use keystore::{Entry, StoreFormat};

use crate::{
    args::Args,
    commands::{alias_or_default, alias_or_prompt, check_new_password_length, key_password},
    error::KtError,
    session::{Access, Session},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    check_new_password_length(args)?;
    let mut session = Session::open(args, ui, Access::Modify)?;
    let alias = alias_or_default(args).to_owned();
    let dest = alias_or_prompt(
        args,
        ui,
        "dest",
        "Enter destination alias name:  ",
        "Must specify destination alias",
    )?;
    if session.store.contains(&dest) {
        return Err(KtError::exception(format!(
            "Destination alias <{dest}> already exists"
        )));
    }
    match session.store.get(&alias) {
        None => return Err(KtError::alias_not_found(&alias)),
        Some(Entry::TrustedCert(_)) => {
            return Err(KtError::exception(format!("Alias <{alias}> has no key")));
        }
        Some(_) => {}
    }
    let old = key_password(args, ui, &session, &alias)?;
    let new = if session.store.format() == StoreFormat::Pkcs12 {
        session.store_password()
    } else if let Some(pw) = args.password("new") {
        pw.clone()
    } else {
        let prompt =
            format!("Enter key password for <{dest}>\n\t(RETURN if same as for <{alias}>)");
        ui.password(&prompt)
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| old.clone())
    };
    let source = session.store.clone();
    let format = session.store.format();
    session
        .store
        .import_entry(&dest, &source, &alias, &old, &new)
        .map_err(|e| KtError::from_store(e, format))?;
    if let Some(entry) = session.store.entries_mut().get_mut(&dest) {
        entry.set_created(Some(keystore::now()));
    }
    session.save(ui)
}

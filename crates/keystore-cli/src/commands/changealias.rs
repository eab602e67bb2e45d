//! `-changealias`: rename an entry.

use keystore::Entry;

use crate::{
    args::Args,
    commands::{alias_or_default, key_password},
    error::KtError,
    session::{Access, Session},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let mut session = Session::open(args, ui, Access::Modify)?;
    let alias = alias_or_default(args).to_owned();
    let dest = match args.value("destalias") {
        Some(d) => d.to_owned(),
        None => match ui.line("Enter destination alias name:  ") {
            None => {
                return Err(KtError::java(
                    "java.lang.NullPointerException",
                    "Cannot invoke \"String.toLowerCase(java.util.Locale)\" because \"alias\" is null",
                ));
            }
            Some(d) if d.is_empty() => {
                return Err(KtError::exception("Must specify destination alias"));
            }
            Some(d) => d,
        },
    };
    if session.store.contains(&dest) {
        return Err(KtError::exception(format!(
            "Destination alias <{dest}> already exists"
        )));
    }
    match session.store.get(&alias) {
        None => return Err(KtError::alias_not_found(&alias)),
        // keytool recovers the key (prompting if its password differs) before copying it.
        Some(Entry::PrivateKey(_)) => {
            key_password(args, ui, &session, &alias)?;
        }
        Some(_) => {}
    }
    session
        .store
        .rename(&alias, &dest)
        .map_err(|e| KtError::from_store(e, session.store.format()))?;
    if let Some(entry) = session.store.entries_mut().get_mut(&dest) {
        entry.set_created(Some(keystore::now()));
    }
    session.save(ui)
}

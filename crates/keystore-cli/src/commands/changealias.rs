//! `-changealias`: rename an entry.

use keystore::Entry;

use crate::{
    args::Args,
    commands::{alias_or_default, alias_or_prompt, key_password},
    error::KtError,
    session::{Access, Session},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let mut session = Session::open(args, ui, Access::Modify)?;
    let alias = alias_or_default(args).to_owned();
    let dest = alias_or_prompt(
        args,
        ui,
        "destalias",
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

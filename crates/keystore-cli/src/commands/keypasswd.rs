//! `-keypasswd`: change a key entry's password (JKS/JCEKS only).

use keystore::{Entry, StoreFormat};

use crate::{
    args::Args,
    commands::{alias_or_default, check_new_password_length, key_password, new_password},
    error::KtError,
    session::{Access, Session},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    // keytool checks the length before looking at the store type.
    check_new_password_length(args)?;
    let mut session = Session::open(args, ui, Access::Modify)?;
    if session.store.format() == StoreFormat::Pkcs12 {
        return Err(KtError::java(
            "java.lang.UnsupportedOperationException",
            "-keypasswd commands not supported if -storetype is PKCS12",
        ));
    }
    let alias = alias_or_default(args).to_owned();
    match session.store.get(&alias) {
        None => return Err(KtError::alias_not_found(&alias)),
        Some(Entry::PrivateKey(_) | Entry::SecretKey(_)) => {}
        Some(_) => return Err(KtError::exception(format!("Alias <{alias}> has no key"))),
    }
    let old = key_password(args, ui, &session, &alias)?;
    let new = new_password(
        args,
        ui,
        &format!("New key password for <{alias}>: "),
        &format!("Re-enter new key password for <{alias}>: "),
        None,
    )?;
    let format = session.store.format();
    session
        .store
        .change_key_password(&alias, &old, &new, keystore::now())
        .map_err(|e| KtError::from_store(e, format))?;
    session.save(ui)
}

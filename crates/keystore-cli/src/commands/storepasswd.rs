//! `-storepasswd`: change the store password (JKS/JCEKS: key passwords are unchanged; PKCS#12:
//! every key is re-encrypted with the new password).

use crate::{
    args::Args,
    commands::new_password,
    error::KtError,
    session::{Access, Session},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let mut session = Session::open(args, ui, Access::Modify)?;
    let old = session.store_password();
    let new = new_password(
        args,
        ui,
        "New keystore password: ",
        "Re-enter new keystore password: ",
        Some(&old),
    )?;
    if session.store.format() == keystore::StoreFormat::Pkcs12 {
        // PKCS#12 keys are protected with the store password: re-encrypt them.
        session
            .store
            .change_all_key_passwords(&old, &new)
            .map_err(|e| KtError::from_store(e, keystore::StoreFormat::Pkcs12))?;
    }
    session.save_with(ui, &new)
}

//! `-storepasswd`: change the store password (JKS/JCEKS: key passwords are unchanged).

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
    session.save_with(ui, &new)
}

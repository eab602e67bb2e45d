//! `-delete`: remove an entry.

use crate::{
    args::Args,
    commands::alias_or_prompt,
    error::KtError,
    session::{Access, Session},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let mut session = Session::open(args, ui, Access::Modify)?;
    let alias = alias_or_prompt(
        args,
        ui,
        "alias",
        "Enter alias name:  ",
        "Must specify alias",
    )?;
    if session.store.remove(&alias).is_none() {
        return Err(KtError::alias_not_found(&alias));
    }
    session.save(ui)
}

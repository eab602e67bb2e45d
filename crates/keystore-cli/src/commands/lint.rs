//! `-lint` (rkeytool extension).

use crate::{args::Args, error::KtError, ui::Ui};

/// Runs `-lint`.
pub(crate) fn run(_args: &Args, _ui: &mut Ui) -> Result<(), KtError> {
    Err(KtError::exception(
        "the -lint command is not implemented in this version of rkeytool",
    ))
}

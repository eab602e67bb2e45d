//! `-exchange` (rkeytool extension): trust exchange among servers from a plan file
//! (`keystore-exchange`). `-dryrun` shows the import matrix and writes nothing; otherwise every
//! store is opened and every certificate obtained before the first store is written.

use std::path::Path;

use keystore_exchange::{Exchange, Options, Plan};

use crate::{args::Args, error::KtError, ui::Ui};

/// Runs `-exchange`.
pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let Some(plan_path) = args.value("plan") else {
        return Err(KtError::exception(
            "-exchange needs -plan <file> (the plan of servers, stores and publications)",
        ));
    };
    let fail = |e: keystore_exchange::Error| KtError::exception(e.to_string());
    let plan = Plan::load(Path::new(plan_path)).map_err(fail)?;
    let dry_run = args.flag("dryrun");
    let exchange = Exchange::prepare(
        &plan,
        &Options {
            lock: !dry_run,
            ..Options::default()
        },
    )
    .map_err(fail)?;
    let report = if dry_run {
        exchange.report()
    } else {
        exchange.apply(args.flag("backup")).map_err(fail)?
    };
    if args.flag("json") {
        ui.out(&report.to_json());
    } else {
        ui.out(&report.to_text(args.flag("v")));
    }
    Ok(())
}

//! `rkeytool`: keytool's command line without a JVM.
//!
//! Output, prompts, warnings, error texts and exit codes follow JDK 17's keytool, so runbooks
//! and scripts written for keytool work unchanged.

mod args;
mod commands;
mod error;
mod render;
mod session;
mod ui;

use std::process::ExitCode;

use crate::{args::Parsed, error::KtError, ui::Ui};

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut ui = Ui::new();
    let (code, nowarn) = match args::parse(&argv) {
        Ok(Parsed::Help(text)) => {
            ui.err(text);
            (0, false)
        }
        Ok(Parsed::Run(args)) => {
            for w in &args.warnings {
                ui.warn(w.clone());
            }
            let result = commands::run(&args, &mut ui);
            (report(result, &mut ui), args.flag("nowarn"))
        }
        Err(e) => (report(Err(e), &mut ui), false),
    };
    ui.finish(nowarn);
    ExitCode::from(code)
}

/// Prints a failure as keytool does and returns the exit code.
fn report(result: Result<(), KtError>, ui: &mut Ui) -> u8 {
    match result {
        Ok(()) => 0,
        Err(KtError::Usage(u)) => {
            ui.err(&format!("{}\n{}", u.message, u.usage));
            1
        }
        Err(KtError::Exit(code)) => code,
        Err(KtError::TooManyFailures) => {
            ui.err("Too many failures - try later\n");
            0
        }
        Err(e) => {
            ui.out(&format!("keytool error: {e}\n"));
            1
        }
    }
}

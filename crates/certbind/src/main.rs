//! `certbind`: DiagFwCertMgr's command line on keystore files.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Lossy: a thumbprint that is not valid Unicode shows U+FFFD, which is then reported.
    let argv: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let options = match certbind::args::parse(&argv) {
        Ok(o) => o,
        Err(e) if e.0.is_empty() => {
            print!("{}", certbind::args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("certbind: {e}");
            eprint!("{}", certbind::args::USAGE);
            return ExitCode::from(2);
        }
    };
    let mut out = match certbind::Out::new(options.logpath.as_deref()) {
        Ok(out) => out,
        Err(e) => {
            eprintln!("certbind error: {e}");
            return ExitCode::from(1);
        }
    };
    match certbind::run(&options, &mut out) {
        Ok(status) => ExitCode::from(status),
        Err(e) => {
            out.error(format!("certbind error: {e}"));
            ExitCode::from(1)
        }
    }
}

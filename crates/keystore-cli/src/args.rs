//! keytool's command line: single-dash long options in any order, case-insensitive names,
//! `-storepass:env VAR` / `-storepass:file F`, last-one-wins repeats (with keytool's warning).
//!
//! clap cannot parse this syntax (single-dash long options), so the parser is table driven:
//! [`COMMANDS`] and [`OPTIONS`] are the only places that know the names.

use std::collections::BTreeMap;

use keystore::Password;

use crate::error::{KtError, Usage};

/// A keytool command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Command {
    Certreq,
    Changealias,
    Delete,
    Exportcert,
    Genkeypair,
    Genseckey,
    Gencert,
    Importcert,
    Importpass,
    Importkeystore,
    Keypasswd,
    List,
    Printcert,
    Printcertreq,
    Printcrl,
    Storepasswd,
    Showinfo,
    Gencrl,
    Keyclone,
    Selfcert,
    Identitydb,
    /// `-lint` (rkeytool extension).
    Lint,
    /// `-exchange` (rkeytool extension).
    Exchange,
}

struct CommandDef {
    command: Command,
    names: &'static [&'static str],
    help: &'static str,
}

/// Every command, its names (first = canonical) and its usage text (as keytool 17 prints it).
const COMMANDS: &[CommandDef] = &[
    CommandDef {
        command: Command::Certreq,
        names: &["certreq"],
        help: include_str!("help/certreq.txt"),
    },
    CommandDef {
        command: Command::Changealias,
        names: &["changealias"],
        help: include_str!("help/changealias.txt"),
    },
    CommandDef {
        command: Command::Delete,
        names: &["delete"],
        help: include_str!("help/delete.txt"),
    },
    CommandDef {
        command: Command::Exportcert,
        names: &["exportcert", "export"],
        help: include_str!("help/exportcert.txt"),
    },
    CommandDef {
        command: Command::Genkeypair,
        names: &["genkeypair", "genkey"],
        help: include_str!("help/genkeypair.txt"),
    },
    CommandDef {
        command: Command::Genseckey,
        names: &["genseckey"],
        help: include_str!("help/genseckey.txt"),
    },
    CommandDef {
        command: Command::Gencert,
        names: &["gencert"],
        help: include_str!("help/gencert.txt"),
    },
    CommandDef {
        command: Command::Importcert,
        names: &["importcert", "import"],
        help: include_str!("help/importcert.txt"),
    },
    CommandDef {
        command: Command::Importpass,
        names: &["importpass", "importpassword"],
        help: include_str!("help/importpass.txt"),
    },
    CommandDef {
        command: Command::Importkeystore,
        names: &["importkeystore"],
        help: include_str!("help/importkeystore.txt"),
    },
    CommandDef {
        command: Command::Keypasswd,
        names: &["keypasswd"],
        help: include_str!("help/keypasswd.txt"),
    },
    CommandDef {
        command: Command::List,
        names: &["list"],
        help: include_str!("help/list.txt"),
    },
    CommandDef {
        command: Command::Printcert,
        names: &["printcert"],
        help: include_str!("help/printcert.txt"),
    },
    CommandDef {
        command: Command::Printcertreq,
        names: &["printcertreq"],
        help: include_str!("help/printcertreq.txt"),
    },
    CommandDef {
        command: Command::Printcrl,
        names: &["printcrl"],
        help: include_str!("help/printcrl.txt"),
    },
    CommandDef {
        command: Command::Storepasswd,
        names: &["storepasswd"],
        help: include_str!("help/storepasswd.txt"),
    },
    CommandDef {
        command: Command::Showinfo,
        names: &["showinfo"],
        help: include_str!("help/showinfo.txt"),
    },
    CommandDef {
        command: Command::Gencrl,
        names: &["gencrl"],
        help: include_str!("help/gencrl.txt"),
    },
    CommandDef {
        command: Command::Keyclone,
        names: &["keyclone"],
        help: include_str!("help/keyclone.txt"),
    },
    CommandDef {
        command: Command::Selfcert,
        names: &["selfcert"],
        help: include_str!("help/selfcert.txt"),
    },
    CommandDef {
        command: Command::Identitydb,
        names: &["identitydb"],
        help: include_str!("help/identitydb.txt"),
    },
    CommandDef {
        command: Command::Lint,
        names: &["lint"],
        help: include_str!("help/lint.txt"),
    },
    CommandDef {
        command: Command::Exchange,
        names: &["exchange"],
        help: include_str!("help/exchange.txt"),
    },
];

/// keytool's general help (printed on stderr).
pub(crate) const GENERAL_HELP: &str = include_str!("help/general.txt");

impl Command {
    fn def(self) -> Option<&'static CommandDef> {
        COMMANDS.iter().find(|d| d.command == self)
    }

    /// The canonical name, e.g. `list`.
    pub(crate) fn name(self) -> &'static str {
        self.def()
            .and_then(|d| d.names.first())
            .copied()
            .unwrap_or("")
    }

    /// The usage text keytool prints for this command.
    pub(crate) fn help(self) -> &'static str {
        self.def().map_or(GENERAL_HELP, |d| d.help)
    }
}

/// How an option is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A flag.
    Flag,
    /// Takes the next argument.
    Value,
    /// Takes the next argument, which is a password (`:env` / `:file` modifiers allowed).
    Password,
    /// May be given several times; every value is kept.
    Repeated,
}

/// Every option keytool knows (by canonical lower-case name), plus ours: `-backup`, and
/// `-dryrun`, `-json`, `-plan`, `-role` for `-lint` and `-exchange`.
const OPTIONS: &[(&str, Kind)] = &[
    ("addprovider", Kind::Repeated),
    ("alias", Kind::Value),
    ("backup", Kind::Flag),
    ("cacerts", Kind::Flag),
    ("conf", Kind::Value),
    ("debug", Kind::Flag),
    ("dest", Kind::Value),
    ("destalias", Kind::Value),
    ("destkeypass", Kind::Password),
    ("destkeystore", Kind::Value),
    ("destprotected", Kind::Flag),
    ("destprovidername", Kind::Value),
    ("deststorepass", Kind::Password),
    ("deststoretype", Kind::Value),
    ("dname", Kind::Value),
    ("dryrun", Kind::Flag),
    ("ext", Kind::Repeated),
    ("file", Kind::Value),
    ("groupname", Kind::Value),
    ("id", Kind::Repeated),
    ("infile", Kind::Value),
    ("jarfile", Kind::Value),
    ("json", Kind::Flag),
    ("keyalg", Kind::Value),
    ("keypass", Kind::Password),
    ("keysize", Kind::Value),
    ("keystore", Kind::Value),
    ("new", Kind::Password),
    ("noprompt", Kind::Flag),
    ("nowarn", Kind::Flag),
    ("outfile", Kind::Value),
    ("plan", Kind::Value),
    ("protected", Kind::Flag),
    ("providerarg", Kind::Repeated),
    ("providerclass", Kind::Repeated),
    ("providername", Kind::Value),
    ("providerpath", Kind::Value),
    ("rfc", Kind::Flag),
    ("role", Kind::Value),
    ("sigalg", Kind::Value),
    ("signer", Kind::Value),
    ("signerkeypass", Kind::Password),
    ("srcalias", Kind::Value),
    ("srckeypass", Kind::Password),
    ("srckeystore", Kind::Value),
    ("srcprotected", Kind::Flag),
    ("srcprovidername", Kind::Value),
    ("srcstorepass", Kind::Password),
    ("srcstoretype", Kind::Value),
    ("sslserver", Kind::Value),
    ("startdate", Kind::Value),
    ("storepass", Kind::Password),
    ("storetype", Kind::Value),
    ("tls", Kind::Flag),
    ("trustcacerts", Kind::Flag),
    ("v", Kind::Flag),
    ("validity", Kind::Value),
];

fn option_kind(name: &str) -> Option<(&'static str, Kind)> {
    OPTIONS.iter().find(|(n, _)| *n == name).copied()
}

/// keytool compares names with a PRIMARY-strength collator: case-insensitive.
fn fold(word: &str) -> String {
    word.to_lowercase()
}

/// A parsed command line.
#[derive(Debug)]
pub(crate) struct Args {
    pub(crate) command: Command,
    values: BTreeMap<&'static str, Vec<String>>,
    passwords: BTreeMap<&'static str, Password>,
    flags: Vec<&'static str>,
    /// `-J` options (JVM options for keytool): ignored except `-J-Dkeystore.pkcs12.legacy`.
    pub(crate) jvm_options: Vec<String>,
    /// Warnings queued for the end-of-run block (repeated options).
    pub(crate) warnings: Vec<String>,
}

/// What the command line asks for.
#[derive(Debug)]
pub(crate) enum Parsed {
    /// Run a command.
    Run(Args),
    /// Print this help text on stderr and exit 0.
    Help(&'static str),
}

impl Args {
    /// The last value of a value option.
    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Every value of a repeatable option (`-ext`).
    #[allow(dead_code, reason = "used by -genkeypair/-certreq -ext")]
    pub(crate) fn values(&self, name: &str) -> &[String] {
        self.values.get(name).map_or(&[], Vec::as_slice)
    }

    /// A password option.
    pub(crate) fn password(&self, name: &str) -> Option<&Password> {
        self.passwords.get(name)
    }

    /// Whether a flag is set.
    pub(crate) fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }
}

/// Parses argv (without the program name).
pub(crate) fn parse(argv: &[String]) -> Result<Parsed, KtError> {
    if argv.is_empty() {
        return Ok(Parsed::Help(GENERAL_HELP));
    }
    let mut command: Option<(Command, &str)> = None;
    let mut values: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut passwords = BTreeMap::new();
    let mut flags = Vec::new();
    let mut jvm_options = Vec::new();
    let mut warnings = Vec::new();
    let mut help = false;
    let mut i = 0;
    while let Some(arg) = argv.get(i) {
        i += 1;
        let usage = command.map_or(GENERAL_HELP, |(c, _)| c.help());
        if matches!(arg.as_str(), "-h" | "-?" | "--help" | "-help") {
            help = true;
            continue;
        }
        if let Some(jvm) = arg.strip_prefix("-J") {
            jvm_options.push(jvm.to_owned());
            continue;
        }
        let Some(word) = arg.strip_prefix('-') else {
            return Err(KtError::Usage(Usage::illegal_option(arg, usage)));
        };
        let (name, modifier) = match word.split_once(':') {
            Some((n, m)) => (fold(n), Some(m)),
            None => (fold(word), None),
        };
        if let Some(def) = COMMANDS
            .iter()
            .find(|d| modifier.is_none() && d.names.contains(&name.as_str()))
        {
            if let Some((_, first)) = command {
                return Err(KtError::exception(format!(
                    "Only one command is allowed: both {first} and {arg} were specified."
                )));
            }
            command = Some((def.command, arg));
            continue;
        }
        let Some((canonical, kind)) = option_kind(&name) else {
            return Err(KtError::Usage(Usage::illegal_option(arg, usage)));
        };
        if kind == Kind::Flag {
            if modifier.is_some() {
                return Err(KtError::Usage(Usage::illegal_option(arg, usage)));
            }
            flags.push(canonical);
            continue;
        }
        let Some(value) = argv.get(i) else {
            return Err(KtError::Usage(Usage::new(
                format!("Command option -{canonical} needs an argument."),
                usage,
            )));
        };
        i += 1;
        match kind {
            Kind::Password => {
                let pw = read_password_option(modifier, value, usage)?;
                if passwords.insert(canonical, pw).is_some() {
                    warnings.push(repeated(canonical));
                }
            }
            Kind::Repeated => values.entry(canonical).or_default().push(value.clone()),
            _ => {
                if modifier.is_some() {
                    return Err(KtError::Usage(Usage::illegal_option(arg, usage)));
                }
                let slot = values.entry(canonical).or_default();
                if !slot.is_empty() {
                    warnings.push(repeated(canonical));
                }
                slot.push(value.clone());
            }
        }
    }
    match command {
        None if help => Ok(Parsed::Help(GENERAL_HELP)),
        None => Err(KtError::Usage(Usage::new(
            "Usage error: no command provided".into(),
            GENERAL_HELP,
        ))),
        Some((c, _)) if help => Ok(Parsed::Help(c.help())),
        Some((command, _)) => Ok(Parsed::Run(Args {
            command,
            values,
            passwords,
            flags,
            jvm_options,
            warnings,
        })),
    }
}

fn repeated(name: &str) -> String {
    format!(
        "The -{name} option is specified multiple times. All except the last one will be ignored."
    )
}

/// `-storepass pw`, `-storepass:env VAR`, `-storepass:file PATH`.
fn read_password_option(
    modifier: Option<&str>,
    value: &str,
    usage: &'static str,
) -> Result<Password, KtError> {
    match modifier {
        None => Ok(Password::new(value)),
        Some(m) if m.eq_ignore_ascii_case("env") => {
            std::env::var(value).map(Password::new).map_err(|_| {
                KtError::Usage(Usage::new(
                    format!("Cannot find environment variable: {value}"),
                    usage,
                ))
            })
        }
        Some(m) if m.eq_ignore_ascii_case("file") => {
            let text = std::fs::read(value).map_err(|_| {
                KtError::Usage(Usage::new(format!("Cannot find file: {value}"), usage))
            })?;
            let text = zeroize::Zeroizing::new(text);
            let first = text.split(|&b| b == b'\n').next().unwrap_or_default();
            let first = first.strip_suffix(b"\r").unwrap_or(first);
            Ok(Password::new(String::from_utf8_lossy(first).into_owned()))
        }
        Some(m) => Err(KtError::Usage(Usage::new(
            format!("Unknown password type: {m}"),
            usage,
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Result<Parsed, KtError> {
        parse(&line.split(' ').map(String::from).collect::<Vec<_>>())
    }

    #[test]
    fn keytool_lines_parse() {
        let Ok(Parsed::Run(a)) = args("-storetype JCEKS -keystore .keystore -LIST -v") else {
            panic!()
        };
        assert_eq!(a.command, Command::List);
        assert_eq!(a.value("storetype"), Some("JCEKS"));
        assert!(a.flag("v"));
        let Ok(Parsed::Run(a)) = args("-export -alias a -alias b -ext x -ext y") else {
            panic!()
        };
        assert_eq!(a.command, Command::Exportcert);
        assert_eq!(a.value("alias"), Some("b"));
        assert_eq!(a.values("ext"), ["x", "y"]);
        assert_eq!(a.warnings.len(), 1);
        // A value may start with '-'.
        let Ok(Parsed::Run(a)) = args("-list -alias -v") else {
            panic!()
        };
        assert_eq!(a.value("alias"), Some("-v"));
        assert!(!a.flag("v"));
    }

    #[test]
    fn usage_errors() {
        assert!(matches!(args("-list -bogus"), Err(KtError::Usage(_))));
        assert!(matches!(args("-list -alias"), Err(KtError::Usage(_))));
        assert!(matches!(args("-v"), Err(KtError::Usage(_))));
        assert!(matches!(
            args("-list -delete"),
            Err(KtError::Exception { .. })
        ));
        assert!(matches!(args("-list --help"), Ok(Parsed::Help(_))));
        assert!(matches!(
            args("-storepass:bogus x -list"),
            Err(KtError::Usage(_))
        ));
    }
}

//! DiagFwCertMgr's command line: `/task:NAME /certhash:H /port:N /logpath:DIR`, plus the options
//! a keystore needs (`/store:`, `/storepass:`, …). Names are case-insensitive; `-name:value` is
//! accepted too.

use std::path::PathBuf;

use keystore::Password;

/// The default port of the Diagnostic Framework service.
pub const DEFAULT_PORT: u16 = 7890;

/// What to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Bind the key entry whose certificate has `/certhash` to the port.
    BindCertFromStore,
    /// Remove the port's binding (certificates untouched).
    UnbindCert,
    /// Check the binding, its certificate, key, names, validity and chain.
    ValidateCertBinding,
    /// Create an RSA self-signed certificate in the store and bind it.
    CreateAndBindCert,
    /// Remove the binding and delete the RSA self-signed certificate certbind created.
    UnbindAndDeleteCert,
    /// Create an ECDSA self-signed certificate in the store, without binding it.
    CreateAndAddToStoreCertEcdsa,
    /// Create the ECDSA self-signed certificate only if it is absent.
    CheckAndCreateStoreCertEcdsa,
    /// Create an ECDSA self-signed certificate and bind it.
    CreateAndBindCertEcdsa,
    /// Delete the ECDSA self-signed certificate certbind created.
    DeleteCertEcdsa,
    /// Remove the binding and delete the ECDSA self-signed certificate.
    UnbindAndDeleteCertEcdsa,
    /// Print the binding as `netsh http show sslcert` does (certbind extension).
    ShowCertBinding,
    /// Serve the bound certificate over TLS (certbind extension).
    ServeCertBinding,
    /// Fetch and print the chain a TLS server presents (certbind extension).
    ShowServerCert,
}

const TASKS: &[(&str, Task)] = &[
    ("BindCertFromStore", Task::BindCertFromStore),
    ("UnbindCert", Task::UnbindCert),
    ("ValidateCertBinding", Task::ValidateCertBinding),
    ("CreateAndBindCert", Task::CreateAndBindCert),
    ("UnbindAndDeleteCert", Task::UnbindAndDeleteCert),
    (
        "CreateAndAddToStoreCertECDSA",
        Task::CreateAndAddToStoreCertEcdsa,
    ),
    (
        "CheckAndCreateStoreCertECDSA",
        Task::CheckAndCreateStoreCertEcdsa,
    ),
    ("CreateAndBindCertECDSA", Task::CreateAndBindCertEcdsa),
    ("DeleteCertECDSA", Task::DeleteCertEcdsa),
    ("UnbindAndDeleteCertECDSA", Task::UnbindAndDeleteCertEcdsa),
    ("ShowCertBinding", Task::ShowCertBinding),
    ("ServeCertBinding", Task::ServeCertBinding),
    ("ShowServerCert", Task::ShowServerCert),
];

impl Task {
    /// The task's name as typed on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        TASKS
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("", |(n, _)| n)
    }
}

/// A parsed command line.
#[derive(Debug, Default)]
pub struct Options {
    /// `/task:`.
    pub task: Option<Task>,
    /// `/certhash:` exactly as passed.
    pub certhash: Option<String>,
    /// `/port:` (default 7890).
    pub port: Option<u16>,
    /// `/logpath:`: directory of `certbind.log`.
    pub logpath: Option<PathBuf>,
    /// `/store:`: the keystore standing for LocalMachine\My.
    pub store: Option<PathBuf>,
    /// `/storepass:` (or `CERTBIND_STOREPASS`).
    pub storepass: Option<Password>,
    /// `/keypass:` (or `CERTBIND_KEYPASS`; default: the store password).
    pub keypass: Option<Password>,
    /// `/bindings:`: the registry file (default: `certbind-bindings.json` beside the store).
    pub bindings: Option<PathBuf>,
    /// `/host:`: the name clients use (default: this machine's FQDN).
    pub host: Option<String>,
    /// `/truststore:` for chain checks (default: the store's trusted entries and cacerts).
    pub truststore: Option<PathBuf>,
    /// `/truststorepass:` (or `CERTBIND_TRUSTSTOREPASS`).
    pub truststorepass: Option<Password>,
    /// `/connect:host:port`: check what a live server presents.
    pub connect: Option<String>,
    /// `/listen:addr:port` for `ServeCertBinding` (default `127.0.0.1:<port>`).
    pub listen: Option<String>,
    /// `/count:N`: connections `ServeCertBinding` answers before exiting (default: until killed).
    pub count: Option<u32>,
    /// `/expirywarn:DAYS` (default 30).
    pub expiry_warning_days: Option<u32>,
}

/// A command-line mistake.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The usage text.
pub const USAGE: &str = "\
Usage: certbind /task:<task> [/certhash:<SHA-1 thumbprint>] [/port:<port>] [/logpath:<dir>]
                /store:<keystore> [/storepass:<password>] [/keypass:<password>]
                [/bindings:<file>] [/host:<fqdn>] [/truststore:<keystore> [/truststorepass:<password>]]
                [/connect:<host:port>] [/listen:<addr:port>] [/count:<n>] [/expirywarn:<days>]

Tasks (as DiagFwCertMgr):
  BindCertFromStore      bind the key entry whose certificate has /certhash to the port
  UnbindCert             remove the port's binding (certificates untouched)
  ValidateCertBinding    check the binding: certificate, private key, validity, key usage,
                         host name, chain, algorithms (and /connect: what a server presents)
  CreateAndBindCert      create an RSA-2048 self-signed certificate (CN = /host) and bind it
  UnbindAndDeleteCert    unbind and delete the self-signed certificate CreateAndBindCert made
  CreateAndAddToStoreCertECDSA, CheckAndCreateStoreCertECDSA, CreateAndBindCertECDSA,
  DeleteCertECDSA, UnbindAndDeleteCertECDSA   the same with an ECDSA P-384 certificate
Tasks (certbind):
  ShowCertBinding        print the binding as `netsh http show sslcert` does
  ServeCertBinding       serve the bound certificate over TLS on /listen (default 127.0.0.1:<port>)
  ShowServerCert         print the chain the server at /connect presents, with thumbprints

The store password may come from CERTBIND_STOREPASS, the key password from CERTBIND_KEYPASS and
the truststore password from CERTBIND_TRUSTSTOREPASS instead of the command line. Thumbprints
may be pasted as shown by Windows or keytool: spaces, colons and invisible characters (such as a
LEFT-TO-RIGHT MARK) are removed and reported.
";

/// Parses the arguments (without the program name).
///
/// # Errors
/// An unknown task or option, a malformed port or count, a repeated option.
pub fn parse<I, S>(args: I) -> Result<Options, UsageError>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut o = Options::default();
    for arg in args {
        let arg = arg.as_ref();
        let body = arg
            .strip_prefix('/')
            .or_else(|| arg.strip_prefix('-'))
            .ok_or_else(|| {
                UsageError(format!(
                    "unexpected argument '{arg}': options look like /name:value"
                ))
            })?;
        let (name, value) = body.split_once(':').unwrap_or((body, ""));
        let name = name.to_ascii_lowercase();
        if matches!(name.as_str(), "?" | "h" | "help") {
            return Err(UsageError(String::new()));
        }
        let text = || -> Result<String, UsageError> {
            if value.is_empty() {
                Err(UsageError(format!(
                    "option /{name} needs a value: /{name}:<value>"
                )))
            } else {
                Ok(value.to_owned())
            }
        };
        macro_rules! set {
            ($slot:expr, $v:expr) => {{
                if $slot.is_some() {
                    return Err(UsageError(format!(
                        "option /{name} is given more than once"
                    )));
                }
                $slot = Some($v);
            }};
        }
        match name.as_str() {
            "task" => {
                let t = TASKS
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(value))
                    .map(|(_, t)| *t)
                    .ok_or_else(|| {
                        UsageError(format!(
                            "unknown task '{value}'; tasks: {}",
                            TASKS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                        ))
                    })?;
                set!(o.task, t);
            }
            // The hash is kept verbatim (invisible characters included) for normalization.
            "certhash" => set!(o.certhash, value.to_owned()),
            "port" => {
                let port = value
                    .parse::<u16>()
                    .ok()
                    .filter(|p| *p != 0)
                    .ok_or_else(|| UsageError(format!("invalid port '{value}': 1 to 65535")))?;
                set!(o.port, port);
            }
            "logpath" => set!(o.logpath, PathBuf::from(text()?)),
            "store" => set!(o.store, PathBuf::from(text()?)),
            "storepass" => set!(o.storepass, Password::new(value)),
            "keypass" => set!(o.keypass, Password::new(value)),
            "bindings" => set!(o.bindings, PathBuf::from(text()?)),
            "host" => set!(o.host, text()?),
            "truststore" => set!(o.truststore, PathBuf::from(text()?)),
            "truststorepass" => set!(o.truststorepass, Password::new(value)),
            "connect" => set!(o.connect, text()?),
            "listen" => set!(o.listen, text()?),
            "count" => {
                let n = value
                    .parse::<u32>()
                    .map_err(|_| UsageError(format!("invalid count '{value}'")))?;
                set!(o.count, n);
            }
            "expirywarn" => {
                let n = value
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n <= 3650)
                    .ok_or_else(|| UsageError(format!("invalid number of days '{value}'")))?;
                set!(o.expiry_warning_days, n);
            }
            _ => return Err(UsageError(format!("unknown option '/{name}'"))),
        }
    }
    if o.task.is_none() {
        return Err(UsageError("no task given: /task:<task>".into()));
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagfwcertmgr_lines_parse() {
        let o = parse([
            "/task:BindCertFromStore",
            "/certhash:\u{200e}bc 6b",
            "/PORT:8443",
            "/store:/x/.keystore",
        ])
        .unwrap_or_default_for_test();
        assert_eq!(o.task, Some(Task::BindCertFromStore));
        assert_eq!(o.certhash.as_deref(), Some("\u{200e}bc 6b"));
        assert_eq!(o.port, Some(8443));
        let o = parse(["-task:validatecertbinding", "/connect:localhost:7890"])
            .unwrap_or_default_for_test();
        assert_eq!(o.task, Some(Task::ValidateCertBinding));
        assert_eq!(o.connect.as_deref(), Some("localhost:7890"));
    }

    #[test]
    fn mistakes_are_named() {
        let e = |args: &[&str]| parse(args).map(|_| ()).unwrap_err().0;
        assert!(e(&["/task:Bind"]).starts_with("unknown task 'Bind'"));
        assert_eq!(
            e(&["/task:UnbindCert", "/port:0"]),
            "invalid port '0': 1 to 65535"
        );
        assert_eq!(
            e(&["/task:UnbindCert", "/bogus:1"]),
            "unknown option '/bogus'"
        );
        assert_eq!(e(&[]), "no task given: /task:<task>");
        assert_eq!(
            e(&["/task:UnbindCert", "/port:1", "/port:2"]),
            "option /port is given more than once"
        );
    }

    trait OrDefault {
        fn unwrap_or_default_for_test(self) -> Options;
    }
    impl OrDefault for Result<Options, UsageError> {
        fn unwrap_or_default_for_test(self) -> Options {
            match self {
                Ok(o) => o,
                Err(e) => panic!("{e}"),
            }
        }
    }
}

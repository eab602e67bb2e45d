//! Opening the keystore a command works on, as keytool does: which file, which type, which
//! password (option, prompt or none), the `-storetype` compatibility rules, and saving.

use std::path::{Path, PathBuf};

use keystore::{
    KeyStore, Limits, Password, StoreFormat, detect,
    fs::{SaveOptions, StoreFile},
};

use crate::{args::Args, error::KtError, ui::Ui};

/// How a command uses the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    /// Reads only (`-list`, `-exportcert`): one password prompt; empty = unverified.
    Read,
    /// Modifies an existing store (`-delete`, `-changealias`, …): the store must exist.
    Modify,
    /// Modifies, creating the store when missing (`-importcert`, `-genkeypair`, …).
    Create,
}

/// The keystore a command works on.
#[derive(Debug)]
pub(crate) struct Session {
    pub(crate) store: KeyStore,
    /// The type keytool reports in `-list` (the requested one, else the probed one).
    pub(crate) shown_type: StoreFormat,
    /// `-keystore` as given (keytool echoes it verbatim).
    pub(crate) shown_path: String,
    /// The store password (`None`: opened without one, integrity not verified).
    pub(crate) password: Option<Password>,
    /// The format of the file on disk (what keytool's end-of-run warning names).
    file_format: StoreFormat,
    file: StoreFile,
    backup: bool,
}

const UNVERIFIED_BANNER: &str = "\n*****************  WARNING WARNING WARNING  *****************\n\
* The integrity of the information stored in your keystore  *\n\
* has NOT been verified!  In order to verify its integrity, *\n\
* you must provide your keystore password.                  *\n\
*****************  WARNING WARNING WARNING  *****************\n\n";

const UNVERIFIED_SOURCE_BANNER: &str = "\n*****************  WARNING WARNING WARNING  *****************\n\
* The integrity of the information stored in the srckeystore*\n\
* has NOT been verified!  In order to verify its integrity, *\n\
* you must provide the srckeystore password.                *\n\
*****************  WARNING WARNING WARNING  *****************\n\n";

/// Which options name a store, and how keytool asks for its password.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StoreOptions {
    keystore: &'static str,
    storetype: &'static str,
    storepass: &'static str,
    prompt: &'static str,
    banner: &'static str,
    /// Whether `-cacerts` may stand for the store.
    cacerts: bool,
}

impl StoreOptions {
    /// `-keystore`, `-storetype`, `-storepass`.
    pub(crate) const MAIN: Self = Self {
        keystore: "keystore",
        storetype: "storetype",
        storepass: "storepass",
        prompt: "Enter keystore password:  ",
        banner: UNVERIFIED_BANNER,
        cacerts: true,
    };
    /// `-importkeystore`'s source.
    pub(crate) const SOURCE: Self = Self {
        keystore: "srckeystore",
        storetype: "srcstoretype",
        storepass: "srcstorepass",
        prompt: "Enter source keystore password:  ",
        banner: UNVERIFIED_SOURCE_BANNER,
        cacerts: false,
    };
    /// `-importkeystore`'s destination.
    pub(crate) const DEST: Self = Self {
        keystore: "destkeystore",
        storetype: "deststoretype",
        storepass: "deststorepass",
        prompt: "Enter destination keystore password:  ",
        banner: UNVERIFIED_BANNER,
        cacerts: false,
    };
}

/// The JDK's `lib/security/cacerts` (see [`keystore::fs::system_cacerts_path`]).
pub(crate) fn cacerts_path() -> PathBuf {
    keystore::fs::system_cacerts_path()
}

/// `<account home>/.keystore` (Java's `user.home` comes from the account database, not `$HOME`).
pub(crate) fn default_keystore() -> String {
    let home = account_home()
        .or_else(|| std::env::var("HOME").ok())
        .unwrap_or_else(|| ".".into());
    format!("{home}/.keystore")
}

#[cfg(unix)]
fn account_home() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        if fields.get(2)?.parse::<u32>().ok()? == uid {
            fields.get(5).map(|h| (*h).to_owned())
        } else {
            None
        }
    })
}

#[cfg(not(unix))]
fn account_home() -> Option<String> {
    None
}

/// Parses `-storetype` (upper-cased, as keytool does).
pub(crate) fn requested_type(args: &Args, option: &str) -> Result<Option<StoreFormat>, KtError> {
    match args.value(option) {
        None => Ok(None),
        Some(t) => StoreFormat::from_keytool_name(t).map(Some).ok_or_else(|| {
            KtError::java(
                "java.security.KeyStoreException",
                format!("{} not found", t.to_uppercase()),
            )
        }),
    }
}

impl Session {
    /// Opens the store named by `-keystore`/`-cacerts`/default, prompting for the password as
    /// keytool does for this kind of access.
    pub(crate) fn open(args: &Args, ui: &mut Ui, access: Access) -> Result<Self, KtError> {
        Self::open_with(args, ui, access, &StoreOptions::MAIN)
    }

    /// Opens the store named by the options in `names`.
    pub(crate) fn open_with(
        args: &Args,
        ui: &mut Ui,
        access: Access,
        names: &StoreOptions,
    ) -> Result<Self, KtError> {
        let requested = requested_type(args, names.storetype)?;
        let shown_path = if names.cacerts && args.flag("cacerts") {
            if args.value("keystore").is_some() || requested.is_some() {
                return Err(KtError::java(
                    "java.lang.IllegalArgumentException",
                    "The -keystore or -storetype option cannot be used with the -cacerts option",
                ));
            }
            cacerts_path().to_string_lossy().into_owned()
        } else {
            let path = args
                .value(names.keystore)
                .map_or_else(default_keystore, str::to_owned);
            if is_cacerts(Path::new(&path)) {
                ui.err("Warning: use -cacerts option to access cacerts keystore\n");
            }
            path
        };
        let file = if access == Access::Read {
            StoreFile::unlocked(&shown_path)
        } else {
            StoreFile::lock(&shown_path).map_err(|e| KtError::io(e.to_string()))?
        };
        let limits = Limits::DEFAULT;
        let bytes = match file.read(&limits) {
            Ok(b) => Some(b),
            Err(keystore::fs::FsError::NotFound { .. }) if access == Access::Create => None,
            Err(e) => {
                return Err(KtError::from_fs(
                    e,
                    requested.unwrap_or(StoreFormat::Jks),
                    &shown_path,
                ));
            }
        };
        let existed = bytes.is_some();
        let password = store_password(args, ui, access, existed, names)?;
        let (store, shown_type) = match &bytes {
            None => {
                let format = requested.unwrap_or(StoreFormat::Pkcs12);
                (KeyStore::new(format), format)
            }
            Some(bytes) => load(bytes, requested, password.as_ref())?,
        };
        if password.is_none() && existed {
            ui.err(names.banner);
        }
        let mut store = store;
        if let Some(profile) = pkcs12_profile(args, ui) {
            store.set_pkcs12_profile(profile);
        }
        let file_format = bytes.as_deref().and_then(detect).unwrap_or(store.format());
        Ok(Self {
            store,
            shown_type,
            shown_path,
            password,
            file_format,
            file,
            backup: args.flag("backup"),
        })
    }

    /// A new, empty store of `format` that will replace the file at `path` when saved
    /// (`-importkeystore` in place).
    pub(crate) fn replacing(
        args: &Args,
        ui: &mut Ui,
        path: &str,
        format: StoreFormat,
        password: Password,
    ) -> Result<Self, KtError> {
        let file = StoreFile::lock(path).map_err(|e| KtError::io(e.to_string()))?;
        let mut store = KeyStore::new(format);
        if let Some(profile) = pkcs12_profile(args, ui) {
            store.set_pkcs12_profile(profile);
        }
        Ok(Self {
            store,
            shown_type: format,
            shown_path: path.to_owned(),
            password: Some(password),
            file_format: format,
            file,
            backup: args.flag("backup"),
        })
    }

    /// The store password, for commands that need one (modifying commands always have it).
    pub(crate) fn store_password(&self) -> Password {
        self.password.clone().unwrap_or_else(Password::empty)
    }

    /// Saves atomically (with `-backup`, the previous file is kept as `<keystore>.bak`) and
    /// queues keytool's proprietary-format warning.
    pub(crate) fn save(&mut self, ui: &mut Ui) -> Result<(), KtError> {
        self.save_with(ui, &self.store_password())
    }

    /// Saves with a (new) store password.
    pub(crate) fn save_with(&mut self, ui: &mut Ui, password: &Password) -> Result<(), KtError> {
        self.store.upgrade_version();
        let mut options = SaveOptions::default();
        if self.backup {
            options = options.with_backup(format!("{}.bak", self.shown_path));
        }
        let format = self.store.format();
        self.file
            .save(&self.store, password, &options)
            .map_err(|e| KtError::from_fs(e, format, &self.shown_path))?;
        self.file_format = format;
        self.proprietary_warning(ui);
        Ok(())
    }

    /// keytool's warning for JKS/JCEKS stores holding anything but trusted certificates.
    pub(crate) fn proprietary_warning(&self, ui: &mut Ui) {
        let format = self.file_format;
        if !matches!(format, StoreFormat::Jks | StoreFormat::Jceks) {
            return;
        }
        let only_trusted = self
            .store
            .entries()
            .iter()
            .all(|(_, e)| e.kind() == keystore::EntryKind::TrustedCert);
        if !only_trusted {
            ui.warn(format!(
                "The {format} keystore uses a proprietary format. It is recommended to migrate to PKCS12 which is an industry standard format using \"keytool -importkeystore -srckeystore {p} -destkeystore {p} -deststoretype pkcs12\".",
                p = self.shown_path
            ));
        }
    }
}

/// The PKCS#12 write profile chosen by keytool's `-J-Dkeystore.pkcs12.*` system properties:
/// `legacy` (any value) → the legacy algorithms; `certProtectionAlgorithm=NONE` together with
/// `macAlgorithm=NONE` → a password-less truststore; `macAlgorithm=PBEWithHmacSHA256` → PBMAC1
/// (as JDK mainline names it). Other `keystore.pkcs12.*` properties are not honoured: a
/// warning says so, rather than writing something else silently.
pub(crate) fn pkcs12_profile(args: &Args, ui: &mut Ui) -> Option<keystore::Pkcs12Profile> {
    profile_from_properties(
        args.jvm_options
            .iter()
            .filter_map(|o| o.strip_prefix("-Dkeystore.pkcs12.")),
        ui,
    )
}

fn profile_from_properties<'a>(
    props: impl Iterator<Item = &'a str>,
    ui: &mut Ui,
) -> Option<keystore::Pkcs12Profile> {
    use keystore::Pkcs12Profile as P;
    let (mut legacy, mut cert_none, mut mac_none, mut pbmac1) = (false, false, false, false);
    for prop in props {
        let (name, value) = prop.split_once('=').unwrap_or((prop, ""));
        match (name, value.to_ascii_uppercase().as_str()) {
            ("legacy", _) => legacy = true,
            ("certProtectionAlgorithm", "NONE") => cert_none = true,
            ("macAlgorithm", "NONE") => mac_none = true,
            ("macAlgorithm", "PBEWITHHMACSHA256") => pbmac1 = true,
            _ => ui.err(&format!(
                "Warning: keystore.pkcs12.{name} is not supported by rkeytool and is ignored\n"
            )),
        }
    }
    if legacy {
        Some(P::Legacy)
    } else if cert_none && mac_none {
        Some(P::PasswordlessTruststore)
    } else if pbmac1 {
        Some(P::Pbmac1)
    } else {
        if cert_none != mac_none {
            ui.err(
                "Warning: rkeytool writes certificates unencrypted only together with no MAC (keystore.pkcs12.certProtectionAlgorithm=NONE and keystore.pkcs12.macAlgorithm=NONE); ignored\n",
            );
        }
        None
    }
}

fn is_cacerts(path: &Path) -> bool {
    let (Ok(a), Ok(b)) = (
        std::fs::canonicalize(path),
        std::fs::canonicalize(cacerts_path()),
    ) else {
        return false;
    };
    a == b
}

/// Loads per keytool's `-storetype` vs content table (keytool.md §1.3).
fn load(
    bytes: &[u8],
    requested: Option<StoreFormat>,
    password: Option<&Password>,
) -> Result<(KeyStore, StoreFormat), KtError> {
    let found = detect(bytes);
    let (load_as, shown) = match (found, requested) {
        (None, None) => {
            return Err(KtError::from_store(
                keystore::Error::UnrecognizedFormat,
                StoreFormat::Jks,
            ));
        }
        (Some(f), None) => (f, f),
        // JKS read as JCEKS becomes JCEKS (rewritten as JCEKS on save).
        (Some(StoreFormat::Jks), Some(StoreFormat::Jceks)) => {
            (StoreFormat::Jceks, StoreFormat::Jceks)
        }
        // keystore.type.compat: JKS and PKCS12 open each other, saved in their own format.
        (Some(StoreFormat::Jks), Some(StoreFormat::Pkcs12)) => {
            (StoreFormat::Jks, StoreFormat::Pkcs12)
        }
        (Some(StoreFormat::Pkcs12), Some(StoreFormat::Jks)) => {
            (StoreFormat::Pkcs12, StoreFormat::Jks)
        }
        (Some(StoreFormat::Jceks), Some(StoreFormat::Pkcs12)) => {
            return Err(KtError::io(
                "DerInputStream.getLength(): lengthTag=78, too big.",
            ));
        }
        (Some(f), Some(r)) if f == r => (f, r),
        (None, Some(StoreFormat::Pkcs12)) if bytes.len() < 8 => {
            return Err(KtError::java("java.io.EOFException", ""));
        }
        (None, Some(StoreFormat::Jks | StoreFormat::Jceks)) if bytes.len() < 8 => {
            return Err(KtError::java("java.io.EOFException", ""));
        }
        _ => return Err(KtError::io("Invalid keystore format")),
    };
    let store = KeyStore::from_bytes_as(load_as, bytes, password)
        .map_err(|e| KtError::from_store(e, load_as))?;
    Ok((store, shown))
}

/// The store password: `-storepass`, else prompted as keytool prompts for this access.
fn store_password(
    args: &Args,
    ui: &mut Ui,
    access: Access,
    exists: bool,
    names: &StoreOptions,
) -> Result<Option<Password>, KtError> {
    if let Some(pw) = args.password(names.storepass) {
        if !exists && pw.java_len() < 6 {
            return Err(KtError::exception(
                "Keystore password must be at least 6 characters",
            ));
        }
        return Ok(Some(pw.clone()));
    }
    if access == Access::Read {
        let pw = ui.password(names.prompt);
        return Ok(pw.filter(|p| !p.is_empty()));
    }
    for _ in 0..3 {
        let pw = ui.password(names.prompt).unwrap_or_else(Password::empty);
        if pw.java_len() < 6 {
            ui.err("Keystore password is too short - must be at least 6 characters\n");
            continue;
        }
        if !exists {
            let again = ui.password("Re-enter new password: ");
            if again.as_ref().is_none_or(|a| !a.ct_eq(&pw)) {
                ui.err("They don't match. Try again\n");
                continue;
            }
        }
        return Ok(Some(pw));
    }
    Err(KtError::TooManyFailures)
}

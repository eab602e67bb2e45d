//! Test helpers in the style of ripgrep's `tests/util.rs`: a scratch [`Dir`], a [`TestCommand`]
//! for `rkeytool` and the real tools, tool discovery with explicit skips, fixture locations, the
//! vector manifest, keytool output parsers and a readable line diff.

use core::{
    fmt,
    sync::atomic::{AtomicUsize, Ordering},
};
use std::{
    collections::BTreeSet,
    env,
    ffi::OsStr,
    fs,
    io::{self, Read, Write},
    path::{Path, PathBuf},
    process::{self, Child, Command, Stdio},
    thread,
};

use crate::json::Json;

/// The store password of every vector (key password too unless the manifest says otherwise).
pub(crate) const SP: &str = "cli-store-pw";
/// The key password of `protected-key` in `keypass.{jks,jceks}`.
pub(crate) const KP: &str = "cli-key-pw-2";
/// The exact line keytool prints for a wrong JKS/JCEKS store password or a bad digest.
pub(crate) const TAMPERED: &str =
    "keytool error: java.io.IOException: Keystore was tampered with, or password was incorrect\n";

/// `tests/data` of this crate: the committed vectors and golden outputs.
pub(crate) fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("data")
}

/// Prints `skipping: <why>` where the developer sees it: straight to the process's stderr,
/// which the test harness does not capture.
pub(crate) fn skip(why: &str) {
    let test = thread::current().name().unwrap_or("?").to_owned();
    // One write, so that lines of tests running in parallel do not interleave.
    let _ = io::stderr().write_all(format!("skipping: {why} [{test}]\n").as_bytes());
}

/// Whether missing interop tools are a failure (`KEYSTORE_REQUIRE_INTEROP=1` or `CI=true`).
pub(crate) fn interop_required() -> bool {
    env::var("KEYSTORE_REQUIRE_INTEROP").is_ok_and(|v| v == "1")
        || env::var("CI").is_ok_and(|v| v == "true")
}

/// Finds a real tool: `keytool17`, `keytool25` or `openssl`. Env `KEYTOOL17`, `KEYTOOL25` and
/// `OPENSSL` override the search. When the tool is missing this panics if interop is required
/// ([`interop_required`]), else prints `skipping: <tool> not found` and returns `None`.
pub(crate) fn tool(name: &str) -> Option<PathBuf> {
    let found = match name {
        "keytool17" => find_keytool("KEYTOOL17", "17"),
        "keytool25" => find_keytool("KEYTOOL25", "25"),
        "openssl" => env::var_os("OPENSSL")
            .map(PathBuf::from)
            .filter(|p| p.is_file())
            .or_else(|| find_in_path("openssl")),
        // Python with the `cryptography` package (its bundled OpenSSL reads PKCS#12).
        "python-cryptography" => find_in_path("python3").filter(|py| {
            Command::new(py)
                .args(["-c", "import cryptography"])
                .output()
                .is_ok_and(|o| o.status.success())
        }),
        _ => panic!("unknown tool {name}"),
    };
    if found.is_none() {
        assert!(
            !interop_required(),
            "{name} not found, and KEYSTORE_REQUIRE_INTEROP=1 or CI=true"
        );
        skip(&format!("{name} not found"));
    }
    found
}

fn find_keytool(var: &str, major: &str) -> Option<PathBuf> {
    if let Some(p) = env::var_os(var) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let mut jdks: Vec<PathBuf> = fs::read_dir("/usr/lib/jvm")
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.split(['-', '.']).any(|part| part == major)
        })
        .collect();
    jdks.sort();
    jdks.into_iter()
        .map(|jdk| jdk.join("bin").join("keytool"))
        .find(|k| k.is_file())
}

fn find_in_path(program: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// Runs `args` with `keytool` and with rkeytool in `dir` and asserts that both print the same
/// stdout and stderr and exit alike (a live golden, for outputs that depend on the day).
pub(crate) fn assert_same_as_keytool(dir: &Dir, keytool: &Path, args: &[&str]) {
    let theirs = dir.command(keytool).args(args).output();
    let ours = dir.rkeytool().args(args).output();
    ours.assert_no_panic();
    assert!(
        ours.stdout == theirs.stdout && ours.stderr == theirs.stderr && ours.code == theirs.code,
        "rkeytool {args:?} differs from keytool:\nstdout:\n{}\nstderr:\n{}\nexit: keytool {:?}, rkeytool {:?}",
        diff_bytes(&theirs.stdout, &ours.stdout),
        diff_bytes(&theirs.stderr, &ours.stderr),
        theirs.code,
        ours.code
    );
}

/// The shared fixture corpus (`KEYSTORE_SHARED_FIXTURES`, else `../shared/fixtures` next to the
/// workspace). `None`, with a printed reason, when it is absent: the suite must pass without it.
pub(crate) fn shared_fixtures() -> Option<PathBuf> {
    let dir = env::var_os("KEYSTORE_SHARED_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("..")
                .join("..")
                .join("shared")
                .join("fixtures")
        });
    if dir.join("manifest.json").is_file() {
        Some(dir)
    } else {
        skip(&format!(
            "shared fixtures not found at {} (set KEYSTORE_SHARED_FIXTURES)",
            dir.display()
        ));
        None
    }
}

// ------------------------------------------------------------------------------------------ Dir

/// A scratch directory under Cargo's `CARGO_TARGET_TMPDIR`, removed on drop (kept when
/// `KEYSTORE_KEEP_TEST_DIRS=1`, for debugging).
#[derive(Debug)]
pub(crate) struct Dir {
    root: PathBuf,
}

impl Dir {
    pub(crate) fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("rkeytool-cli")
            .join(format!("{name}-{}-{n}", process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        Self { root }
    }

    /// A scratch directory holding a copy of `tests/data/stores` as `stores/`, so a command
    /// written with paths relative to `tests/data` runs unchanged and cannot touch the vectors.
    pub(crate) fn with_stores(name: &str) -> Self {
        let dir = Self::new(name);
        copy_tree(&data_dir().join("stores"), &dir.root.join("stores"));
        dir
    }

    pub(crate) fn join(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.root.join(rel)
    }

    /// Copies `tests/data/stores/<rel>` to `<dir>/<name>` and returns `name` (for arguments).
    pub(crate) fn copy_vector(&self, rel: &str, name: &str) -> String {
        let to = self.root.join(name);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::copy(data_dir().join("stores").join(rel), &to).unwrap();
        name.to_owned()
    }

    pub(crate) fn read(&self, rel: impl AsRef<Path>) -> Vec<u8> {
        let path = self.root.join(rel);
        fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
    }

    pub(crate) fn write(&self, rel: impl AsRef<Path>, bytes: &[u8]) {
        fs::write(self.root.join(rel), bytes).unwrap();
    }

    pub(crate) fn exists(&self, rel: impl AsRef<Path>) -> bool {
        self.root.join(rel).exists()
    }

    /// Names of the files directly in the directory, sorted.
    pub(crate) fn files(&self) -> BTreeSet<String> {
        fs::read_dir(&self.root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    /// `rkeytool` with this directory as working directory.
    pub(crate) fn rkeytool(&self) -> TestCommand {
        TestCommand::new(Path::new(env!("CARGO_BIN_EXE_rkeytool")), &self.root)
    }

    /// Any program (keytool, openssl) with this directory as working directory.
    pub(crate) fn command(&self, program: &Path) -> TestCommand {
        TestCommand::new(program, &self.root)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        if env::var("KEYSTORE_KEEP_TEST_DIRS").is_ok_and(|v| v == "1") {
            let _ = writeln!(io::stderr(), "kept {}", self.root.display());
        } else {
            let _ = fs::remove_dir_all(&self.root);
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

// ------------------------------------------------------------------------------------------ TestCommand

/// A command with keytool's reference environment (`TZ=UTC`, `LANG=LC_ALL=C.UTF-8`, no JVM
/// option variables) and stdin from `/dev/null` unless [`TestCommand::stdin`] gives bytes.
#[derive(Debug)]
pub(crate) struct TestCommand {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

impl TestCommand {
    fn new(program: &Path, cwd: &Path) -> Self {
        let mut cmd = Command::new(program);
        cmd.current_dir(cwd)
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .env_remove("JAVA_TOOL_OPTIONS")
            .env_remove("_JAVA_OPTIONS")
            .env_remove("JDK_JAVA_OPTIONS")
            .env_remove("RUST_BACKTRACE");
        Self { cmd, stdin: None }
    }

    pub(crate) fn args<I, S>(&mut self, args: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub(crate) fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Self {
        self.cmd.env(key, value);
        self
    }

    pub(crate) fn env_remove(&mut self, key: impl AsRef<OsStr>) -> &mut Self {
        self.cmd.env_remove(key);
        self
    }

    pub(crate) fn stdin(&mut self, bytes: impl Into<Vec<u8>>) -> &mut Self {
        self.stdin = Some(bytes.into());
        self
    }

    fn describe(&self) -> String {
        let mut s = self.cmd.get_program().to_string_lossy().into_owned();
        for a in self.cmd.get_args() {
            let a = a.to_string_lossy();
            if a.is_empty() || a.contains(|c: char| c.is_whitespace() || "\"'$\\".contains(c)) {
                s.push_str(&format!(" '{}'", a.replace('\'', "'\\''")));
            } else {
                s.push(' ');
                s.push_str(&a);
            }
        }
        s
    }

    /// Starts the command; [`Running::wait`] collects its output.
    pub(crate) fn spawn(&mut self) -> Running {
        let command = self.describe();
        self.cmd
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self
            .cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {command}: {e}"));
        let writer = self.stdin.clone().map(|bytes| {
            let mut pipe = child.stdin.take().unwrap();
            thread::spawn(move || {
                // The program may exit without reading everything: ignore a broken pipe.
                let _ = pipe.write_all(&bytes);
            })
        });
        Running {
            child,
            writer,
            command,
        }
    }

    /// Runs the command to completion.
    pub(crate) fn output(&mut self) -> Output {
        self.spawn().wait()
    }

    /// Runs the command and asserts exit status 0 and no panic.
    pub(crate) fn run_ok(&mut self) -> Output {
        let out = self.output();
        out.assert_exit(0);
        out
    }
}

/// A started [`TestCommand`].
#[derive(Debug)]
pub(crate) struct Running {
    child: Child,
    writer: Option<thread::JoinHandle<()>>,
    command: String,
}

impl Running {
    pub(crate) fn wait(mut self) -> Output {
        let mut stdout = Vec::new();
        let mut stderr = Vec::new();
        let mut err_pipe = self.child.stderr.take().unwrap();
        let err_thread = thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = err_pipe.read_to_end(&mut buf);
            buf
        });
        self.child
            .stdout
            .take()
            .unwrap()
            .read_to_end(&mut stdout)
            .unwrap();
        stderr.extend(err_thread.join().unwrap());
        let status = self.child.wait().unwrap();
        if let Some(w) = self.writer {
            w.join().unwrap();
        }
        Output {
            stdout,
            stderr,
            code: status.code(),
            command: self.command,
        }
    }
}

/// What a command printed, and how it ended.
#[derive(Debug, Clone)]
pub(crate) struct Output {
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: Vec<u8>,
    /// `None` when killed by a signal.
    pub(crate) code: Option<i32>,
    pub(crate) command: String,
}

impl Output {
    pub(crate) fn stdout_str(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub(crate) fn stderr_str(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// Asserts the exit code and that nothing panicked.
    pub(crate) fn assert_exit(&self, code: i32) -> &Self {
        self.assert_no_panic();
        assert_eq!(self.code, Some(code), "expected exit code {code}\n{self}");
        self
    }

    pub(crate) fn assert_no_panic(&self) -> &Self {
        assert!(
            !self.stderr_str().contains("panicked"),
            "the program panicked\n{self}"
        );
        assert!(self.code.is_some(), "killed by a signal\n{self}");
        self
    }

    /// Asserts the exact stdout.
    pub(crate) fn assert_stdout(&self, expected: &str) -> &Self {
        if self.stdout != expected.as_bytes() {
            panic!(
                "stdout differs (- expected, + actual):\n{}\n{self}",
                diff_bytes(expected.as_bytes(), &self.stdout)
            );
        }
        self
    }

    /// Asserts the exact stderr.
    pub(crate) fn assert_stderr(&self, expected: &str) -> &Self {
        if self.stderr != expected.as_bytes() {
            panic!(
                "stderr differs (- expected, + actual):\n{}\n{self}",
                diff_bytes(expected.as_bytes(), &self.stderr)
            );
        }
        self
    }

    /// Asserts a failure printed as keytool does: exit 1, exactly one line
    /// `keytool error: …` on stdout, nothing on stderr, no panic. Returns the line.
    pub(crate) fn assert_one_error_line(&self) -> String {
        self.assert_exit(1);
        let out = self.stdout_str();
        let body = out
            .strip_prefix("keytool error: ")
            .unwrap_or_else(|| panic!("expected `keytool error: …`\n{self}"));
        assert!(
            body.ends_with('\n') && body.matches('\n').count() == 1 && body.trim().len() > 3,
            "expected exactly one non-empty error line\n{self}"
        );
        out
    }
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "command: {}", self.command)?;
        writeln!(f, "exit: {:?}", self.code)?;
        writeln!(f, "--- stdout ({} bytes)", self.stdout.len())?;
        writeln!(f, "{}", show(&self.stdout))?;
        writeln!(f, "--- stderr ({} bytes)", self.stderr.len())?;
        write!(f, "{}", show(&self.stderr))
    }
}

/// Text as is (cut at 8 KiB), binary as a hex preview.
fn show(bytes: &[u8]) -> String {
    match core::str::from_utf8(bytes) {
        Ok(s) if s.len() > 8192 => {
            let cut = (0..=8192)
                .rev()
                .find(|&i| s.is_char_boundary(i))
                .unwrap_or(0);
            format!("{}\n[… {} more bytes]", &s[..cut], s.len() - cut)
        }
        Ok(s) => s.to_owned(),
        Err(_) => format!("[binary] {}", hex(&bytes[..bytes.len().min(64)])),
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

// ------------------------------------------------------------------------------------------ diff

/// A line diff of two outputs (`-` expected, `+` actual, two lines of context; line endings
/// shown as `\r` when they matter), or a byte report for binary data.
pub(crate) fn diff_bytes(expected: &[u8], actual: &[u8]) -> String {
    let (Ok(e), Ok(a)) = (core::str::from_utf8(expected), core::str::from_utf8(actual)) else {
        let at = expected
            .iter()
            .zip(actual)
            .position(|(x, y)| x != y)
            .unwrap_or(expected.len().min(actual.len()));
        return format!(
            "binary output: expected {} bytes, got {}; first difference at byte {at}\n- {}\n+ {}",
            expected.len(),
            actual.len(),
            hex(&expected[at..expected.len().min(at + 32)]),
            hex(&actual[at..actual.len().min(at + 32)]),
        );
    };
    diff_lines(e, a)
}

fn diff_lines(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.split_inclusive('\n').collect();
    let a: Vec<&str> = actual.split_inclusive('\n').collect();
    let prefix = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let suffix = e[prefix..]
        .iter()
        .rev()
        .zip(a[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (em, am) = (&e[prefix..e.len() - suffix], &a[prefix..a.len() - suffix]);
    let mut ops: Vec<(char, &str)> = Vec::new();
    if em.len().saturating_mul(am.len()) <= 4_000_000 {
        // LCS table over the differing middle part.
        let (n, m) = (em.len(), am.len());
        let mut t = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                t[i * (m + 1) + j] = if em[i] == am[j] {
                    t[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    t[(i + 1) * (m + 1) + j].max(t[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && em[i] == am[j] {
                ops.push((' ', em[i]));
                i += 1;
                j += 1;
            } else if i < n && (j == m || t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1]) {
                ops.push(('-', em[i]));
                i += 1;
            } else {
                ops.push(('+', am[j]));
                j += 1;
            }
        }
    } else {
        ops.extend(em.iter().map(|l| ('-', *l)));
        ops.extend(am.iter().map(|l| ('+', *l)));
    }
    let mut out = String::new();
    let start = prefix.saturating_sub(2);
    if start > 0 {
        out.push_str(&format!("@@ line {} @@\n", start + 1));
    }
    for l in &e[start..prefix] {
        out.push_str(&format!("  {}\n", visible(l)));
    }
    for (op, l) in ops.iter().take(200) {
        out.push_str(&format!("{op} {}\n", visible(l)));
    }
    if ops.len() > 200 {
        out.push_str("  [… diff cut]\n");
    }
    for l in e[e.len() - suffix..].iter().take(2) {
        out.push_str(&format!("  {}\n", visible(l)));
    }
    out
}

/// A line without its `\n`; `\r`, tabs and a missing final newline made visible.
fn visible(line: &str) -> String {
    let (body, nl) = match line.strip_suffix('\n') {
        Some(b) => (b, ""),
        None => (line, "⏎(no newline at end)"),
    };
    format!("{}{nl}", body.replace('\r', "\\r").replace('\t', "\\t"))
}

// ------------------------------------------------------------------------------------------ manifest

/// One store of `tests/data/stores/manifest.json`.
#[derive(Debug, Clone)]
pub(crate) struct StoreVector {
    /// Relative to `tests/data/stores`, e.g. `jks/single.jks`.
    pub(crate) path: String,
    /// `JKS` or `JCEKS`.
    pub(crate) store_type: String,
    pub(crate) store_password: String,
    pub(crate) entries: Vec<EntryVector>,
}

/// One entry of a [`StoreVector`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryVector {
    pub(crate) alias: String,
    /// `PrivateKeyEntry`, `trustedCertEntry` or `SecretKeyEntry`.
    pub(crate) kind: String,
    pub(crate) key_password: Option<String>,
    pub(crate) pkcs8_sha256: Option<String>,
    /// SHA-256 fingerprints as keytool prints them, chain order.
    pub(crate) certificates: Vec<String>,
}

impl EntryVector {
    /// The same entry under another alias.
    pub(crate) fn renamed(&self, alias: &str) -> Self {
        Self {
            alias: alias.to_owned(),
            ..self.clone()
        }
    }

    /// What `keytool -list -v` shows of it.
    pub(crate) fn listed(&self) -> Listed {
        Listed {
            alias: self.alias.clone(),
            kind: self.kind.clone(),
            certificates: self.certificates.clone(),
        }
    }
}

/// All stores of the vector manifest.
pub(crate) fn vectors() -> Vec<StoreVector> {
    let path = data_dir().join("stores").join("manifest.json");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json = Json::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let stores = json
        .get("stores")
        .and_then(Json::as_array)
        .expect("manifest: stores");
    assert!(!stores.is_empty(), "manifest lists no stores");
    stores
        .iter()
        .map(|s| StoreVector {
            path: s.str_field("path").to_owned(),
            store_type: s.str_field("type").to_owned(),
            store_password: s.str_field("store_password").to_owned(),
            entries: s
                .get("entries")
                .and_then(Json::as_array)
                .expect("manifest: entries")
                .iter()
                .map(|e| EntryVector {
                    alias: e.str_field("alias").to_owned(),
                    kind: e.str_field("kind").to_owned(),
                    key_password: e
                        .get("key_password")
                        .and_then(Json::as_str)
                        .map(str::to_owned),
                    pkcs8_sha256: e
                        .get("pkcs8_sha256")
                        .and_then(Json::as_str)
                        .map(str::to_owned),
                    certificates: e
                        .get("certificates")
                        .and_then(Json::as_array)
                        .expect("manifest: certificates")
                        .iter()
                        .map(|c| c.as_str().expect("fingerprint").to_owned())
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// The manifest record of `tests/data/stores/<path>`.
pub(crate) fn vector(path: &str) -> StoreVector {
    vectors()
        .into_iter()
        .find(|s| s.path == path)
        .unwrap_or_else(|| panic!("{path} is not in the manifest"))
}

impl StoreVector {
    pub(crate) fn entry(&self, alias: &str) -> &EntryVector {
        self.entries
            .iter()
            .find(|e| e.alias == alias)
            .unwrap_or_else(|| panic!("{}: no entry {alias}", self.path))
    }
}

// ------------------------------------------------------------------------------------------ keytool output

/// One entry as `keytool -list -v` shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Listed {
    pub(crate) alias: String,
    pub(crate) kind: String,
    pub(crate) certificates: Vec<String>,
}

/// Parses `keytool -list -v` (or `rkeytool -list -v`) output; also checks the header count.
pub(crate) fn parse_list_v(text: &str) -> Vec<Listed> {
    let mut entries: Vec<Listed> = Vec::new();
    let mut count = None;
    for line in text.lines() {
        if let Some(n) = line.strip_prefix("Your keystore contains ") {
            let n = n
                .trim_end_matches(" entries")
                .trim_end_matches(" entry")
                .replace(',', "");
            count = Some(
                n.parse::<usize>()
                    .unwrap_or_else(|_| panic!("bad count line {line:?}")),
            );
        } else if let Some(alias) = line.strip_prefix("Alias name: ") {
            entries.push(Listed {
                alias: alias.to_owned(),
                kind: String::new(),
                certificates: Vec::new(),
            });
        } else if let Some(kind) = line.strip_prefix("Entry type: ") {
            entries
                .last_mut()
                .expect("Entry type before Alias name")
                .kind = kind.to_owned();
        } else if let Some(fp) = line.strip_prefix("\t SHA256: ") {
            entries
                .last_mut()
                .expect("fingerprint before Alias name")
                .certificates
                .push(fp.to_owned());
        }
    }
    assert_eq!(
        count,
        Some(entries.len()),
        "entry count line disagrees with the entries:\n{text}"
    );
    entries
}

/// The warnings block keytool prints at the end of a command that touched a JKS/JCEKS store
/// holding anything but trusted certificates (keytool.md §1.2).
pub(crate) fn proprietary_warning(store_type: &str, keystore: &str) -> String {
    format!(
        "\nWarning:\nThe {store_type} keystore uses a proprietary format. It is recommended to migrate to PKCS12 which \
         is an industry standard format using \"keytool -importkeystore -srckeystore {keystore} -destkeystore {keystore} \
         -deststoretype pkcs12\".\n"
    )
}

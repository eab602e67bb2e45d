//! Golden tests: for every command line recorded by `data/golden/gen.sh`, rkeytool must print
//! byte for byte what keytool 17 printed (stdout, stderr, exit code). Each case runs in a
//! scratch copy of `data/stores`, with the same relative paths and environment as the
//! recording, and must leave that copy untouched. No JVM is needed.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::{Path, PathBuf},
};

use crate::util::{Dir, data_dir, diff_bytes};

/// One recorded keytool run.
#[derive(Debug)]
struct Case {
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    env: Vec<(String, String)>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    exit: i32,
}

fn golden_dir() -> PathBuf {
    data_dir().join("golden")
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path)
        .unwrap_or_else(|e| panic!("{}: {e} (run tests/data/golden/gen.sh)", path.display()))
}

fn load(name: &str) -> Case {
    let base = golden_dir().join(name);
    let with = |ext: &str| base.with_extension(ext);
    let text = |ext: &str| String::from_utf8(read(&with(ext))).unwrap();
    let env = if with("env").exists() {
        text("env")
            .lines()
            .map(|l| {
                let (k, v) = l
                    .split_once('=')
                    .unwrap_or_else(|| panic!("{name}.env: bad line {l:?}"));
                (k.to_owned(), v.to_owned())
            })
            .collect()
    } else {
        Vec::new()
    };
    Case {
        args: text("args").lines().map(str::to_owned).collect(),
        stdin: with("stdin").exists().then(|| read(&with("stdin"))),
        env,
        stdout: read(&with("stdout")),
        stderr: read(&with("stderr")),
        exit: text("exit")
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}.exit: not a number")),
    }
}

/// Every file under `root`, by relative path.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn shell_words(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_alphanumeric() || "-_./:=@".contains(c))
            {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Cases where rkeytool deliberately says more than keytool: keytool's error line
/// (`keytool error: java.io.EOFException`) extended with `: <what is wrong and where>`, because
/// an error must name the problem. Everything else (stderr, exit code, files) must match.
const DETAILED_ERRORS: &[&str] = &[
    "delete_corrupt_truncated",
    "list_corrupt_truncated_digest",
    "list_corrupt_truncated_header",
    "list_corrupt_truncated_middle",
];

/// Whether `ours` is keytool's one-line error `theirs` with a `: detail` added.
fn extends_error_line(theirs: &[u8], ours: &[u8]) -> bool {
    let (Some(theirs), Some(ours)) = (theirs.strip_suffix(b"\n"), ours.strip_suffix(b"\n")) else {
        return false;
    };
    let one_line = !theirs.contains(&b'\n') && !ours.contains(&b'\n');
    one_line
        && ours.len() > theirs.len() + 2
        && ours.starts_with(theirs)
        && ours.get(theirs.len()..theirs.len() + 2) == Some(b": ")
}

fn run(name: &str) {
    let case = load(name);
    let dir = Dir::with_stores(&format!("golden-{name}"));
    let mut cmd = dir.rkeytool();
    cmd.args(&case.args);
    // The recording ran with no KS_GOLDEN_* variables but those of NAME.env.
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("KS_GOLDEN_") {
            cmd.env_remove(key);
        }
    }
    for (k, v) in &case.env {
        cmd.env(k, v);
    }
    if let Some(stdin) = &case.stdin {
        cmd.stdin(stdin.clone());
    }
    let out = cmd.output();

    let mut problems = Vec::new();
    if out.code != Some(case.exit) {
        problems.push(format!(
            "exit code: keytool {}, rkeytool {:?}",
            case.exit, out.code
        ));
    }
    let detailed = DETAILED_ERRORS.contains(&name);
    if detailed && !extends_error_line(&case.stdout, &out.stdout) {
        problems.push(format!(
            "stdout must be keytool's error line plus `: <detail>`:\n{}",
            diff_bytes(&case.stdout, &out.stdout)
        ));
    }
    if !detailed && out.stdout != case.stdout {
        problems.push(format!(
            "stdout (- keytool, + rkeytool):\n{}",
            diff_bytes(&case.stdout, &out.stdout)
        ));
    }
    if out.stderr != case.stderr {
        problems.push(format!(
            "stderr (- keytool, + rkeytool):\n{}",
            diff_bytes(&case.stderr, &out.stderr)
        ));
    }
    let (before, after) = (tree(&data_dir().join("stores")), tree(&dir.join("stores")));
    if before != after {
        let changed: Vec<&String> = before
            .keys()
            .chain(after.keys())
            .filter(|k| before.get(*k) != after.get(*k))
            .collect();
        problems.push(format!(
            "rkeytool changed files it must leave alone: {changed:?}"
        ));
    }
    assert!(
        problems.is_empty(),
        "golden case `{name}`: rkeytool differs from keytool 17\n\
         command (in a copy of tests/data): rkeytool {}{}{}\n\n{}",
        shell_words(&case.args),
        if case.stdin.is_some() {
            format!(" < golden/{name}.stdin")
        } else {
            String::new()
        },
        if case.env.is_empty() {
            String::new()
        } else {
            format!(" (env from golden/{name}.env)")
        },
        problems.join("\n\n"),
    );
}

/// Declares one test per recorded case; `golden_cases_on_disk_are_all_tested` keeps this list
/// and `tests/data/golden` in step.
macro_rules! golden_cases {
    ($($test:ident),* $(,)?) => {
        const CASES: &[&str] = &[$(stringify!($test)),*];
        $(
            #[test]
            fn $test() {
                run(stringify!($test).strip_prefix("golden_").unwrap());
            }
        )*
    };
}

golden_cases!(
    golden_changealias_destination_exists,
    golden_changealias_missing_alias,
    golden_delete_corrupt_truncated,
    golden_delete_missing_alias,
    golden_delete_missing_file,
    golden_delete_wrong_password,
    golden_exportcert_default_alias,
    golden_exportcert_der_jks_chain3,
    golden_exportcert_der_jks_single,
    golden_exportcert_missing_alias,
    golden_exportcert_missing_file,
    golden_exportcert_no_mykey,
    golden_exportcert_no_storepass,
    golden_exportcert_rfc_cacerts,
    golden_exportcert_rfc_jceks_trusted_nonascii,
    golden_exportcert_rfc_jks_chain3,
    golden_exportcert_secret_key,
    golden_exportcert_wrong_password,
    golden_gencrl_bad_startdate,
    golden_gencrl_empty_serial,
    golden_gencrl_hex_serial,
    golden_gencrl_long_bad_serial,
    golden_gencrl_missing_alias,
    golden_gencrl_missing_keystore,
    golden_gencrl_reason_name,
    golden_gencrl_reason_zero,
    golden_gencrl_secret_key,
    golden_gencrl_sigalg_key_mismatch,
    golden_gencrl_trusted_entry,
    golden_gencrl_unknown_sigalg,
    golden_gencrl_validity_zero,
    golden_gencrl_wrong_password,
    golden_help_gencrl,
    golden_help_general,
    golden_help_list,
    golden_help_printcrl,
    golden_importcert_declined_eof,
    golden_importcert_declined_no,
    golden_importcert_existing_trusted_alias,
    golden_importcert_garbage_cert_file,
    golden_importcert_missing_cert_file,
    golden_importcert_reply_key_mismatch,
    golden_importcert_wrong_password,
    golden_keypasswd_missing_alias,
    golden_keypasswd_trusted_entry,
    golden_keypasswd_wrong_keypass_jceks,
    golden_keypasswd_wrong_keypass_jks,
    golden_list_alias_cacerts,
    golden_list_alias_jceks_secret,
    golden_list_alias_jceks_unicode,
    golden_list_alias_jks_single,
    golden_list_alias_jks_supplementary,
    golden_list_alias_jks_trusted,
    golden_list_alias_swallows_option,
    golden_list_alias_upper_case_lookup,
    golden_list_cacerts,
    golden_list_corrupt_bad_magic,
    golden_list_corrupt_bad_magic_storetype_jks,
    golden_list_corrupt_digest_flip_jceks,
    golden_list_corrupt_digest_flip_jks,
    golden_list_corrupt_digest_flip_no_storepass,
    golden_list_corrupt_truncated_digest,
    golden_list_corrupt_truncated_header,
    golden_list_corrupt_truncated_middle,
    golden_list_directory,
    golden_list_jceks_chain3,
    golden_list_jceks_ec,
    golden_list_jceks_empty,
    golden_list_jceks_k25_nonascii_keypass,
    golden_list_jceks_keypass,
    golden_list_jceks_nonascii_pass,
    golden_list_jceks_secret,
    golden_list_jceks_single,
    golden_list_jceks_trusted,
    golden_list_jceks_unicode_alias,
    golden_list_jks_chain3,
    golden_list_jks_ec,
    golden_list_jks_empty,
    golden_list_jks_k25_rsa,
    golden_list_jks_keypass,
    golden_list_jks_nonascii_pass,
    golden_list_jks_single,
    golden_list_jks_trusted,
    golden_list_jks_unicode_alias,
    golden_list_missing_alias_jceks,
    golden_list_missing_alias_jks,
    golden_list_missing_file,
    golden_list_missing_option_argument,
    golden_list_no_storepass_jceks,
    golden_list_no_storepass_jks,
    golden_list_no_storepass_trusted_only,
    golden_list_not_a_keystore,
    golden_list_repeated_option,
    golden_list_rfc_alias_jks_chain3,
    golden_list_rfc_alias_jks_trusted,
    golden_list_rfc_jceks_chain3,
    golden_list_rfc_jceks_secret,
    golden_list_rfc_jks_chain3,
    golden_list_rfc_jks_empty,
    golden_list_rfc_jks_trusted,
    golden_list_storepass_bad_modifier,
    golden_list_storepass_empty_line,
    golden_list_storepass_env,
    golden_list_storepass_env_missing,
    golden_list_storepass_file,
    golden_list_storepass_file_missing,
    golden_list_storepass_from_stdin,
    golden_list_storetype_foo,
    golden_list_storetype_jceks_on_jks,
    golden_list_storetype_jks_on_jceks,
    golden_list_storetype_lower_case,
    golden_list_storetype_pkcs12_on_jceks,
    golden_list_storetype_pkcs12_on_jks,
    golden_list_stray_word,
    golden_list_unknown_option,
    golden_list_upper_case_command,
    golden_list_v_alias_cacerts,
    golden_list_v_alias_jceks_secret,
    golden_list_v_alias_jceks_trusted_nonascii,
    golden_list_v_alias_jks_chain3,
    golden_list_v_and_rfc,
    golden_list_v_cacerts,
    golden_list_v_jceks_chain3,
    golden_list_v_jceks_ec,
    golden_list_v_jceks_k25_nonascii_keypass,
    golden_list_v_jceks_secret,
    golden_list_v_jceks_single,
    golden_list_v_jceks_trusted,
    golden_list_v_jceks_unicode_alias,
    golden_list_v_jks_chain3,
    golden_list_v_jks_ec,
    golden_list_v_jks_empty,
    golden_list_v_jks_k25_rsa,
    golden_list_v_jks_keypass,
    golden_list_v_jks_nonascii_pass,
    golden_list_v_jks_single,
    golden_list_v_jks_trusted,
    golden_list_v_jks_unicode_alias,
    golden_list_v_no_storepass_jks,
    golden_list_wrong_password_cacerts,
    golden_list_wrong_password_jceks,
    golden_list_wrong_password_jceks_secret,
    golden_list_wrong_password_jks,
    golden_list_wrong_password_nonascii,
    golden_list_zero_bytes,
    golden_no_command,
    golden_printcert_cer_crlf,
    golden_printcert_der,
    golden_printcert_ec_pem,
    golden_printcert_empty_file,
    golden_printcert_empty_stdin,
    golden_printcert_garbage,
    golden_printcert_leaf_der,
    golden_printcert_missing_file,
    golden_printcert_multi_pem,
    golden_printcert_openssl_pem,
    golden_printcert_pem,
    golden_printcert_pkcs7,
    golden_printcert_rfc,
    golden_printcert_rfc_cer_crlf,
    golden_printcert_rfc_multi_pem,
    golden_printcert_stdin,
    golden_printcrl_certificate,
    golden_printcrl_ec_empty_pem,
    golden_printcrl_ec_verified,
    golden_printcrl_empty_file,
    golden_printcrl_garbage,
    golden_printcrl_jceks_other_key,
    golden_printcrl_missing_file,
    golden_printcrl_missing_keystore,
    golden_printcrl_openssl,
    golden_printcrl_other_keystore,
    golden_printcrl_reasons,
    golden_printcrl_reasons_v,
    golden_printcrl_sha1_weak,
    golden_printcrl_stdin,
    golden_printcrl_trustcacerts,
    golden_printcrl_verified,
    golden_printcrl_verified_no_storepass,
    golden_printcrl_wrong_password,
    golden_storepasswd_new_too_short,
    golden_storepasswd_wrong_password,
    golden_two_commands,
    golden_unknown_command,
    golden_unknown_word,
);

#[test]
fn golden_cases_on_disk_are_all_tested() {
    let on_disk: BTreeSet<String> = fs::read_dir(golden_dir())
        .unwrap()
        .filter_map(|e| {
            e.unwrap()
                .file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".args"))
                .map(str::to_owned)
        })
        .collect();
    assert!(
        !on_disk.is_empty(),
        "no golden cases in {}: run tests/data/golden/gen.sh",
        golden_dir().display()
    );
    let tested: BTreeSet<String> = CASES
        .iter()
        .map(|t| t.strip_prefix("golden_").unwrap().to_owned())
        .collect();
    let untested: Vec<&String> = on_disk.difference(&tested).collect();
    let unrecorded: Vec<&String> = tested.difference(&on_disk).collect();
    assert!(
        untested.is_empty() && unrecorded.is_empty(),
        "golden cases recorded but not in golden_cases!: {untested:?}; in golden_cases! but not recorded: {unrecorded:?}"
    );
    for name in &on_disk {
        for ext in ["stdout", "stderr", "exit"] {
            assert!(
                golden_dir().join(format!("{name}.{ext}")).is_file(),
                "{name}.{ext} missing"
            );
        }
    }
}

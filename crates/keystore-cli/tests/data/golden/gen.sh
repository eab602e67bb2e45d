#!/usr/bin/env bash
# Records what keytool 17 prints for a set of read-only command lines over tests/data/stores/.
# Per case NAME (a Rust identifier: the test is `golden_NAME`):
#   NAME.args    the argument list, one argument per line (paths relative to tests/data)
#   NAME.stdin   optional: bytes fed to stdin (otherwise stdin is /dev/null)
#   NAME.env     optional: KEY=VALUE lines added to the environment
#   NAME.stdout  NAME.stderr  NAME.exit   what keytool 17 printed and its exit status
# keytool runs in a scratch copy of tests/data/stores (as ./stores: the same relative paths),
# with TZ=UTC, LANG=LC_ALL=C.UTF-8, so outputs that echo a path are machine-independent.
# No case may write to a store: the script fails if the copy changed.
# Run after ../gen.sh (the outputs depend on the exact store files):
#   bash tests/data/golden/gen.sh     (from crates/keystore-cli; ~1.5 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."     # tests/data
DATA=$PWD
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -R stores "$WORK/stores"

K17=${KEYTOOL17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/keytool}
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
unset JAVA_TOOL_OPTIONS _JAVA_OPTIONS JDK_JAVA_OPTIONS KS_GOLDEN_PW KS_GOLDEN_UNSET

G=$DATA/golden
find "$G" -maxdepth 1 -type f ! -name gen.sh -delete
cd "$WORK"

SP="cli-store-pw"
UNI_SP="päss-wörd-€-cli"
JKS=stores/jks
JCEKS=stores/jceks
CERTS=stores/certs

STDIN=""   # set by `with_stdin` for the next case only
ENVS=()    # set by `with_env` for the next case only
with_stdin() { STDIN=$1; }
with_env() { ENVS+=("$1"); }

# rec NAME ARGS...: run keytool 17 once and record the case
rec() {
  local name=$1; shift
  if [[ ! $name =~ ^[a-z0-9_]+$ ]]; then echo "bad case name: $name" >&2; exit 1; fi
  if [ -e "$G/$name.args" ]; then echo "duplicate case: $name" >&2; exit 1; fi
  local a
  for a in "$@"; do
    if [[ $a == *$'\n'* ]]; then echo "argument with a newline in $name" >&2; exit 1; fi
    printf '%s\n' "$a"
  done >"$G/$name.args"
  local in=/dev/null
  if [ -n "$STDIN" ]; then printf '%s' "$STDIN" >"$G/$name.stdin"; in=$G/$name.stdin; fi
  if [ ${#ENVS[@]} -gt 0 ]; then printf '%s\n' "${ENVS[@]}" >"$G/$name.env"; fi
  local rc=0
  env "${ENVS[@]}" "$K17" "$@" <"$in" >"$G/$name.stdout" 2>"$G/$name.stderr" || rc=$?
  echo "$rc" >"$G/$name.exit"
  STDIN=""; ENVS=()
}

# ------------------------------------------------------------------ -list (default format)
for s in empty trusted single ec chain3 keypass unicode-alias; do
  rec "list_jks_${s//-/_}" -list -keystore "$JKS/$s.jks" -storepass "$SP"
  rec "list_jceks_${s//-/_}" -list -keystore "$JCEKS/$s.jceks" -storepass "$SP"
done
rec list_jceks_secret -list -keystore "$JCEKS/secret.jceks" -storepass "$SP"
rec list_jks_nonascii_pass -list -keystore "$JKS/nonascii-pass.jks" -storepass "$UNI_SP"
rec list_jceks_nonascii_pass -list -keystore "$JCEKS/nonascii-pass.jceks" -storepass "$UNI_SP"
rec list_jks_k25_rsa -list -keystore "$JKS/k25-rsa.jks" -storepass "$SP"
rec list_jceks_k25_nonascii_keypass -list -keystore "$JCEKS/k25-nonascii-keypass.jceks" -storepass "$SP"
rec list_cacerts -list -keystore "$JKS/cacerts.jks" -storepass changeit

# ------------------------------------------------------------------ -list -v
for s in empty trusted single ec chain3 keypass unicode-alias; do
  rec "list_v_jks_${s//-/_}" -list -v -keystore "$JKS/$s.jks" -storepass "$SP"
done
for s in trusted single ec chain3 unicode-alias secret; do
  rec "list_v_jceks_${s//-/_}" -list -v -keystore "$JCEKS/$s.jceks" -storepass "$SP"
done
rec list_v_jks_nonascii_pass -list -v -keystore "$JKS/nonascii-pass.jks" -storepass "$UNI_SP"
rec list_v_jks_k25_rsa -list -v -keystore "$JKS/k25-rsa.jks" -storepass "$SP"
rec list_v_jceks_k25_nonascii_keypass -list -v -keystore "$JCEKS/k25-nonascii-keypass.jceks" -storepass "$SP"
rec list_v_cacerts -list -v -keystore "$JKS/cacerts.jks" -storepass changeit

# ------------------------------------------------------------------ -list -rfc
rec list_rfc_jks_chain3 -list -rfc -keystore "$JKS/chain3.jks" -storepass "$SP"
rec list_rfc_jceks_chain3 -list -rfc -keystore "$JCEKS/chain3.jceks" -storepass "$SP"
rec list_rfc_jks_trusted -list -rfc -keystore "$JKS/trusted.jks" -storepass "$SP"
rec list_rfc_jceks_secret -list -rfc -keystore "$JCEKS/secret.jceks" -storepass "$SP"
rec list_rfc_jks_empty -list -rfc -keystore "$JKS/empty.jks" -storepass "$SP"

# ------------------------------------------------------------------ -list -alias
rec list_alias_jks_single -list -keystore "$JKS/single.jks" -storepass "$SP" -alias mykey
rec list_alias_upper_case_lookup -list -keystore "$JKS/single.jks" -storepass "$SP" -alias MyKey
rec list_alias_jks_trusted -list -keystore "$JKS/trusted.jks" -storepass "$SP" -alias root-ca
rec list_alias_jceks_unicode -list -keystore "$JCEKS/unicode-alias.jceks" -storepass "$SP" -alias "Zürich-Schlüssel"
rec list_alias_jks_supplementary -list -keystore "$JKS/unicode-alias.jks" -storepass "$SP" -alias "🗝-trust"
rec list_alias_jceks_secret -list -keystore "$JCEKS/secret.jceks" -storepass "$SP" -alias aes256
rec list_alias_cacerts -list -keystore "$JKS/cacerts.jks" -storepass changeit -alias debian:isrg_root_x1.pem
rec list_v_alias_jks_chain3 -list -v -keystore "$JKS/chain3.jks" -storepass "$SP" -alias server-leaf
rec list_v_alias_jceks_trusted_nonascii -list -v -keystore "$JCEKS/trusted.jceks" -storepass "$SP" -alias zertifikat-ä
rec list_v_alias_jceks_secret -list -v -keystore "$JCEKS/secret.jceks" -storepass "$SP" -alias aes128
rec list_v_alias_cacerts -list -v -keystore "$JKS/cacerts.jks" -storepass changeit -alias debian:isrg_root_x1.pem
rec list_rfc_alias_jks_chain3 -list -rfc -keystore "$JKS/chain3.jks" -storepass "$SP" -alias server-leaf
rec list_rfc_alias_jks_trusted -list -rfc -keystore "$JKS/trusted.jks" -storepass "$SP" -alias zertifikat-ä
rec list_missing_alias_jks -list -keystore "$JKS/single.jks" -storepass "$SP" -alias nope
rec list_missing_alias_jceks -list -keystore "$JCEKS/single.jceks" -storepass "$SP" -alias Nope

# ------------------------------------------------------------------ -storetype
rec list_storetype_jceks_on_jks -list -storetype JCEKS -keystore "$JKS/single.jks" -storepass "$SP"
rec list_storetype_lower_case -list -storetype jks -keystore "$JKS/trusted.jks" -storepass "$SP"
rec list_storetype_pkcs12_on_jks -list -storetype PKCS12 -keystore "$JKS/single.jks" -storepass "$SP"
rec list_storetype_jks_on_jceks -list -storetype JKS -keystore "$JCEKS/single.jceks" -storepass "$SP"
rec list_storetype_pkcs12_on_jceks -list -storetype PKCS12 -keystore "$JCEKS/single.jceks" -storepass "$SP"
rec list_storetype_foo -list -storetype FOO -keystore "$JKS/single.jks" -storepass "$SP"

# ------------------------------------------------------------------ passwords
rec list_no_storepass_jks -list -keystore "$JKS/single.jks"
rec list_no_storepass_jceks -list -keystore "$JCEKS/chain3.jceks"
rec list_v_no_storepass_jks -list -v -keystore "$JKS/chain3.jks"
rec list_no_storepass_trusted_only -list -keystore "$JKS/trusted.jks"
with_stdin "$SP"$'\n'
rec list_storepass_from_stdin -list -keystore "$JKS/single.jks"
with_stdin $'\n'
rec list_storepass_empty_line -list -keystore "$JCEKS/single.jceks"
with_env "KS_GOLDEN_PW=$SP"
rec list_storepass_env -list -keystore "$JKS/ec.jks" -storepass:env KS_GOLDEN_PW
rec list_storepass_env_missing -list -keystore "$JKS/ec.jks" -storepass:env KS_GOLDEN_UNSET
rec list_storepass_file -list -keystore "$JCEKS/ec.jceks" -storepass:file stores/misc/storepass.txt
rec list_storepass_file_missing -list -keystore "$JCEKS/ec.jceks" -storepass:file stores/misc/nonexist.txt
rec list_storepass_bad_modifier -list -keystore "$JCEKS/ec.jceks" -storepass:foo x
rec list_wrong_password_jks -list -keystore "$JKS/single.jks" -storepass wrong-password
rec list_wrong_password_jceks -list -keystore "$JCEKS/single.jceks" -storepass wrong-password
rec list_wrong_password_nonascii -list -keystore "$JKS/nonascii-pass.jks" -storepass "pass-word-?-cli"
rec list_wrong_password_cacerts -list -keystore "$JKS/cacerts.jks" -storepass changeme
rec list_wrong_password_jceks_secret -list -keystore "$JCEKS/secret.jceks" -storepass "$SP-x"

# ------------------------------------------------------------------ bad files
rec list_missing_file -list -keystore stores/nonexist.jks -storepass "$SP"
rec list_zero_bytes -list -keystore stores/misc/zero-bytes.jks -storepass "$SP"
rec list_not_a_keystore -list -keystore stores/misc/not-a-keystore.bin -storepass "$SP"
rec list_directory -list -keystore stores -storepass "$SP"
rec list_corrupt_truncated_header -list -keystore stores/corrupt/truncated-header.jks -storepass "$SP"
rec list_corrupt_truncated_middle -list -keystore stores/corrupt/truncated-middle.jks -storepass "$SP"
rec list_corrupt_truncated_digest -list -keystore stores/corrupt/truncated-digest.jks -storepass "$SP"
rec list_corrupt_bad_magic -list -keystore stores/corrupt/bad-magic.jks -storepass "$SP"
rec list_corrupt_bad_magic_storetype_jks -list -storetype JKS -keystore stores/corrupt/bad-magic.jks -storepass "$SP"
rec list_corrupt_digest_flip_jks -list -keystore stores/corrupt/digest-flip.jks -storepass "$SP"
rec list_corrupt_digest_flip_jceks -list -keystore stores/corrupt/digest-flip.jceks -storepass "$SP"
rec list_corrupt_digest_flip_no_storepass -list -keystore stores/corrupt/digest-flip.jks

# ------------------------------------------------------------------ command-line errors
rec list_v_and_rfc -list -v -rfc -keystore "$JKS/single.jks" -storepass "$SP"
rec list_unknown_option -list -bogus -keystore "$JKS/single.jks" -storepass "$SP"
rec list_missing_option_argument -list -keystore "$JKS/single.jks" -storepass
rec list_stray_word -list -keystore "$JKS/single.jks" -storepass "$SP" extra
rec list_repeated_option -list -keystore "$JKS/single.jks" -storepass "$SP" -alias nope -alias mykey
rec list_upper_case_command -LIST -KEYSTORE "$JKS/single.jks" -StorePass "$SP"
rec list_alias_swallows_option -list -keystore "$JKS/single.jks" -storepass "$SP" -alias -v
rec two_commands -list -exportcert -keystore "$JKS/single.jks" -storepass "$SP"
rec no_command -v
rec unknown_word foo
rec unknown_command -genkeyp
rec help_general -help
rec help_list -list -help

# ------------------------------------------------------------------ -exportcert
rec exportcert_der_jks_single -exportcert -keystore "$JKS/single.jks" -storepass "$SP" -alias mykey
rec exportcert_default_alias -exportcert -keystore "$JCEKS/single.jceks" -storepass "$SP"
rec exportcert_der_jks_chain3 -exportcert -keystore "$JKS/chain3.jks" -storepass "$SP" -alias server-leaf
rec exportcert_rfc_jks_chain3 -exportcert -rfc -keystore "$JKS/chain3.jks" -storepass "$SP" -alias server-leaf
rec exportcert_rfc_jceks_trusted_nonascii -exportcert -rfc -keystore "$JCEKS/trusted.jceks" -storepass "$SP" -alias Zertifikat-Ä
rec exportcert_rfc_cacerts -exportcert -rfc -keystore "$JKS/cacerts.jks" -storepass changeit -alias debian:isrg_root_x1.pem
rec exportcert_missing_alias -exportcert -keystore "$JKS/single.jks" -storepass "$SP" -alias nope
rec exportcert_no_mykey -exportcert -keystore "$JKS/trusted.jks" -storepass "$SP"
rec exportcert_secret_key -exportcert -keystore "$JCEKS/secret.jceks" -storepass "$SP" -alias aes128
rec exportcert_wrong_password -exportcert -keystore "$JKS/single.jks" -storepass wrong-password -alias mykey
rec exportcert_no_storepass -exportcert -rfc -keystore "$JKS/ec.jks" -alias ec-p256
rec exportcert_missing_file -exportcert -keystore stores/nonexist.jks -storepass "$SP" -alias mykey

# ------------------------------------------------------------------ modifying commands that fail or are declined
# (none of these writes: the check at the end and the golden test both make sure of it)
rec delete_missing_alias -delete -keystore "$JKS/keypass.jks" -storepass "$SP" -alias nope
rec delete_wrong_password -delete -keystore "$JCEKS/keypass.jceks" -storepass wrong-password -alias plain-key
rec delete_missing_file -delete -keystore stores/nonexist.jks -storepass "$SP" -alias mykey
rec delete_corrupt_truncated -delete -keystore stores/corrupt/truncated-middle.jks -storepass "$SP" -alias mykey
rec changealias_destination_exists -changealias -keystore "$JKS/keypass.jks" -storepass "$SP" -alias plain-key -destalias Protected-Key
rec changealias_missing_alias -changealias -keystore "$JCEKS/keypass.jceks" -storepass "$SP" -alias nope -destalias other
rec storepasswd_new_too_short -storepasswd -keystore "$JKS/keypass.jks" -storepass "$SP" -new abc
rec storepasswd_wrong_password -storepasswd -keystore "$JCEKS/keypass.jceks" -storepass wrong-password -new new-store-pw
rec keypasswd_wrong_keypass_jks -keypasswd -keystore "$JKS/keypass.jks" -storepass "$SP" -alias protected-key -keypass wrong-key-pw -new new-key-pw
rec keypasswd_wrong_keypass_jceks -keypasswd -keystore "$JCEKS/keypass.jceks" -storepass "$SP" -alias protected-key -keypass wrong-key-pw -new new-key-pw
rec keypasswd_trusted_entry -keypasswd -keystore "$JKS/chain3.jks" -storepass "$SP" -alias root-ca -new new-key-pw
rec keypasswd_missing_alias -keypasswd -keystore "$JKS/chain3.jks" -storepass "$SP" -alias nope -new new-key-pw
rec importcert_existing_trusted_alias -importcert -noprompt -keystore "$JKS/trusted.jks" -storepass "$SP" -alias Root-CA -file "$CERTS/leaf.der"
rec importcert_reply_key_mismatch -importcert -noprompt -keystore "$JKS/keypass.jks" -storepass "$SP" -alias plain-key -file "$CERTS/root-ca.der"
rec importcert_wrong_password -importcert -noprompt -keystore "$JCEKS/trusted.jceks" -storepass wrong-password -alias new -file "$CERTS/leaf.der"
rec importcert_missing_cert_file -importcert -noprompt -keystore "$JKS/trusted.jks" -storepass "$SP" -alias new -file "$CERTS/nonexist.pem"
rec importcert_garbage_cert_file -importcert -noprompt -keystore "$JKS/trusted.jks" -storepass "$SP" -alias new -file "$CERTS/garbage.txt"
with_stdin $'no\n'
rec importcert_declined_no -importcert -keystore "$JKS/single.jks" -storepass "$SP" -alias new-root -file "$CERTS/openssl-ext.cer"
rec importcert_declined_eof -importcert -keystore "$JCEKS/single.jceks" -storepass "$SP" -alias new-root -file "$CERTS/root-ca.pem"

# ------------------------------------------------------------------ -printcert
rec printcert_der -printcert -file "$CERTS/root-ca.der"
rec printcert_pem -printcert -file "$CERTS/root-ca.pem"
rec printcert_cer_crlf -printcert -file "$CERTS/openssl-ext.cer"
rec printcert_openssl_pem -printcert -file "$CERTS/openssl-ext.pem"
rec printcert_ec_pem -printcert -file "$CERTS/ec.pem"
rec printcert_leaf_der -printcert -file "$CERTS/leaf.der"
rec printcert_multi_pem -printcert -file "$CERTS/chain3-bundle.pem"
rec printcert_pkcs7 -printcert -file "$CERTS/chain3.p7b"
rec printcert_rfc -printcert -rfc -file "$CERTS/root-ca.der"
rec printcert_rfc_cer_crlf -printcert -rfc -file "$CERTS/openssl-ext.cer"
rec printcert_rfc_multi_pem -printcert -rfc -file "$CERTS/chain3-bundle.pem"
with_stdin "$(cat "$CERTS/intermediate-ca.pem")"$'\n'
rec printcert_stdin -printcert
rec printcert_missing_file -printcert -file "$CERTS/nonexist.pem"
rec printcert_empty_file -printcert -file "$CERTS/empty.pem"
rec printcert_garbage -printcert -file "$CERTS/garbage.txt"
rec printcert_empty_stdin -printcert

# ------------------------------------------------------------------ -printcrl (CRLs from ../gen.sh)
CRL=stores/crl
rec printcrl_reasons -printcrl -file "$CRL/rsa-reasons.crl"
rec printcrl_reasons_v -printcrl -v -file "$CRL/rsa-reasons.crl"
rec printcrl_verified -printcrl -file "$CRL/rsa-reasons.crl" -keystore "$JKS/single.jks" -storepass "$SP"
rec printcrl_verified_no_storepass -printcrl -file "$CRL/rsa-reasons.crl" -keystore "$JKS/single.jks"
rec printcrl_jceks_other_key -printcrl -file "$CRL/rsa-reasons.crl" -keystore "$JCEKS/single.jceks" -storepass "$SP"
rec printcrl_other_keystore -printcrl -file "$CRL/rsa-reasons.crl" -keystore "$JKS/chain3.jks" -storepass "$SP"
rec printcrl_missing_keystore -printcrl -file "$CRL/rsa-reasons.crl" -keystore stores/nonexist.jks -storepass "$SP"
rec printcrl_wrong_password -printcrl -file "$CRL/rsa-reasons.crl" -keystore "$JKS/single.jks" -storepass wrong-password
rec printcrl_trustcacerts -printcrl -trustcacerts -file "$CRL/rsa-reasons.crl"
rec printcrl_sha1_weak -printcrl -file "$CRL/sha1.crl" -keystore "$JKS/single.jks" -storepass "$SP"
rec printcrl_ec_empty_pem -printcrl -file "$CRL/ec-empty.pem"
rec printcrl_ec_verified -printcrl -file "$CRL/ec-empty.pem" -keystore "$JKS/ec.jks" -storepass "$SP"
rec printcrl_openssl -printcrl -file "$CRL/openssl.pem"
with_stdin "$(cat "$CRL/ec-empty.pem")"$'\n'
rec printcrl_stdin -printcrl
rec printcrl_missing_file -printcrl -file "$CRL/nonexist.crl"
rec printcrl_empty_file -printcrl -file "$CERTS/empty.pem"
rec printcrl_garbage -printcrl -file "$CERTS/garbage.txt"
rec printcrl_certificate -printcrl -file "$CERTS/root-ca.der"

# ------------------------------------------------------------------ -gencrl failures (no -file: nothing written)
rec gencrl_missing_alias -gencrl -keystore "$JKS/single.jks" -storepass "$SP" -alias nope -id 1
rec gencrl_trusted_entry -gencrl -keystore "$JKS/chain3.jks" -storepass "$SP" -alias root-ca -id 1
rec gencrl_secret_key -gencrl -keystore "$JCEKS/secret.jceks" -storepass "$SP" -alias aes128 -id 1
rec gencrl_hex_serial -gencrl -keystore "$JKS/single.jks" -storepass "$SP" -id 0x10
rec gencrl_empty_serial -gencrl -keystore "$JKS/single.jks" -storepass "$SP" -id :1
rec gencrl_long_bad_serial -gencrl -keystore "$JKS/single.jks" -storepass "$SP" -id 12345678901a
rec gencrl_reason_name -gencrl -keystore "$JKS/single.jks" -storepass "$SP" -id 5:keyCompromise
rec gencrl_reason_zero -gencrl -keystore "$JKS/single.jks" -storepass "$SP" -id 5:0
rec gencrl_validity_zero -gencrl -keystore "$JKS/single.jks" -storepass "$SP" -id 5 -validity 0
rec gencrl_bad_startdate -gencrl -keystore "$JKS/single.jks" -storepass "$SP" -id 5 -startdate bad
rec gencrl_unknown_sigalg -gencrl -keystore "$JKS/single.jks" -storepass "$SP" -id 5 -sigalg foo
rec gencrl_sigalg_key_mismatch -gencrl -keystore "$JKS/single.jks" -storepass "$SP" -id 5 -sigalg SHA256withECDSA
rec gencrl_wrong_password -gencrl -keystore "$JKS/single.jks" -storepass wrong-password -id 5
rec gencrl_missing_keystore -gencrl -keystore stores/nonexist.jks -storepass "$SP" -id 5
rec help_gencrl -gencrl -help
rec help_printcrl -printcrl -help

# no case may have modified a store (the golden test asserts the same of rkeytool)
if ! diff -r "$DATA/stores" "$WORK/stores" >/dev/null; then
  diff -r "$DATA/stores" "$WORK/stores" >&2 || true
  echo "a case modified the stores: make it read-only or drop it" >&2
  exit 1
fi
n=$(find "$G" -name '*.args' | wc -l)
echo "recorded $n cases, $(du -sk "$G" | cut -f1) KiB"

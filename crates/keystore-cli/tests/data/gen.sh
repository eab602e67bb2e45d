#!/usr/bin/env bash
# Regenerates the CLI test vectors in tests/data/stores/ with the real tools of this image:
#   keytool 17 (OpenJDK 17.0.15), keytool 25 (Temurin 25.0.3) for the k25-* stores,
#   openssl 3.0 (one certificate with many extensions, the PKCS#7 bundle, the PKCS#8 digests),
#   python3 (stdlib only: corrupt copies, manifest.json).
# Keys, serial numbers, salts and entry creation dates are random or "now", so every run gives
# different bytes; validity dates are fixed (-startdate 2025/01/01 00:00:00, 3650 days).
# After running this, run golden/gen.sh: the golden outputs depend on these exact files.
#
#   bash tests/data/gen.sh            (from crates/keystore-cli; ~1.5 minutes)
set -euo pipefail
cd "$(dirname "$0")"

K17=${KEYTOOL17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/keytool}
K25=${KEYTOOL25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/keytool}
OPENSSL=${OPENSSL:-openssl}
PYTHON=${PYTHON:-python3}
CACERTS=${CACERTS:-/etc/ssl/certs/java/cacerts}
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
unset JAVA_TOOL_OPTIONS _JAVA_OPTIONS JDK_JAVA_OPTIONS

OUT=stores
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
rm -rf "$OUT"
mkdir -p "$OUT"/jks "$OUT"/jceks "$OUT"/certs "$OUT"/misc "$OUT"/corrupt

# ------------------------------------------------------------------ values (see README.md)
SP="cli-store-pw"            # store password of every store (key password too unless stated)
KP="cli-key-pw-2"            # key password that differs from the store password
KP2="cli-secret-pw-3"        # a second one (JCEKS secret key)
CASP="cli-ca-pw"             # scratch CA store
UNI_SP="päss-wörd-€-cli"     # non-ASCII store password (JKS/JCEKS integrity: UTF-16BE)
ASCII_KP="ascii-key-pw"      # JCEKS key password in the non-ASCII store (keytool 17: ASCII only)
UNI_KP25="schlüssel-€-25"    # non-ASCII JCEKS key password written by keytool 25 (UTF-8)
DN="OU=CLI Tests,O=keystore-rs,L=Testville,C=NZ"
VALIDITY=(-startdate "2025/01/01 00:00:00" -validity 3650)

# kt <keytool> <args...>: stdin from /dev/null, stdout/stderr kept only on failure
kt() {
  local k=$1; shift
  if ! "$k" "$@" </dev/null >"$TMP/kt.out" 2>"$TMP/kt.err"; then
    echo "FAILED: $k $*" >&2; cat "$TMP/kt.out" "$TMP/kt.err" >&2; exit 1
  fi
}

# Manifest bookkeeping: stores.tsv (file, type, store password, tool) and keypass.tsv
# (file, alias, key password) for every key entry whose key password is not the store password.
: >"$TMP/stores.tsv"; : >"$TMP/keypass.tsv"; : >"$TMP/secrets.tsv"
store() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$TMP/stores.tsv"; }
keypass() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$TMP/keypass.tsv"; }
secret() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$TMP/secrets.tsv"; }

# ------------------------------------------------------------------ CA (scratch, PKCS12)
CA=$TMP/ca.p12
kt "$K17" -genkeypair -keystore "$CA" -storetype PKCS12 -storepass "$CASP" -alias root-ca \
  -keyalg RSA -keysize 3072 -dname "CN=CLI Test Root CA,$DN" -ext bc:c=ca:true -ext ku:c=keyCertSign,cRLSign "${VALIDITY[@]}"
kt "$K17" -genkeypair -keystore "$CA" -storetype PKCS12 -storepass "$CASP" -alias intermediate-ca \
  -keyalg EC -groupname secp384r1 -dname "CN=CLI Test Intermediate CA,$DN" "${VALIDITY[@]}"
kt "$K17" -certreq -keystore "$CA" -storepass "$CASP" -alias intermediate-ca -file "$TMP/int.csr"
kt "$K17" -gencert -keystore "$CA" -storepass "$CASP" -alias root-ca -infile "$TMP/int.csr" -outfile "$TMP/int.pem" \
  -rfc -ext bc:c=ca:true,pathlen:0 -ext ku:c=keyCertSign,cRLSign "${VALIDITY[@]}"
kt "$K17" -exportcert -keystore "$CA" -storepass "$CASP" -alias root-ca -rfc -file "$OUT/certs/root-ca.pem"
kt "$K17" -exportcert -keystore "$CA" -storepass "$CASP" -alias root-ca -file "$OUT/certs/root-ca.der"
cat "$TMP/int.pem" "$OUT/certs/root-ca.pem" >"$TMP/int-reply.pem"
kt "$K17" -importcert -keystore "$CA" -storepass "$CASP" -alias intermediate-ca -file "$TMP/int-reply.pem" -noprompt
kt "$K17" -exportcert -keystore "$CA" -storepass "$CASP" -alias intermediate-ca -rfc -file "$OUT/certs/intermediate-ca.pem"

# ------------------------------------------------------------------ openssl certificate with many extensions
# Self-signed EC P-384, 20-byte serial with a leading zero nibble, multi-valued RDN, a value that
# needs quoting, a non-ASCII CN, and SAN/IAN/AIA/CRLDP/nsCertType/AKI(issuer+serial)/unknown-OID.
O=$TMP/ossl
mkdir -p "$O/new"
: >"$O/index.txt"
echo 0A1B2C3D4E5F60718293A4B5C6D7E8F901234567 >"$O/serial"
cat >"$O/ca.cnf" <<EOF
[ ca ]
default_ca = cli
[ cli ]
dir = $O
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir/new
default_md = sha384
policy = anything
email_in_dn = yes
unique_subject = no
preserve = yes
utf8 = yes
[ anything ]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
emailAddress = optional
[ ext ]
basicConstraints = critical, CA:TRUE, pathlen:1
keyUsage = critical, digitalSignature, keyCertSign, cRLSign
extendedKeyUsage = serverAuth, clientAuth, codeSigning, 1.2.3.4.5
subjectAltName = DNS:ossl.cli.example, DNS:*.ossl.cli.example, IP:198.51.100.9, IP:2001:db8::9, email:ossl@cli.example, URI:https://ossl.cli.example/x, RID:1.2.3.4, dirName:dir_sect
issuerAltName = email:ca@cli.example
authorityInfoAccess = OCSP;URI:http://ocsp.cli.example, caIssuers;URI:http://ca.cli.example/ca.cer
crlDistributionPoints = URI:http://crl.cli.example/ca.crl
nsCertType = client, server
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always, issuer:always
1.2.3.4.5.6 = ASN1:UTF8String:keystore-rs
[ dir_sect ]
C = NZ
O = Dir Name Org
CN = dirname
EOF
"$OPENSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$O/key.pem" 2>/dev/null
"$OPENSSL" req -new -key "$O/key.pem" -utf8 -multivalue-rdn -out "$O/req.csr" \
  -subj "/C=NZ/O=keystore-rs, Inc./OU=CLI+L=Testville/CN=Zoë OpenSSL Ext/emailAddress=ossl@cli.example"
"$OPENSSL" ca -batch -config "$O/ca.cnf" -selfsign -keyfile "$O/key.pem" -in "$O/req.csr" -notext \
  -startdate 20250101000000Z -enddate 20350101000000Z -extensions ext -out "$O/cert.pem" 2>/dev/null
"$OPENSSL" x509 -in "$O/cert.pem" -out "$OUT/certs/openssl-ext.pem"
"$OPENSSL" x509 -in "$O/cert.pem" -outform DER -out "$OUT/certs/openssl-ext.der"
# Browser-style "Base-64 encoded X.509 (.CER)": CRLF line endings, 64 columns.
"$PYTHON" - "$OUT/certs/openssl-ext.der" "$OUT/certs/openssl-ext.cer" <<'EOF'
import base64, sys
der = open(sys.argv[1], "rb").read()
b64 = base64.b64encode(der).decode()
lines = ["-----BEGIN CERTIFICATE-----"] + [b64[i:i + 64] for i in range(0, len(b64), 64)] + ["-----END CERTIFICATE-----"]
open(sys.argv[2], "wb").write(("\r\n".join(lines) + "\r\n").encode())
EOF

# ------------------------------------------------------------------ stores, keytool 17
for T in jks jceks; do
  TY=${T^^}
  D=$OUT/$T

  # empty: one import, then delete it again
  f=$D/empty.$T
  kt "$K17" -importcert -keystore "$f" -storetype "$TY" -storepass "$SP" -alias gone -file "$OUT/certs/root-ca.der" -noprompt
  kt "$K17" -delete -keystore "$f" -storetype "$TY" -storepass "$SP" -alias gone
  store "$f" "$TY" "$SP" keytool17

  # trusted: three certificates from DER, PEM and CRLF .cer; one alias typed with upper-case non-ASCII
  f=$D/trusted.$T
  kt "$K17" -importcert -keystore "$f" -storetype "$TY" -storepass "$SP" -alias root-ca -file "$OUT/certs/root-ca.der" -noprompt
  kt "$K17" -importcert -keystore "$f" -storetype "$TY" -storepass "$SP" -alias intermediate-ca -file "$OUT/certs/intermediate-ca.pem" -noprompt
  kt "$K17" -importcert -keystore "$f" -storetype "$TY" -storepass "$SP" -alias "Zertifikat-Ä" -file "$OUT/certs/openssl-ext.cer" -noprompt
  store "$f" "$TY" "$SP" keytool17

  # single: RSA-2048 key + SAN (DNS, IPv4, IPv6), default alias mykey
  f=$D/single.$T
  kt "$K17" -genkeypair -keystore "$f" -storetype "$TY" -storepass "$SP" -keypass "$SP" -alias mykey -keyalg RSA -keysize 2048 \
    -dname "CN=single.cli.example,$DN" -ext san=dns:single.cli.example,ip:192.0.2.7,ip:2001:db8::7 "${VALIDITY[@]}"
  store "$f" "$TY" "$SP" keytool17

  # ec: EC P-256 key with KU/EKU
  f=$D/ec.$T
  kt "$K17" -genkeypair -keystore "$f" -storetype "$TY" -storepass "$SP" -keypass "$SP" -alias ec-p256 -keyalg EC -groupname secp256r1 \
    -dname "CN=ec.cli.example+OU=EC Unit,$DN" -ext ku:c=digitalSignature -ext eku=serverAuth,clientAuth "${VALIDITY[@]}"
  store "$f" "$TY" "$SP" keytool17

  # chain3: leaf <- intermediate <- root (-gencert + CA reply), root also a trusted entry
  f=$D/chain3.$T
  kt "$K17" -genkeypair -keystore "$f" -storetype "$TY" -storepass "$SP" -keypass "$SP" -alias server-leaf -keyalg RSA -keysize 2048 \
    -dname "CN=leaf.cli.example,$DN" "${VALIDITY[@]}"
  kt "$K17" -importcert -keystore "$f" -storetype "$TY" -storepass "$SP" -alias root-ca -file "$OUT/certs/root-ca.pem" -noprompt
  kt "$K17" -certreq -keystore "$f" -storetype "$TY" -storepass "$SP" -keypass "$SP" -alias server-leaf -file "$TMP/leaf-$T.csr"
  kt "$K17" -gencert -keystore "$CA" -storepass "$CASP" -alias intermediate-ca -infile "$TMP/leaf-$T.csr" -outfile "$TMP/leaf-$T.pem" -rfc \
    -ext san=dns:leaf.cli.example,dns:www.leaf.cli.example,ip:192.0.2.10,email:admin@cli.example,uri:https://leaf.cli.example/ \
    -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth,clientAuth "${VALIDITY[@]}"
  cat "$TMP/leaf-$T.pem" "$OUT/certs/intermediate-ca.pem" "$OUT/certs/root-ca.pem" >"$TMP/reply-$T.pem"
  kt "$K17" -importcert -keystore "$f" -storetype "$TY" -storepass "$SP" -keypass "$SP" -alias server-leaf -file "$TMP/reply-$T.pem" -noprompt
  store "$f" "$TY" "$SP" keytool17

  # keypass: two key entries, one protected with a key password != store password
  f=$D/keypass.$T
  kt "$K17" -genkeypair -keystore "$f" -storetype "$TY" -storepass "$SP" -keypass "$KP" -alias protected-key -keyalg RSA -keysize 2048 \
    -dname "CN=protected.cli.example,$DN" "${VALIDITY[@]}"
  kt "$K17" -genkeypair -keystore "$f" -storetype "$TY" -storepass "$SP" -keypass "$SP" -alias plain-key -keyalg EC -groupname secp256r1 \
    -dname "CN=plain.cli.example,$DN" "${VALIDITY[@]}"
  keypass "$f" protected-key "$KP"
  store "$f" "$TY" "$SP" keytool17

  # unicode-alias: aliases typed with capitals (stored lower-case), a BMP and a supplementary-plane alias
  f=$D/unicode-alias.$T
  kt "$K17" -genkeypair -keystore "$f" -storetype "$TY" -storepass "$SP" -keypass "$SP" -alias "Zürich-Schlüssel" -keyalg EC -groupname secp256r1 \
    -dname "CN=Zoë Ünïcödé 鍵,O=Übung GmbH,C=DE" "${VALIDITY[@]}"
  kt "$K17" -importcert -keystore "$f" -storetype "$TY" -storepass "$SP" -alias "сертификат-✓" -file "$OUT/certs/root-ca.der" -noprompt
  kt "$K17" -importcert -keystore "$f" -storetype "$TY" -storepass "$SP" -alias "🗝-trust" -file "$OUT/certs/intermediate-ca.pem" -noprompt
  store "$f" "$TY" "$SP" keytool17

  # nonascii-pass: non-ASCII store password (JKS key password too; JCEKS key password must be ASCII in 17)
  f=$D/nonascii-pass.$T
  if [ "$T" = jks ]; then kpw=$UNI_SP; else kpw=$ASCII_KP; keypass "$f" mykey "$ASCII_KP"; fi
  kt "$K17" -genkeypair -keystore "$f" -storetype "$TY" -storepass "$UNI_SP" -keypass "$kpw" -alias mykey -keyalg EC -groupname secp256r1 \
    -dname "CN=nonascii.cli.example,$DN" "${VALIDITY[@]}"
  kt "$K17" -importcert -keystore "$f" -storetype "$TY" -storepass "$UNI_SP" -alias root-ca -file "$OUT/certs/root-ca.der" -noprompt
  store "$f" "$TY" "$UNI_SP" keytool17
done

# secret: JCEKS secret keys
f=$OUT/jceks/secret.jceks
kt "$K17" -genseckey -keystore "$f" -storetype JCEKS -storepass "$SP" -keypass "$SP" -alias aes128 -keyalg AES -keysize 128
kt "$K17" -genseckey -keystore "$f" -storetype JCEKS -storepass "$SP" -keypass "$KP2" -alias aes256 -keyalg AES -keysize 256
kt "$K17" -genseckey -keystore "$f" -storetype JCEKS -storepass "$SP" -keypass "$SP" -alias hmac-sha256 -keyalg HmacSHA256 -keysize 256
kt "$K17" -genseckey -keystore "$f" -storetype JCEKS -storepass "$SP" -keypass "$SP" -alias des3 -keyalg DESede
secret "$f" aes128 "AES 128" "$SP"
secret "$f" aes256 "AES 256" "$KP2"
secret "$f" hmac-sha256 "HmacSHA256 256" "$SP"
secret "$f" des3 "DESede 168" "$SP"
store "$f" JCEKS "$SP" keytool17

# ------------------------------------------------------------------ stores, keytool 25
f=$OUT/jks/k25-rsa.jks     # RSA-2048 signed SHA384withRSA (JDK 25 default for >= 624 bits)
kt "$K25" -genkeypair -keystore "$f" -storetype JKS -storepass "$SP" -keypass "$SP" -alias k25-rsa -keyalg RSA -keysize 2048 \
  -dname "CN=k25.cli.example,$DN" -ext san=dns:k25.cli.example "${VALIDITY[@]}"
kt "$K25" -importcert -keystore "$f" -storetype JKS -storepass "$SP" -alias root-ca -file "$OUT/certs/root-ca.der" -noprompt
store "$f" JKS "$SP" keytool25
f=$OUT/jceks/k25-nonascii-keypass.jceks   # JDK 25 encodes the JCEKS key password as UTF-8 (JDK 17 cannot recover it)
kt "$K25" -genkeypair -keystore "$f" -storetype JCEKS -storepass "$SP" -keypass "$UNI_KP25" -alias k25-ec -keyalg EC -groupname secp256r1 \
  -dname "CN=k25-ec.cli.example,$DN" "${VALIDITY[@]}"
kt "$K25" -genseckey -keystore "$f" -storetype JCEKS -storepass "$SP" -keypass "$SP" -alias k25-aes -keyalg AES -keysize 128
keypass "$f" k25-ec "$UNI_KP25"
secret "$f" k25-aes "AES 128" "$SP"
store "$f" JCEKS "$SP" keytool25

# ------------------------------------------------------------------ system trust store
cp "$CACERTS" "$OUT/jks/cacerts.jks"
chmod 644 "$OUT/jks/cacerts.jks"
store "$OUT/jks/cacerts.jks" JKS changeit system

# ------------------------------------------------------------------ certificates for -importcert / -printcert
kt "$K17" -exportcert -keystore "$OUT/jks/chain3.jks" -storepass "$SP" -alias server-leaf -file "$OUT/certs/leaf.der"
kt "$K17" -exportcert -keystore "$OUT/jks/ec.jks" -storepass "$SP" -alias ec-p256 -rfc -file "$OUT/certs/ec.pem"
# multi-certificate PEM (leaf, intermediate, root) with openssl-style text around the blocks
{
  echo "subject=CN = leaf.cli.example"
  "$OPENSSL" x509 -inform DER -in "$OUT/certs/leaf.der"
  echo "subject=CN = CLI Test Intermediate CA"
  cat "$OUT/certs/intermediate-ca.pem"
  echo "subject=CN = CLI Test Root CA"
  cat "$OUT/certs/root-ca.pem"
} >"$OUT/certs/chain3-bundle.pem"
"$OPENSSL" crl2pkcs7 -nocrl -certfile "$OUT/certs/chain3-bundle.pem" -outform DER -out "$OUT/certs/chain3.p7b"
: >"$OUT/certs/empty.pem"
printf 'This is not a certificate.\n' >"$OUT/certs/garbage.txt"

# ------------------------------------------------------------------ CRLs for -printcrl (crl/)
# Made once and committed, so -printcrl goldens are deterministic (thisUpdate is fixed by
# -startdate for keytool's; openssl's carries the time of generation).
#   rsa-reasons.crl  keytool -gencrl, DER, by single.jks mykey: 8 ids (reasons 1, 6, 3, -1, 7, 11,
#                    8; none; a 9-byte and a negative serial), v2
#   sha1.crl         keytool -gencrl -sigalg SHA1withRSA, DER, one id without reason (v1)
#   ec-empty.pem     keytool -gencrl -rfc by ec.jks ec-p256, no ids (v1, "NO certificates")
#   openssl.pem      openssl ca -gencrl (own EC CA, not in any store): CRL number, AKI, IAN;
#                    entries with reason, hold instruction, invalidity date
mkdir -p "$OUT/crl"
CRL_START=(-startdate "2025/02/03 04:05:06")
kt "$K17" -gencrl -keystore "$OUT/jks/single.jks" -storepass "$SP" -alias mykey "${CRL_START[@]}" -validity 30 \
  -id 1 -id 2:1 -id 255:6 -id 1000000000000000000000:3 -id -5:-1 -id 7:7 -id 9:11 -id 10:8 \
  -file "$OUT/crl/rsa-reasons.crl"
kt "$K17" -gencrl -keystore "$OUT/jks/single.jks" -storepass "$SP" -alias mykey "${CRL_START[@]}" \
  -sigalg SHA1withRSA -id 3 -file "$OUT/crl/sha1.crl"
kt "$K17" -gencrl -keystore "$OUT/jks/ec.jks" -storepass "$SP" -alias ec-p256 "${CRL_START[@]}" -rfc \
  -file "$OUT/crl/ec-empty.pem"
C=$TMP/crlca
mkdir -p "$C"
: >"$C/index.txt"
echo 01 >"$C/serial"
echo 1000 >"$C/crlnumber"
cat >"$C/ca.cnf" <<EOF
[ ca ]
default_ca = crl
[ crl ]
dir = $C
database = \$dir/index.txt
serial = \$dir/serial
crlnumber = \$dir/crlnumber
new_certs_dir = \$dir
default_md = sha384
default_days = 30
default_crl_days = 7
policy = any
crl_extensions = crl_ext
[ any ]
commonName = supplied
[ crl_ext ]
authorityKeyIdentifier = keyid:always
issuerAltName = DNS:crl-ca.cli.example
EOF
"$OPENSSL" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$C/ca.key" -out "$C/ca.pem" \
  -subj "/CN=CLI Test CRL CA/O=keystore-rs" -days 3650 2>/dev/null
for i in 1 2 3; do
  "$OPENSSL" req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$C/l$i.key" -out "$C/l$i.csr" \
    -subj "/CN=revoked-$i.cli.example" 2>/dev/null
  "$OPENSSL" ca -batch -config "$C/ca.cnf" -cert "$C/ca.pem" -keyfile "$C/ca.key" -in "$C/l$i.csr" -out "$C/l$i.pem" >/dev/null 2>&1
done
"$OPENSSL" ca -config "$C/ca.cnf" -cert "$C/ca.pem" -keyfile "$C/ca.key" -revoke "$C/l1.pem" -crl_reason keyCompromise >/dev/null 2>&1
"$OPENSSL" ca -config "$C/ca.cnf" -cert "$C/ca.pem" -keyfile "$C/ca.key" -revoke "$C/l2.pem" -crl_hold 1.2.840.10040.2.2 >/dev/null 2>&1
"$OPENSSL" ca -config "$C/ca.cnf" -cert "$C/ca.pem" -keyfile "$C/ca.key" -revoke "$C/l3.pem" -crl_compromise 20250101000000Z >/dev/null 2>&1
"$OPENSSL" ca -config "$C/ca.cnf" -cert "$C/ca.pem" -keyfile "$C/ca.key" -gencrl -out "$OUT/crl/openssl.pem" 2>/dev/null

# ------------------------------------------------------------------ error-case inputs
: >"$OUT/misc/zero-bytes.jks"
printf 'This is not a keystore, just some text.\n' >"$OUT/misc/not-a-keystore.bin"
printf '%s\nsecond line is ignored\n' "$SP" >"$OUT/misc/storepass.txt"
"$PYTHON" - "$OUT" <<'EOF'
import sys
out = sys.argv[1]
single = open(f"{out}/jks/single.jks", "rb").read()
jceks = open(f"{out}/jceks/single.jceks", "rb").read()
def put(name, data):
    open(f"{out}/corrupt/{name}", "wb").write(data)
put("truncated-header.jks", single[:6])
put("truncated-middle.jks", single[:len(single) // 2])
put("truncated-digest.jks", single[:-3])
put("bad-magic.jks", b"\xfe\xed\xfa\xce" + single[4:])
put("digest-flip.jks", single[:-1] + bytes([single[-1] ^ 0x01]))
put("digest-flip.jceks", jceks[:-1] + bytes([jceks[-1] ^ 0x80]))
EOF

# ------------------------------------------------------------------ manifest.json
# Per store: keytool -list -v (aliases, kinds, SHA-256 of every certificate), and for every key
# entry the PKCS#8 digest: keytool -importkeystore to PKCS12, openssl pkcs12 -nodes -nocerts,
# openssl pkcs8 -topk8 -nocrypt -outform DER, sha256 (so an openssl re-encoding, the same
# pipeline the interop tests use).
: >"$TMP/lists.tsv"; : >"$TMP/pkcs8.tsv"
while IFS=$'\t' read -r f ty sp tool; do
  k=$K17; if [ "$tool" = keytool25 ]; then k=$K25; fi
  kt "$k" -list -v -keystore "$f" -storepass "$sp"
  { printf '%s\n' "=== $f"; cat "$TMP/kt.out"; } >>"$TMP/lists.tsv"
  while IFS= read -r alias; do
    kpw=$sp
    while IFS=$'\t' read -r kf ka kp; do
      if [ "$kf" = "$f" ] && [ "$ka" = "$alias" ]; then kpw=$kp; fi
    done <"$TMP/keypass.tsv"
    rm -f "$TMP/one.p12"
    kt "$k" -importkeystore -srckeystore "$f" -srcstoretype "$ty" -srcstorepass "$sp" -srcalias "$alias" -srckeypass "$kpw" \
      -destkeystore "$TMP/one.p12" -deststoretype PKCS12 -deststorepass tmp-pass -destalias "$alias" -noprompt
    h=$("$OPENSSL" pkcs12 -in "$TMP/one.p12" -passin pass:tmp-pass -nodes -nocerts 2>/dev/null \
      | "$OPENSSL" pkcs8 -topk8 -nocrypt -outform DER | sha256sum | cut -d' ' -f1)
    printf '%s\t%s\t%s\n' "$f" "$alias" "${h^^}" >>"$TMP/pkcs8.tsv"
  done < <(sed -n 's/^Alias name: //p; /^Entry type: PrivateKeyEntry/p' "$TMP/kt.out" | awk '/^Entry type:/ {print prev} {prev=$0}')
done <"$TMP/stores.tsv"

"$PYTHON" - "$OUT" "$TMP" "$("$K17" -J-version 2>&1 | head -1)" "$("$K25" -J-version 2>&1 | head -1)" "$("$OPENSSL" version)" <<'EOF'
import hashlib, json, os, sys
out, tmp, v17, v25, vossl = sys.argv[1:]
def tsv(name):
    with open(os.path.join(tmp, name), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]
keypass = {(f, a): p for f, a, p in tsv("keypass.tsv")}
pkcs8 = {(f, a): h for f, a, h in tsv("pkcs8.tsv")}
secrets = {(f, a): (alg, p) for f, a, alg, p in tsv("secrets.tsv")}
lists, cur = {}, None
with open(os.path.join(tmp, "lists.tsv"), encoding="utf-8") as fh:
    for line in fh:
        line = line.rstrip("\n")
        if line.startswith("=== "):
            cur = line[4:]; lists[cur] = []
        elif line.startswith("Alias name: "):
            lists[cur].append({"alias": line[len("Alias name: "):], "certificates": []})
        elif line.startswith("Entry type: "):
            lists[cur][-1]["kind"] = line[len("Entry type: "):]
        elif line.startswith("\t SHA256: "):
            lists[cur][-1]["certificates"].append(line[len("\t SHA256: "):])
stores = []
for f, ty, sp, tool in tsv("stores.tsv"):
    entries = []
    for e in lists[f]:
        rec = {"alias": e["alias"], "kind": e["kind"]}
        if e["kind"] != "trustedCertEntry":
            rec["key_password"] = keypass.get((f, e["alias"]), secrets.get((f, e["alias"]), (None, sp))[1])
        if e["kind"] == "PrivateKeyEntry":
            rec["pkcs8_sha256"] = pkcs8[(f, e["alias"])]
        if e["kind"] == "SecretKeyEntry":
            alg, _ = secrets[(f, e["alias"])]
            rec["secret_algorithm"], rec["secret_bits"] = alg.split()[0], int(alg.split()[1])
        rec["certificates"] = e["certificates"]
        entries.append(rec)
    data = open(f, "rb").read()
    stores.append({"path": os.path.relpath(f, out), "type": ty, "store_password": sp, "made_by": tool,
                   "size": len(data), "sha256": hashlib.sha256(data).hexdigest().upper(), "entries": entries})
certs = []
for name in sorted(os.listdir(os.path.join(out, "certs"))):
    data = open(os.path.join(out, "certs", name), "rb").read()
    certs.append({"path": "certs/" + name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest().upper()})
manifest = {
    "description": "keystore-cli test vectors, made by tests/data/gen.sh; paths relative to tests/data/stores",
    "tool_versions": {"keytool17": v17, "keytool25": v25, "openssl": vossl},
    "conventions": {
        "certificates": "SHA-256 fingerprints of the chain (or the trusted certificate) as keytool -list -v prints them",
        "pkcs8_sha256": "SHA-256 (upper-case hex) of: keytool -importkeystore -srcalias A to PKCS12 | openssl pkcs12 -nodes -nocerts | openssl pkcs8 -topk8 -nocrypt -outform DER",
        "key_password": "password protecting the key or secret entry",
    },
    "stores": stores,
    "files": certs,
}
with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as fh:
    json.dump(manifest, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
EOF
echo "wrote $(find "$OUT" -type f | wc -l) files, $(du -sk "$OUT" | cut -f1) KiB"

#!/bin/sh
# Regenerates or re-copies the PKCS#12 vectors of this directory. Needs the shared fixture
# corpus (FIXTURES, default /work/shared/fixtures) and openssl 3.
set -eu
FIXTURES=${FIXTURES:-/work/shared/fixtures}
cd "$(dirname "$0")"

# Copies from the corpus (its manifest.json records the exact keytool/openssl/Python commands).
cp "$FIXTURES/k17/pkcs12/single.p12" k17-single.p12
cp "$FIXTURES/k17/pkcs12/legacy.p12" k17-legacy.p12
cp "$FIXTURES/openssl/pkcs12/legacy.p12" openssl-legacy.p12
cp "$FIXTURES/openssl/pkcs12/nomac.p12" openssl-nomac.p12
cp "$FIXTURES/python/noenc.p12" python-noenc.p12

# The complete JDK 17 vector of pkcs12.md §8 (base64 in the spec), made with
#   keytool -genkeypair -keystore small17.p12 -storepass changeit -alias k -keyalg EC \
#           -groupname secp256r1 -dname CN=k -validity 3650
sed -n '/^MIIDxgIBAz/,/^EA==/p' /work/shared/spec/pkcs12.md | base64 -d > spec-small17.p12

# Unknown key-bag attributes (Microsoft CSP name, local machine keyset), a 3-certificate chain
# (leaf, intermediate, root) and a certificate that belongs to no chain (the Python root).
# Salts are random: the file changes on every run.
certfile=$(mktemp)
cat "$FIXTURES/openssl/certs/int.pem" "$FIXTURES/openssl/certs/root.pem" \
    "$FIXTURES/python/certs/py-root.pem" > "$certfile"
openssl pkcs12 -export \
    -inkey "$FIXTURES/openssl/keys/ec.key" -in "$FIXTURES/openssl/certs/ec.pem" \
    -certfile "$certfile" \
    -name csp-key -CSP "Microsoft Software Key Storage Provider" -LMK \
    -passout pass:csp-pass-1 -out openssl-csp.p12
rm -f "$certfile"
chmod 644 ./*.p12

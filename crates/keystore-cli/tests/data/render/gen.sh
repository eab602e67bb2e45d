#!/usr/bin/env bash
# Regenerates the render goldens with JDK 17 keytool and OpenSSL 3.0 (run from anywhere):
#   cacerts.jks, list-v.txt, list-rfc.txt   the system truststore and keytool's listings of it
#   cases/NAME.der + NAME.out + NAME.err    a certificate and `keytool -printcert` stdout/stderr
#   string-vectors.txt                      how Java decodes odd UTF-8/UTF-16/UTF-32 bytes
# Certificates come from openssl (openssl/*.cnf), keytool -genkeypair, craft.py (hand-made DER
# for edge cases; its signatures are dummies, keytool never verifies them) and the shared fixtures.
set -euo pipefail
cd "$(dirname "$0")"
export TZ=UTC LANG=C.UTF-8
KEYTOOL=${KEYTOOL:-/usr/bin/keytool}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf cases
mkdir -p cases

# --- the system truststore ---
cp /etc/ssl/certs/java/cacerts cacerts.jks
"$KEYTOOL" -list -v -keystore cacerts.jks -storepass changeit > list-v.txt
"$KEYTOOL" -list -rfc -keystore cacerts.jks -storepass changeit > list-rfc.txt

# --- keys ---
k="$tmp/keys"
mkdir -p "$k"
genpkey() { openssl genpkey "$@" 2>/dev/null; }
for bits in 512 1024 2048 4096; do genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:$bits -out "$k/rsa$bits.key"; done
genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$k/pss2048.key"
genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:1024 -out "$k/pss1024.key"
genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_pss_keygen_md:sha256 \
    -pkeyopt rsa_pss_keygen_saltlen:32 -out "$k/pss2048r.key"
for c in prime256v1 secp384r1 secp521r1 secp256k1 secp224r1 prime192v1 brainpoolP256r1 brainpoolP512r1 \
         sect163k1 secp112r1 c2tnb191v1 prime239v1 sect571r1; do
    genpkey -algorithm EC -pkeyopt ec_paramgen_curve:$c -out "$k/ec-$c.key"
done
genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -pkeyopt ec_param_enc:explicit -out "$k/ec-explicit.key"
for a in ED25519 ED448 X25519 X448; do genpkey -algorithm $a -out "$k/$(echo $a | tr A-Z a-z).key"; done
openssl dsaparam -out "$tmp/dsa2048.param" 2048 2>/dev/null
openssl dsaparam -out "$tmp/dsa1024.param" 1024 2>/dev/null
genpkey -paramfile "$tmp/dsa2048.param" -out "$k/dsa2048.key"
genpkey -paramfile "$tmp/dsa1024.param" -out "$k/dsa1024.key"
openssl genpkey -genparam -algorithm DH -pkeyopt dh_paramgen_prime_len:2048 -out "$tmp/dh.param" 2>/dev/null
openssl genpkey -genparam -algorithm DHX -pkeyopt dh_paramgen_prime_len:2048 -out "$tmp/dhx.param" 2>/dev/null
genpkey -paramfile "$tmp/dh.param" -out "$k/dh2048.key"
genpkey -paramfile "$tmp/dhx.param" -out "$k/dhx2048.key"
for key in "$k"/*.key; do openssl pkey -in "$key" -pubout -outform DER -out "${key%.key}.spki.der"; done
openssl pkey -in "$k/ec-prime256v1.key" -pubout -outform DER -ec_conv_form compressed -out "$k/ec-compressed.spki.der"

# --- openssl certificates: ossl NAME KEY CNF [extra req args...] ---
ossl() {
    local name=$1 key=$2 cnf=$3
    shift 3
    openssl req -x509 -new -key "$k/$key.key" -config "openssl/$cnf.cnf" -extensions ext -days 3650 "$@" \
        -out "$tmp/$name.pem"
    openssl x509 -in "$tmp/$name.pem" -outform DER -out "cases/ossl-$name.der"
}
ossl ext-all rsa2048 ext-all -set_serial 0
ossl leaf rsa2048 leaf -sha384
ossl ca ec-prime256v1 ca
ossl pku rsa2048 pku
ossl rsa1024-sha1 rsa1024 min -sha1
ossl rsa2048-md5 rsa2048 min -md5
ossl rsa4096-sha512 rsa4096 min -sha512 -set_serial 0x7fffffffffffffffffffffffffffffffffffffff
ossl rsa2048-pss-sig rsa2048 min -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32
ossl pss-key pss2048 min
ossl ec256 ec-prime256v1 min -sha256
ossl ec384 ec-secp384r1 min -sha384
ossl ec521 ec-secp521r1 min -sha512
ossl ec256-sha1 ec-prime256v1 min -sha1
ossl ed25519 ed25519 min
ossl ed448 ed448 min
ossl dsa2048 dsa2048 min -sha256
ossl dsa1024-sha1 dsa1024 min -sha1
ossl gentime rsa2048 min -days 30000
ossl dn-openssl rsa2048 min -utf8 -multivalue-rdn \
    -subj "/DC=org/DC=example/O=Org\, Inc./OU=Unit+CN=Multi Valued/UID=jdoe/emailAddress=j@example.org/1.2.3.4=oid value/L=Zürich/CN= lead"
openssl req -new -key "$k/rsa2048.key" -subj "/CN=Version One/O=Example" -out "$tmp/v1.csr"
openssl x509 -req -in "$tmp/v1.csr" -signkey "$k/rsa2048.key" -days 30 -outform DER -out cases/ossl-v1.der 2>/dev/null

# --- keytool certificates: kt NAME [genkeypair args...] ---
kt() {
    local name=$1
    shift
    "$KEYTOOL" -genkeypair -keystore "$tmp/kt.p12" -storepass changeit -alias "$name" "$@" 2>/dev/null
    "$KEYTOOL" -exportcert -keystore "$tmp/kt.p12" -storepass changeit -alias "$name" -file "cases/kt-$name.der" 2>/dev/null
}
kt rsa1024 -keyalg RSA -keysize 1024 -dname "CN=RSA 1024, O=Example" -sigalg SHA1withRSA
kt rsa2048 -keyalg RSA -keysize 2048 -dname "CN=server.example.com, OU=IT, O=Example\, Inc., L=City, ST=State, C=US" \
    -ext san=dns:server.example.com,ip:10.0.0.1,ip:2001:db8::1,email:a@example.com,uri:https://example.com/x,oid:1.2.3.4 \
    -ext bc:c=ca:true,pathlen:2 -ext ku:c=digitalSignature,keyEncipherment,keyCertSign \
    -ext eku=serverAuth,clientAuth,codeSigning,1.3.6.1.4.1.311.10.3.4 \
    -ext ian=dns:ca.example.com -ext aia=ocsp:uri:http://ocsp.example.com,caIssuers:uri:http://ca.example.com/ca.cer \
    -ext sia=caRepository:uri:http://repo.example.com -ext 1.2.3.4.5=0102030405 -ext 1.2.10=
kt rsa4096 -keyalg RSA -keysize 4096 -dname "CN=a\,b + OU=zz + L=Plain Text, O=\"quoted\", C=DE" -validity 20000
kt ec256 -keyalg EC -keysize 256 -dname "CN=EC 256, DC=example, DC=com, EMAILADDRESS=ec@example.com"
kt ec384 -keyalg EC -keysize 384 -dname "CN=EC 384" -startdate 1950/01/01 -validity 36500
kt ec521 -keyalg EC -keysize 521 -dname "CN=EC 521, UID=jdoe, SERIALNUMBER=42, T=Dr, STREET=Main St 1"
kt ed25519 -keyalg Ed25519 -dname "CN=Ed25519, O=Ünïcode Org"
kt ed448 -keyalg Ed448 -dname "CN=Ed448"
kt dsa2048 -keyalg DSA -keysize 2048 -dname "CN=DSA 2048"
kt pss -keyalg RSASSA-PSS -keysize 2048 -dname "CN=PSS"
kt pss-sigalg -keyalg RSA -keysize 2048 -sigalg RSASSA-PSS -dname "CN=PSS signed"
kt bare-ext -keyalg EC -dname "CN=Bare" -ext 1.3.6.1.5.5.7.1.1 -ext crl=uri:http://a.example/c.crl,uri:http://b.example/c.crl

# --- shared fixtures ---
for d in k17 k25 openssl; do
    for f in /work/shared/fixtures/$d/certs/*; do
        base=$(basename "${f%.*}")
        openssl x509 -in "$f" -inform "$( [[ $f == *.der ]] && echo DER || echo PEM)" -outform DER \
            -out "cases/fixture-$d-$base.der"
    done
done

# --- hand-made DER ---
python3 craft.py "$k" "$tmp/crafted"
for f in "$tmp"/crafted/*.der; do cp "$f" "cases/crafted-$(basename "$f")"; done

# --- keytool's rendering of every case ---
for f in cases/*.der; do
    "$KEYTOOL" -printcert -file "$f" > "${f%.der}.out" 2> "${f%.der}.err" || true
done

# --- Java string decoding ---
java StringVectors.java > string-vectors.txt
echo "generated $(ls cases/*.der | wc -l) cases"

#!/usr/bin/env bash
# The main job, end to end: build rkeytool, import a certificate into a new JKS truststore,
# list it (verbose), export it again and check the exported certificate is the one imported.
# When the JDK's keytool is installed, it lists the store rkeytool wrote, too.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --locked -p keystore-cli
rk=target/release/rkeytool
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
store="$work/truststore.jks"

"$rk" -importcert -noprompt -trustcacerts -storetype JKS -keystore "$store" -storepass changeit \
      -alias example-root -file examples/data/root-ca.pem
"$rk" -list -v -keystore "$store" -storepass changeit
"$rk" -exportcert -rfc -keystore "$store" -storepass changeit -alias example-root -file "$work/exported.pem"

in_der=$("$rk" -printcert -rfc -file examples/data/root-ca.pem)
out_der=$("$rk" -printcert -rfc -file "$work/exported.pem")
[ "$in_der" = "$out_der" ] || { echo "round trip FAILED: exported certificate differs" >&2; exit 1; }
if command -v keytool >/dev/null; then
  echo "--- keytool reads the store rkeytool wrote:"
  keytool -list -keystore "$store" -storepass changeit
fi
echo "round trip OK: $store held and returned the same certificate"

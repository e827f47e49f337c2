#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages: Debian packages for the real peers.
# Quick when everything is there already; as root it installs what is missing.
set -euo pipefail

# package → a command it provides
declare -A NEED=(
  [chromium]=/usr/bin/chromium
  [inspircd]=/usr/sbin/inspircd
  [ngircd]=/usr/sbin/ngircd
  [openssl]=/usr/bin/openssl
  [atheme-services]=/usr/bin/atheme-services
  [prosody]=/usr/bin/prosody
  [python3-feedparser]=/usr/lib/python3/dist-packages/feedparser/__init__.py
  # verifies the mesh signatures with an Ed25519 implementation that is not Node's
  [python3-cryptography]=/usr/lib/python3/dist-packages/cryptography/__init__.py
  # builds a small site whose RSS feed the mesh follows: a feed made by a generator nobody here wrote
  [hugo]=/usr/bin/hugo
  # runs the Nu Html Checker (npm vnu-jar) over every kind of page
  [default-jre-headless]=/usr/bin/java
)

missing=()
for pkg in "${!NEED[@]}"; do
  [ -e "${NEED[$pkg]}" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "test setup: missing Debian packages: ${missing[*]}" \
      "(run as root, or install them: apt-get install ${missing[*]})" >&2
    exit 1
  fi
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "test setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# A throwaway CA for the test servers' TLS certificates. `npm test` trusts it through NODE_EXTRA_CA_CERTS,
# which Node reads only at start, so it must exist before the test process does.
CA_DIR="$(dirname "$0")/../.tmp/test-ca"
if [ ! -f "$CA_DIR/ca.pem" ]; then
  mkdir -p "$CA_DIR"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$CA_DIR/ca.key" -out "$CA_DIR/ca.pem" -days 3650 \
    -subj "/CN=Meshline Test CA" 2>/dev/null
fi

#!/usr/bin/env bash
# A self-signed certificate for localhost, for `make serve` and the tests; a real server uses its own.
#   deploy/make-cert.sh DIR   → DIR/localhost.crt, DIR/localhost.key (kept if already there)
set -euo pipefail
dir="${1:?usage: make-cert.sh DIR}"
mkdir -p "$dir"
if [ -s "$dir/localhost.crt" ] && [ -s "$dir/localhost.key" ]; then
  exit 0
fi
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -sha256 \
  -keyout "$dir/localhost.key" -out "$dir/localhost.crt" \
  -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" 2>/dev/null
chmod 600 "$dir/localhost.key"

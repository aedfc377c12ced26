#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK: Prometheus (remote-write peer) and PostgreSQL (the shared
# control-plane store; tests start their own servers) from Debian, Node.js + the npm packages of
# tests/OllyStack.EndToEnd/js (the OpenTelemetry JavaScript SDK for the JS client test, oidc-provider for the OpenID
# Connect tests). Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
missing=()
command -v prometheus >/dev/null || missing+=(prometheus)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
# Debian keeps the PostgreSQL server binaries off PATH, in /usr/lib/postgresql/<version>/bin.
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
if ((${#missing[@]})); then
  echo "installing ${missing[*]} ..."
  as_root apt-get update -qq
  # policy-rc.d 101 keeps the packages' services from starting: tests start their own on loopback.
  printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
  as_root chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  as_root rm -f /usr/sbin/policy-rc.d
fi
js="$root/tests/OllyStack.EndToEnd/js"
if [[ ! -d "$js/node_modules" ]] || [[ "$js/package-lock.json" -nt "$js/node_modules" ]]; then
  (cd "$js" && npm ci --no-audit --no-fund --loglevel=error)
fi

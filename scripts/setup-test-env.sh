#!/usr/bin/env bash
# Installs the real stand-ins the tests talk to: moto_server (project-local venv),
# Debian's docker-registry, PostgreSQL server binaries, wrk for benchmarks,
# Debian's chromium for the web page's browser test (driven by playwright-core,
# which never downloads a browser of its own), and a real Kubernetes control plane
# built from source (scripts/kube/build.sh: ~10 min on two free cores the first
# time, cached under ~/.cache/msdemo-kube after that).
# Idempotent and fast when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

MOTO_VERSION="${MOTO_VERSION:-5.2.5}"
# Lints `msdemo export --format cloudformation` (moto pulls some cfn-lint in; this pins which).
CFN_LINT_VERSION="${CFN_LINT_VERSION:-1.58.0}"
VENV=".venv"

need_apt=()
command -v docker-registry >/dev/null 2>&1 || [ -x /usr/bin/docker-registry ] || need_apt+=(docker-registry)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
# The Kubernetes tests make a self-signed certificate for the fake API server.
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
# The terminal tests read the screen through tmux (a terminal emulator).
command -v tmux >/dev/null 2>&1 || need_apt+=(tmux)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3 python3-venv)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup-test-env: need root to apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
  echo "setup-test-env: installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  # The Debian package starts a registry on :5000 as a service; tests start their own.
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now docker-registry >/dev/null 2>&1 || true; fi
  pkill -f '/usr/bin/docker-registry serve /etc/docker/registry' >/dev/null 2>&1 || true
fi

if [ ! -x "$VENV/bin/moto_server" ]; then
  echo "setup-test-env: installing moto[server]==$MOTO_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "moto[server]==$MOTO_VERSION"
fi
if [ "$("$VENV/bin/cfn-lint" --version 2>/dev/null)" != "cfn-lint $CFN_LINT_VERSION" ]; then
  echo "setup-test-env: installing cfn-lint==$CFN_LINT_VERSION into $VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "cfn-lint==$CFN_LINT_VERSION"
fi
# The Kubernetes control plane (kube-apiserver, controller-manager, scheduler,
# etcd, kwok). The tests need it: in CI a missing one fails the run. A developer
# in a hurry may set MSDEMO_SKIP_KUBE_BUILD=1 (never in CI); the real-cluster
# tests then say they were skipped and why.
if [ "${MSDEMO_SKIP_KUBE_BUILD:-}" = 1 ] && [ "${CI:-}" != true ]; then
  echo "setup-test-env: MSDEMO_SKIP_KUBE_BUILD=1: not building the Kubernetes control plane"
else
  bash scripts/kube/build.sh >/dev/null
fi
echo "setup-test-env: ready"

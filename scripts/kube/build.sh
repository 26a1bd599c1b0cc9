#!/usr/bin/env bash
# Builds the real Kubernetes control plane the tests run against: kube-apiserver,
# kube-controller-manager and kube-scheduler from k8s.io/kubernetes, etcd from
# go.etcd.io/etcd, and kwok (nodes and pods without a kubelet) with its Stage
# objects. Versions come from versions.env beside this script.
#
# Idempotent and cached: the Go build cache, the module cache and the binaries
# live under $MSDEMO_KUBE_CACHE (default ~/.cache/msdemo-kube), so a second run
# — or CI on the same machine — finds the binaries and returns at once.
# A cold build takes ~10 min on 2 free cores and ~5 GB of disk; it needs only
# the Go module proxy.
#
# Prints the binaries' folder on its last line of stdout.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
. "$here/versions.env"

cache="${MSDEMO_KUBE_CACHE:-$HOME/.cache/msdemo-kube}"
# The binaries' folder is named by the versions that go into them (the same
# key test/support/kube-control-plane.ts computes).
key="$(grep -E '^(KUBERNETES|CODE_GENERATOR|ETCD|KWOK)_VERSION=' "$here/versions.env" | sha256sum | cut -c1-12)"
out="$cache/bin/$key"
if [ -f "$out/.complete" ]; then
  echo "$out"
  exit 0
fi

echo "kube build: building the Kubernetes control plane for the tests into $out" >&2
echo "kube build: the first time takes ~10 min on two free cores and ~5 GB under $cache" >&2

# Go >= 1.25: the installed one, else the pinned toolchain, which the Go module
# proxy serves as the module golang.org/toolchain.
go_minor() { go env GOVERSION 2>/dev/null | sed -n 's/^go1\.\([0-9]*\).*/\1/p'; }
if ! command -v go >/dev/null 2>&1 || [ "$(go_minor)" -lt 25 ] 2>/dev/null || [ -z "$(go_minor)" ]; then
  arch="$(uname -m | sed 's/x86_64/amd64/;s/aarch64/arm64/')"
  toolchain="$cache/toolchain/golang.org/toolchain@v0.0.1-$GO_TOOLCHAIN.linux-$arch"
  if [ ! -x "$toolchain/bin/go" ]; then
    proxy="$(echo "${GOPROXY:-https://proxy.golang.org}" | cut -d, -f1 | cut -d'|' -f1)"
    zip="$cache/toolchain/$GO_TOOLCHAIN.linux-$arch.zip"
    mkdir -p "$cache/toolchain"
    echo "kube build: fetching Go $GO_TOOLCHAIN from $proxy" >&2
    curl -fsSL --max-time 600 -o "$zip" "$proxy/golang.org/toolchain/@v/v0.0.1-$GO_TOOLCHAIN.linux-$arch.zip"
    if [ "$arch" = amd64 ]; then
      echo "$GO_TOOLCHAIN_SHA256_LINUX_AMD64  $zip" | sha256sum -c --quiet -
    fi
    python3 -m zipfile -e "$zip" "$cache/toolchain"
    chmod +x "$toolchain/bin/"* "$toolchain/pkg/tool/"*/* 2>/dev/null || true
    rm -f "$zip"
  fi
  export PATH="$toolchain/bin:$PATH"
  export GOROOT="$toolchain"
fi

export GOCACHE="$cache/go-build"
export GOMODCACHE="$cache/gomod"
export GOPATH="$cache/gopath"
export GOFLAGS="-mod=mod -buildvcs=false"
export CGO_ENABLED=0
export GOTOOLCHAIN=local
export GOPROXY="${GOPROXY:-https://proxy.golang.org,direct}"
mkdir -p "$GOCACHE" "$GOMODCACHE" "$GOPATH"

# Only one build at a time per cache (two test runs starting together).
exec 9>"$cache/.build.lock"
flock 9
if [ -f "$out/.complete" ]; then
  echo "$out"
  exit 0
fi

started=$SECONDS
log() { echo "kube build [$((SECONDS - started))s]: $*" >&2; }

# k8s.io/kubernetes cannot be `go install`ed: its go.mod replaces the k8s.io
# staging modules with local folders. A module of our own requires it and
# replaces each staging module with its published v0.x.y instead.
staging_version="v0.${KUBERNETES_VERSION#1.}"
staging=(api apiextensions-apiserver apimachinery apiserver cli-runtime client-go
  cloud-provider cluster-bootstrap component-base component-helpers controller-manager
  cri-api cri-client csi-translation-lib dynamic-resource-allocation endpointslice
  externaljwt kms kube-aggregator kube-controller-manager kube-proxy kube-scheduler
  kubectl kubelet metrics mount-utils pod-security-admission sample-apiserver
  sample-cli-plugin sample-controller)
mod="$cache/module/$key"
rm -rf "$mod"
mkdir -p "$mod"
{
  echo "module msdemo.invalid/kube-control-plane"
  echo
  echo "go 1.25.0"
  echo
  echo "require ("
  echo "	k8s.io/kubernetes v$KUBERNETES_VERSION"
  echo "	go.etcd.io/etcd/server/v3 v$ETCD_VERSION"
  echo ")"
  echo
  echo "replace ("
  for m in "${staging[@]}"; do echo "	k8s.io/$m => k8s.io/$m $staging_version"; done
  echo "	k8s.io/code-generator => k8s.io/code-generator v$CODE_GENERATOR_VERSION"
  echo ")"
} >"$mod/go.mod"
cat >"$mod/tools.go" <<'GO'
//go:build tools

// Names the commands this module builds, so `go mod tidy` keeps their modules.
package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
GO

cd "$mod"
log "resolving modules (k8s.io/kubernetes v$KUBERNETES_VERSION, etcd v$ETCD_VERSION)"
go mod tidy -e >/dev/null 2>&1 || go mod tidy
# tidy may raise k8s.io/kubernetes's etcd; the etcd we build must be the one pinned.
got_etcd="$(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)"
[ "$got_etcd" = "v$ETCD_VERSION" ] || { echo "kube build: etcd resolved to $got_etcd, not v$ETCD_VERSION" >&2; exit 1; }

tmp="$cache/bin/.$key.partial"
rm -rf "$tmp"
mkdir -p "$tmp"
ldflags="-s -w"
for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
  log "building $cmd"
  go build -trimpath -ldflags "$ldflags" -o "$tmp/$cmd" "k8s.io/kubernetes/cmd/$cmd"
done
log "building etcd"
go build -trimpath -ldflags "$ldflags" -o "$tmp/etcd" go.etcd.io/etcd/server/v3

# kwok's go.mod has no replace directives, so `go install pkg@version` works.
log "building kwok"
GOBIN="$tmp" GOFLAGS="-buildvcs=false" go install -trimpath -ldflags "$ldflags" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
# kwok moves nothing by itself: the Stage objects kwokctl applies (node
# initialise and heartbeat, pod ready/complete/delete) ship in its module.
stages="$GOMODCACHE/sigs.k8s.io/kwok@v$KWOK_VERSION/kustomize/stage"
mkdir -p "$tmp/stages"
for f in node/fast/node-initialize.yaml node/heartbeat/node-heartbeat.yaml \
  pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
  if [ ! -f "$stages/$f" ]; then
    echo "kube build: kwok v$KWOK_VERSION has no stage $f" >&2
    exit 1
  fi
  cp "$stages/$f" "$tmp/stages/$(basename "$f")"
done
chmod -R u+w "$tmp"
cp "$here/versions.env" "$tmp/versions.env"
touch "$tmp/.complete"
rm -rf "$out"
mv "$tmp" "$out"
log "done in $((SECONDS - started))s"
echo "$out"

#!/usr/bin/env bash
# The one install line for AWS CloudShell, whose $HOME (the only folder that
# survives a session) holds 1 GB: runtime dependencies only, the npm cache in a
# throwaway folder outside $HOME, then `msdemo` on the PATH for every new session.
#   git clone --depth 1 <repository> ~/msdemo && bash ~/msdemo/scripts/cloudshell-install.sh
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$(mktemp -d "${TMPDIR:-/tmp}/msdemo-npm-cache.XXXXXX")"
trap 'rm -rf "$cache"' EXIT

# --omit=dev still builds: `prepare` runs esbuild, a runtime dependency.
(cd "$repo" && npm ci --omit=dev --no-audit --no-fund --cache "$cache")
# Node never reads the dependencies' TypeScript declarations or source maps at
# run time, and they are half of node_modules: a CloudShell install drops them.
find "$repo/node_modules" -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \) -delete
bash "$repo/scripts/cloudshell-path.sh"

#!/usr/bin/env bash
# Puts `msdemo` on the PATH in a way that survives a new CloudShell session,
# where only $HOME persists: a link in ~/.local/bin, and two lines in ~/.bashrc
# (that folder on the PATH, and bash completion). Running it again changes nothing.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$HOME/.local/bin"
mkdir -p "$bin"
ln -sfn "$repo/bin/msdemo.js" "$bin/msdemo"

marker="# msdemo: on the PATH, with completion (scripts/cloudshell-path.sh)"
if ! grep -qxF "$marker" "$HOME/.bashrc" 2>/dev/null; then
  cat >>"$HOME/.bashrc" <<LINES

$marker
case ":\$PATH:" in *":\$HOME/.local/bin:"*) ;; *) PATH="\$HOME/.local/bin:\$PATH" ;; esac
command -v msdemo >/dev/null && eval "\$(msdemo completion bash)"
LINES
fi
echo "msdemo is installed: open a new terminal (or run 'source ~/.bashrc'), then 'msdemo --help'."

#!/usr/bin/env bash
# Starts `stylebook lsp` from Emacs (eglot) and Neovim, headless, on a small
# spec, and prints the diagnostics, the first guide of a hover card (the
# guide profile passed by the editor must put Zalando first) and the card's
# topic link. Not part of `npm test`: it needs the editors
# (Debian: apt-get install emacs-nox elpa-eglot elpa-yaml-mode neovim).
# Run after `npm run build`.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/ws"
ln -s "$root/dist/cli.js" "$work/bin/stylebook"
cat > "$work/ws/pets.yaml" <<'YAML'
openapi: 3.0.3
info:
  title: Pets
  version: '1'
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
        '500':
          description: boom
        '299':
          description: odd
YAML
export PATH="$work/bin:$PATH" STYLEBOOK_EDITOR_WS="$work/ws"
status=0
if command -v emacs >/dev/null; then
  echo "== Emacs $(emacs --version | head -1 | awk '{print $3}') + eglot"
  (cd "$work/ws" && timeout 90 emacs --batch -l "$root/test/editors/eglot-check.el" 2>&1 | grep -E '^(SERVER|DIAG|HOVER|FIRST-GUIDE-LINE):') || status=1
else echo "== Emacs not installed: skipped"; fi
if command -v nvim >/dev/null; then
  echo "== $(nvim --version | head -1)"
  (cd "$work/ws" && timeout 60 nvim --headless -u NONE -c "luafile $root/test/editors/neovim-check.lua" 2>&1 | tr '\r' '\n' | grep -E '^(DIAG|HOVER|FIRST|LINK):') || status=1
else echo "== Neovim not installed: skipped"; fi
exit $status

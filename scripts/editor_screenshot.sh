#!/usr/bin/env bash
# The screenshot of docs/editors.md, made offline: Neovim (editors/neovim/dun.lua) in a detached
# tmux session on a scenario with two mistakes, completion asked after `invoice.`; the pane is
# captured with its colours, turned into HTML and photographed by headless chromium.
#   scripts/editor_screenshot.sh [DUN_BINARY] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
dun=$(realpath "${1:-build/cli/dun}")
out=$(realpath -m "${2:-docs/editors-neovim.png}")
work=$(mktemp -d)
session="dun-screenshot-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/bin" "$work/templates"
ln -s "$dun" "$work/bin/dun"
cp scenarios/templates/first_reminder.*.txt scenarios/templates/second_reminder.*.txt "$work/templates/"
printf '[engine]\ntemplates = "templates"\n' >"$work/dun.toml"
cat >"$work/standard.dun" <<'DUN'
scenario standard_b2b "Standard B2B follow-up"
  calendar FR
  send on business days

  applies when invoice.kind == "invoice" and invoice.balanse > 0

  step first
    at invoice.due_date + 7 days
    email "first_reminder" grouped

  step second
    at previous + 10 days
    email "secnd_reminder" grouped
end
DUN

tmux new-session -d -s "$session" -x 100 -y 24 -c "$work" \
  "env PATH=$work/bin:\$PATH TERM=xterm-256color nvim -n -u $PWD/editors/neovim/dun.lua \
   -c 'set completeopt=menuone,noinsert signcolumn=yes' \
   -c 'lua vim.diagnostic.config({ update_in_insert = true })' standard.dun"
sleep 8
tmux send-keys -t "$session" '11G' 'o' '  when invoice.'
sleep 4
tmux send-keys -t "$session" C-x C-o
sleep 4
tmux capture-pane -t "$session" -e -p >"$work/pane.ansi"

python3 - "$work/pane.ansi" "$work/pane.html" <<'PY'
import html, re, sys
palette = ["#1d1f21", "#cc6666", "#b5bd68", "#f0c674", "#81a2be", "#b294bb", "#8abeb7", "#c5c8c6",
           "#666666", "#ff3334", "#9ec400", "#f0c674", "#81a2be", "#b77ee0", "#54ced6", "#ffffff"]
def color(n):
    if n < 16: return palette[n]
    if n < 232:
        n -= 16; steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    v = 8 + (n - 232) * 10; return "#%02x%02x%02x" % (v, v, v)
fg, bg, bold = None, None, False
out = []
for line in open(sys.argv[1], encoding="utf-8", errors="replace").read().split("\n")[:24]:
    parts = re.split(r"\x1b\[([0-9;]*)m", line)
    row = ""
    for i, part in enumerate(parts):
        if i % 2:
            codes = [int(c) if c else 0 for c in part.split(";")] if part else [0]
            k = 0
            while k < len(codes):
                c = codes[k]
                if c == 0: fg, bg, bold = None, None, False
                elif c == 1: bold = True
                elif c == 22: bold = False
                elif 30 <= c <= 37: fg = palette[c - 30]
                elif 90 <= c <= 97: fg = palette[c - 82]
                elif 40 <= c <= 47: bg = palette[c - 40]
                elif 100 <= c <= 107: bg = palette[c - 92]
                elif c == 39: fg = None
                elif c == 49: bg = None
                elif c in (38, 48) and k + 2 < len(codes) and codes[k + 1] == 5:
                    if c == 38: fg = color(codes[k + 2])
                    else: bg = color(codes[k + 2])
                    k += 2
                elif c in (38, 48) and k + 4 < len(codes) and codes[k + 1] == 2:
                    value = "#%02x%02x%02x" % tuple(codes[k + 2:k + 5])
                    if c == 38: fg = value
                    else: bg = value
                    k += 4
                k += 1
        elif part:
            style = ("color:%s;" % fg if fg else "") + ("background:%s;" % bg if bg else "") + \
                    ("font-weight:bold;" if bold else "")
            row += '<span style="%s">%s</span>' % (style, html.escape(part))
    out.append(row)
page = ('<html><body style="margin:0;background:#1d1f21"><pre style="margin:8px;color:#c5c8c6;'
        'font:15px/1.25 \'DejaVu Sans Mono\',monospace">' + "\n".join(out) + "</pre></body></html>")
open(sys.argv[2], "w", encoding="utf-8").write(page)
PY
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=930,500 \
  --screenshot="$out" "file://$work/pane.html" >/dev/null 2>&1
echo "wrote $out"

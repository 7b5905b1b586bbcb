#!/usr/bin/env bash
# Runs a command with a wc on the PATH that pads its counts as BSD wc does (macOS: "       5"), so a script that
# compares a count as a string, and would fail on the macOS runners, fails here too.
# Usage: with-bsd-wc.sh <work folder> <command> [<argument>...]
set -euo pipefail
work=$1
shift
# A PATH entry must be a POSIX path: C:\... from Maven on Windows would split at its colon.
if command -v cygpath >/dev/null; then work=$(cygpath -u "$work"); fi
real=$(command -v wc)
mkdir -p "$work/bsd-wc"
cat > "$work/bsd-wc/wc" <<WC
#!/bin/sh
# Each count right-aligned in eight columns, as BSD wc prints it; file names as they are.
"$real" "\$@" | awk '{ out = ""; for (i = 1; i <= NF; i++) out = out ((\$i ~ /^[0-9]+\$/) ? sprintf("%8s", \$i) : " " \$i); print out }'
WC
chmod +x "$work/bsd-wc/wc"
[ "$(printf 'a\nb\n' | PATH="$work/bsd-wc:$PATH" wc -l)" = "       2" ] || { echo "with-bsd-wc: the padding wc in $work/bsd-wc does not pad" >&2; exit 1; }
PATH="$work/bsd-wc:$PATH" exec "$@"

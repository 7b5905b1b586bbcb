#!/usr/bin/env bash
# Lints GitHub Actions workflows with actionlint, which checks their run: scripts with shellcheck.
# Usage: scripts/lint-workflows.sh [--required=true|false] <folder>...
#   lints every .github/workflows/*.yml under each folder (skipping src/, target/ and .git/ below it);
#   a folder holding none fails. Without actionlint or shellcheck it prints one line and passes, unless --required=true.
# Usage: scripts/lint-workflows.sh --install   installs both when missing (Go's module proxy, Debian's shellcheck).
set -euo pipefail
ACTIONLINT_VERSION=v1.7.12
INSTALL="go install github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION and apt-get install shellcheck (or run .ci/run)"

# actionlint on the PATH, or where go install puts it.
find_actionlint() {
  command -v actionlint && return
  command -v go >/dev/null || return 1
  local gobin
  gobin=$(go env GOBIN)
  [ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
  [ -x "$gobin/actionlint" ] && echo "$gobin/actionlint"
}

if [ "${1:-}" = --install ]; then
  actionlint=$(find_actionlint || true)
  if [ -z "$actionlint" ] || ! "$actionlint" -version | grep -qx "$ACTIONLINT_VERSION"; then
    command -v go >/dev/null || { echo "lint-workflows: installing actionlint needs Go (https://go.dev/dl/)" >&2; exit 1; }
    go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
  fi
  if ! command -v shellcheck >/dev/null; then
    command -v apt-get >/dev/null || { echo "lint-workflows: install shellcheck with your package manager" >&2; exit 1; }
    apt-get install -y -qq shellcheck >/dev/null || { apt-get update -qq && apt-get install -y -qq shellcheck >/dev/null; }
  fi
  echo "actionlint $("$(find_actionlint)" -version | head -n 1), $(shellcheck --version | grep '^version')"
  exit 0
fi

required=false
case "${1:-}" in --required=*) required=${1#--required=}; shift ;; esac
[ $# -gt 0 ] || { echo "usage: $0 [--required=true|false] <folder>..." >&2; exit 2; }

missing=()
actionlint=$(find_actionlint || true)
[ -n "$actionlint" ] || missing+=(actionlint)
command -v shellcheck >/dev/null || missing+=(shellcheck)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$required" = true ]; then
    echo "lint-workflows: ${missing[*]} not found, and -Dlint.workflows.required=true asks for it. Install: $INSTALL" >&2
    exit 1
  fi
  if [ -z "$actionlint" ]; then
    echo "Workflow lint skipped: actionlint is not installed. Install: $INSTALL"
    exit 0
  fi
  echo "Workflow lint without shellcheck: run: scripts are not checked. Install: apt-get install shellcheck"
fi

workflows=()
for folder in "$@"; do
  found=()
  while IFS= read -r file; do found+=("$file"); done < <(find "$folder" \( -name src -o -name target -o -name .git \) -prune \
    -o -type f -path '*/.github/workflows/*' \( -name '*.yml' -o -name '*.yaml' \) -print | sort)
  [ ${#found[@]} -gt 0 ] || { echo "lint-workflows: no .github/workflows/*.yml under $folder; was the workflow removed or not generated?" >&2; exit 1; }
  workflows+=("${found[@]}")
done
"$actionlint" -no-color "${workflows[@]}"
echo "actionlint $("$actionlint" -version | head -n 1): ${#workflows[@]} workflows, no findings:"
printf '  %s\n' "${workflows[@]}"

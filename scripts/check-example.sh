#!/usr/bin/env bash
# Fails, with a unified diff, when example/ (or example-ffm/) is not exactly what the template generates.
# Usage: scripts/check-example.sh <folder holding the freshly generated project> [<checked-in folder> <binding>]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
example=${2:-example} binding=${3:-jni}
generated=$(find "$1" -mindepth 1 -maxdepth 1 -type d | head -n 1)
[ -d "$generated" ] || { echo "check-example: nothing was generated in $1" >&2; exit 2; }

# A template file that no fileSet in archetype-metadata.xml includes would silently never be generated.
template="$root/archetype/src/main/resources/archetype-resources"
# jni/ and ffm/ hold each binding's own files: the shared ones and this binding's are generated.
in_template=$(( $(find "$template" -type f ! -path "$template/jni/*" ! -path "$template/ffm/*" | wc -l) \
  + $(find "$template/$binding" -type f | wc -l) ))
# $(( )) drops the padding BSD wc (macOS) puts before its count.
in_output=$(( $(cd "$generated" && find . -type f ! -path '*/target/*' ! -name build.log | wc -l) ))
if [ "$in_template" != "$in_output" ]; then
  echo "The template has $in_template files but generation wrote $in_output: add the missing ones to a fileSet in" >&2
  echo "archetype/src/main/resources/META-INF/maven/archetype-metadata.xml (or remove them from the template)." >&2
  exit 1
fi

if diff -ruN --exclude=target --exclude=build.log "$root/$example" "$generated" > "$1/example.diff"; then
  echo "$example/ matches the template."
  exit 0
fi
sed -e "s#$root/##g" -e "s#$generated#generated#g" "$1/example.diff"
cat <<MSG

$example/ differs from what the template generates (diff above: '-' is $example/, '+' is the template's output).
If the template change is intended, rewrite $example/ and commit both together:

    scripts/regenerate-example.sh

MSG
exit 1

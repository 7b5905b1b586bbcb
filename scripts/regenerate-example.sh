#!/usr/bin/env bash
# Rewrites example/ (binding jni) and example-ffm/ (binding ffm) from the template, with the properties in
# archetype/src/test/resources/example*/it-example*/archetype.properties.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# -pl archetype -am: the archetype needs the plugin module, which generated projects build with.
mvn -B -q -pl archetype -am package archetype:integration-test@generate-example archetype:integration-test@generate-example-ffm
for example in example example-ffm; do
  generated=$(find "archetype/target/test-classes/$example/it-$example/project" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  mkdir -p "$example"
  find "$example" -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} +
  (cd "$generated" && tar --exclude=./target --exclude=./build.log -cf - .) | (cd "$example" && tar -xf -)
  git status --short "$example"
done

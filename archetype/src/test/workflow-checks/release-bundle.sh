#!/usr/bin/env bash
# Runs the publishing step of ci.yml's release job as GitHub would (bash -eo pipefail), with a throwaway GPG key and
# a stand-in curl for the Central Portal: the bundle it uploads must hold the very jar smoke ran, byte for byte, with
# the pom, sources and javadoc, each signed (the signature checks) and with its checksums; a rejected upload must
# fail the job naming Central's errors. (The 30- and 75-minute limits themselves are not waited out here.)
# Usage: release-bundle.sh <generated project (example/)> <work folder>
set -euo pipefail
project=$(cd "$1" && pwd) work=$2
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL release-bundle: $*" >&2; exit 1; }
for tool in gpg zip unzip jq base64 md5sum sha1sum sha256sum sha512sum; do
  if ! command -v "$tool" > /dev/null; then
    echo "release-bundle skipped: $tool is not on the PATH (the release job runs on ubuntu-24.04, which has it)."
    exit 0
  fi
done
rm -rf "$work" && mkdir -p "$work"
work=$(cd "$work" && pwd)
java "$here/CheckWorkflows.java" --print-run "$project/.github/workflows/ci.yml" release > "$work/publish.sh"

# A signing key of its own, exported as the MAVEN_GPG_KEY secret holds one; its public half checks the signatures.
export GNUPGHOME=$work/keyring
mkdir -p "$GNUPGHOME" && chmod 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase 'test passphrase' --quick-gen-key 'Release Test <release@example.invalid>' ed25519 sign never
MAVEN_GPG_KEY=$(gpg --batch --pinentry-mode loopback --passphrase 'test passphrase' --armor --export-secret-keys)
gpg --batch --armor --export > "$work/public.asc"
unset GNUPGHOME

# Stand-ins: curl answers as the Portal does (a deployment id, then each state in turn); sleep returns at once.
mkdir -p "$work/bin"
cat > "$work/bin/curl" <<'CURL'
#!/usr/bin/env bash
printf '%s\n' "$*" >> "$FAKE_PORTAL/requests"
for arg in "$@"; do
  case "$arg" in
    "Authorization: Bearer "*) [ "${arg#Authorization: Bearer }" = "$(printf '%s' 'user:token' | base64 -w0)" ] || { echo "bad token: $arg" >&2; exit 22; } ;;
    bundle=@*) cp "${arg#bundle=@}" "$FAKE_PORTAL/uploaded.zip" ;;
  esac
done
case "$*" in
  */upload\?*) printf 'deployment-42' ;;
  */status\?id=deployment-42*)
    state=$(head -n 1 "$FAKE_PORTAL/states") && sed -i 1d "$FAKE_PORTAL/states"
    [ -n "$state" ] || state=$(cat "$FAKE_PORTAL/last")
    printf '%s' "$state" > "$FAKE_PORTAL/last"
    printf '{"deploymentId":"deployment-42","deploymentState":"%s","errors":%s}' "$state" \
      "$([ "$state" = FAILED ] && echo '{"pkg:maven/x":["Missing signature for file: x.jar"]}' || echo '{}')" ;;
  *) echo "unexpected request: $*" >&2; exit 22 ;;
esac
CURL
printf '#!/bin/sh\n' > "$work/bin/sleep"
chmod +x "$work/bin/curl" "$work/bin/sleep"

artifact=$(sed -n 's#^  <artifactId>\(.*\)</artifactId>#\1#p' "$project/pom.xml" | head -n 1)
version=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' "$project/pom.xml" | head -n 1)
group=$(sed -n 's#^  <groupId>\(.*\)</groupId>#\1#p' "$project/pom.xml" | head -n 1)
{ [ -n "$artifact" ] && [ -n "$version" ] && [ -n "$group" ]; } || fail "no groupId, artifactId or version in $project/pom.xml"

# One run of the step in a fresh copy of what the earlier steps leave: the tested jar in dist/, the -Ppublish jars.
run() {
  local states=$2 dir=$work/$1
  mkdir -p "$dir/dist" "$dir/target" "$dir/portal" "$dir/runner"
  cp "$project/pom.xml" "$dir/pom.xml"
  head -c 4096 /dev/urandom > "$dir/dist/$artifact-$version.jar"
  head -c 1024 /dev/urandom > "$dir/target/$artifact-$version.jar"
  echo sources > "$dir/target/$artifact-$version-sources.jar"
  echo javadoc > "$dir/target/$artifact-$version-javadoc.jar"
  printf '%s\n' "$states" | tr ' ' '\n' > "$dir/portal/states"
  (cd "$dir" && PATH="$work/bin:$PATH" FAKE_PORTAL="$dir/portal" RUNNER_TEMP="$dir/runner" \
    POM_groupId=$group POM_artifactId=$artifact POM_version=$version MAVEN_GPG_KEY=$MAVEN_GPG_KEY \
    MAVEN_GPG_PASSPHRASE='test passphrase' CENTRAL_USERNAME=user CENTRAL_PASSWORD=token \
    bash --noprofile --norc -eo pipefail "$work/publish.sh") > "$dir/out.log" 2>&1
}

# Validated, then published: the bundle holds the tested jar and every file Central asks for.
run published "PENDING VALIDATING PUBLISHING PUBLISHED" || { cat "$work/published/out.log"; fail "the publishing step failed on an upload Central published"; }
[ -f "$work/published/portal/uploaded.zip" ] || fail "the step uploaded no bundle (requests: $(cat "$work/published/portal/requests"))"
mkdir -p "$work/published/bundle-seen" && (cd "$work/published/bundle-seen" && unzip -q ../portal/uploaded.zip)
base=$work/published/bundle-seen/$(printf '%s' "$group" | tr . /)/$artifact/$version/$artifact-$version
cmp -s "$base.jar" "$work/published/dist/$artifact-$version.jar" || fail "the bundle's $artifact-$version.jar is not the tested jar from dist/ (the artifact smoke ran)"
cmp -s "$base.pom" "$project/pom.xml" || fail "the bundle's pom is not the project's pom.xml"
export GNUPGHOME=$work/verify-keyring
mkdir -p "$GNUPGHOME" && chmod 700 "$GNUPGHOME" && gpg --batch --quiet --import "$work/public.asc"
for file in "$base.jar" "$base.pom" "$base-sources.jar" "$base-javadoc.jar"; do
  gpg --batch --quiet --verify "$file.asc" "$file" 2> /dev/null || fail "$(basename "$file").asc is missing or does not verify"
  for sum in md5 sha1 sha256 sha512; do
    [ "$(cat "$file.$sum" 2> /dev/null)" = "$("${sum}sum" < "$file" | cut -d' ' -f1)" ] || fail "$(basename "$file").$sum is missing or wrong"
  done
done
grep -q 'Published' "$work/published/out.log" || fail "the step did not say the deployment was published: $(cat "$work/published/out.log")"

# Rejected: the job fails and shows Central's errors.
if run rejected "VALIDATING FAILED"; then fail "the publishing step passed although Central rejected the bundle"; fi
grep -q '::error::Maven Central rejected deployment deployment-42: .*Missing signature' "$work/rejected/out.log" \
  || fail "a rejected upload did not print Central's errors: $(cat "$work/rejected/out.log")"

echo "release-bundle: the uploaded bundle holds the tested jar ($(wc -c < "$base.jar" | tr -d ' ') bytes, cmp-identical), the pom, sources and javadoc, each signed and with md5/sha1/sha256/sha512; a rejected upload fails naming Central's errors."

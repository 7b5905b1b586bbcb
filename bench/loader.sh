#!/usr/bin/env bash
# Times example/'s NativeLoader.load() and its first Rust call alone, cold and warm, on JDK 17 and the newest Temurin
# JDK (25): bench/loader-peers.sh without the peers, and what a SHA-256 of the library would add (subject sha256).
# Usage, from the repository root: bench/loader.sh   (env: RUNS=7, JDK17=..., JDK25=...)
set -euo pipefail
RUNS=${RUNS:-7} SUBJECTS="ours first-call sha256" exec "$(dirname "$0")/loader-peers.sh"

#!/usr/bin/env bash
# Times, in ms, the first call of a generated project's Rust function in a new JVM: class loading,
# NativeLoader (extraction when the cache folder is empty) and System.load included.
# Usage: bench/first-call.sh <jar> <package> <cache folder>
set -euo pipefail
jar=$1 package=$2 cache=$3
probe=$(mktemp -d)
cat > "$probe/FirstCall.java" <<JAVA
public class FirstCall {
    public static void main(String[] args) {
        long start = System.nanoTime();
        $package.Core.sumAsStringRust(9000, 1);
        System.out.printf("%.2f%n", (System.nanoTime() - start) / 1e6);
    }
}
JAVA
javac -cp "$jar" -d "$probe" "$probe/FirstCall.java"
java --enable-native-access=ALL-UNNAMED -D"$package.native.cacheDir=$cache" -cp "$jar:$probe" FirstCall
rm -rf "$probe"

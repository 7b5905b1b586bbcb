package io.github.rustyjava.maven;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The glibc floor: which symbols of a library need a glibc newer than the oldest it must load on. */
final class Glibc {
    private static final Pattern NEEDS = Pattern.compile("\\(GLIBC_([0-9.]+)\\)\\s+(\\S+)");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private Glibc() {}

    /** Whether a floor is spelled as glibc versions are ({@code 2.17}). */
    static boolean isVersion(String floor) {
        return VERSION.matcher(floor).matches();
    }

    /** The symbols in {@code objdump -T} output that need a glibc newer than the floor, as {@code name (GLIBC_x.y)}. */
    static List<String> tooNew(String objdumpOutput, String floor) {
        List<String> tooNew = new ArrayList<>();
        Matcher needs = NEEDS.matcher(objdumpOutput);
        while (needs.find()) {
            if (compare(needs.group(1), floor) > 0) {
                tooNew.add(needs.group(2) + " (GLIBC_" + needs.group(1) + ")");
            }
        }
        return tooNew;
    }

    /** Compares dotted versions number by number: 2.9 is older than 2.17. */
    static int compare(String a, String b) {
        return Arrays.compare(Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray(),
                Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray());
    }
}

package io.github.rustyjava.maven;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Collection;
import java.util.Optional;

/** Whether this JVM can name the project's files: with no UTF-8 locale, Java cannot open a non-ASCII path. */
final class SourceNames {
    private SourceNames() {}

    /** The first path that the charset Java names files in ({@code sun.jnu.encoding}) cannot spell, if any. */
    static Optional<String> unnameable(String fileNameEncoding, Collection<String> paths) {
        CharsetEncoder encoder;
        try {
            encoder = Charset.forName(fileNameEncoding).newEncoder();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // an encoding Java does not know: nothing to judge by
        }
        return paths.stream().filter(path -> !encoder.canEncode(path)).findFirst();
    }

    /** The one-line failure: the path, the locale, and the fix. */
    static String failure(String path, String fileNameEncoding, String lang) {
        return "Java cannot name the files under " + path + ": this JVM spells file names in " + fileNameEncoding
                + " (sun.jnu.encoding; LANG is " + (lang == null || lang.isEmpty() ? "unset" : "'" + lang + "'")
                + "), so javac would see no sources and the jar would hold no classes. Fix: run Maven under a UTF-8"
                + " locale, e.g. LANG=C.UTF-8 mvn verify (or export LANG=C.UTF-8).";
    }
}

package io.github.rustyjava.maven.glue;

/** A declaration the glue cannot be generated from; the message names the file, the line and the fix. */
public final class GlueException extends Exception {
    private static final long serialVersionUID = 1L;

    GlueException(String message) {
        super(message);
    }
}

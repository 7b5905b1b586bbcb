package PACKAGE;

/** The exception rust/src/lib.rs names for a PercentError (glue-checks): any Throwable with a String constructor. */
public class ShapeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ShapeException(String message) { // package-private: both bindings find it, as JNI always did
        super(message);
    }
}

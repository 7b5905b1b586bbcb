package PACKAGE;

/** The exception rust/src/lib.rs names for a PercentError (glue-checks): any Throwable with a String constructor. */
public class ShapeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}

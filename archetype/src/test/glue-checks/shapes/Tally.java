package PACKAGE;

/** A running total kept by a Rust value (glue-checks): a class of the package that extends RustObject. */
public final class Tally extends RustObject {
    Tally() {} // Rust.tallyNew creates one, with its Rust value
}

package io.github.rustyjava.maven.glue;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A Java type that crosses to Rust, and how each side spells it. */
enum Kind {
    BOOLEAN("boolean", "bool", "bool", "JAVA_BOOLEAN", "false"),
    BYTE("byte", "i8", "i8", "JAVA_BYTE", "0"),
    SHORT("short", "i16", "i16", "JAVA_SHORT", "0"),
    CHAR("char", "u16", "u16", "JAVA_CHAR", "0"),
    INT("int", "i32", "i32", "JAVA_INT", "0"),
    LONG("long", "i64", "i64", "JAVA_LONG", "0"),
    FLOAT("float", "f32", "f32", "JAVA_FLOAT", "0.0"),
    DOUBLE("double", "f64", "f64", "JAVA_DOUBLE", "0.0"),
    VOID("void", null, "()", null, "()"),
    STRING("String", "&str", "String or &str", null, null),
    STRING_ARRAY("String[]", "&[&str]", "Vec<String> or Vec<&str>", null, null),
    BYTE_ARRAY("byte[]", "&[u8]", "Vec<u8>, [u8; N] or &[u8]", "JAVA_BYTE", null),
    INT_ARRAY("int[]", "&[i32]", "Vec<i32>, [i32; N] or &[i32]", "JAVA_INT", null),
    LONG_ARRAY("long[]", "&[i64]", "Vec<i64>, [i64; N] or &[i64]", "JAVA_LONG", null),
    DOUBLE_ARRAY("double[]", "&[f64]", "Vec<f64>, [f64; N] or &[f64]", "JAVA_DOUBLE", null),
    BYTE_BUFFER("ByteBuffer", "&mut [u8]", null, null, null),
    /** A class of the package that extends RustObject: a Rust value of the same name that Java owns. */
    OBJECT(null, "&mut T or &T", "T", null, null);

    /** How Java spells it (OBJECT: the class's name). */
    final String java;
    /** The parameter type the Rust function takes, or null where Java cannot pass it. */
    final String rustParameter;
    /** What the Rust function may return for it, or null where Java cannot receive it. */
    final String rustReturn;
    /** The primitive's or the element's ValueLayout, for FFM. */
    final String layout;
    /** A primitive's zero, the value a failed call returns. */
    final String zero;

    Kind(String java, String rustParameter, String rustReturn, String layout, String zero) {
        this.java = java;
        this.rustParameter = rustParameter;
        this.rustReturn = rustReturn;
        this.layout = layout;
        this.zero = zero;
    }

    boolean primitive() {
        return ordinal() <= DOUBLE.ordinal();
    }

    boolean primitiveArray() {
        return this == BYTE_ARRAY || this == INT_ARRAY || this == LONG_ARRAY || this == DOUBLE_ARRAY;
    }

    /** The element of a primitive array as Rust spells it. */
    String rustElement() {
        return switch (this) {
            case BYTE_ARRAY -> "u8";
            case INT_ARRAY -> "i32";
            case LONG_ARRAY -> "i64";
            case DOUBLE_ARRAY -> "f64";
            default -> throw new IllegalStateException(name() + " is not a primitive array");
        };
    }

    /** The kind Java spells so (a simple name; java.lang and java.nio prefixes allowed), if it is a built-in one. */
    static Optional<Kind> named(String javaSpelling) {
        String simple = javaSpelling.replaceFirst("^java\\.lang\\.(?=String)", "").replaceFirst("^java\\.nio\\.(?=ByteBuffer$)", "");
        return Arrays.stream(values()).filter(kind -> simple.equals(kind.java)).findFirst();
    }

    /** The README-style list of what a parameter can be, for errors. */
    static String parameterKinds() {
        return Arrays.stream(values()).filter(kind -> kind.rustParameter != null && kind.java != null)
                .map(kind -> kind.java).collect(Collectors.joining(", ")) + ", or a class of this package that extends RustObject";
    }

    /** The list of what a function can return, for errors. */
    static String returnKinds() {
        return Arrays.stream(values()).filter(kind -> kind.rustReturn != null && kind.java != null)
                .map(kind -> kind.java).collect(Collectors.joining(", ")) + ", or a class of this package that extends RustObject";
    }
}

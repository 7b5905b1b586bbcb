package io.github.rustyjava.maven.glue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A function of RustFunctions.java: its Java name, parameters and return type, and the line that declares it.
 * Rust implements it as a function of the crate's root with the name in snake_case.
 */
record Function(String javaName, List<Parameter> parameters, Type returns, int line) {
    /** A parameter: its name and type. */
    record Parameter(String name, Type type) {
        /** The name as a Rust identifier (a raw one where Rust reserves the word). */
        String rustName() {
            return Function.rustIdentifier(name);
        }
    }

    /** A type: its kind, and for OBJECT the class's simple name, which is also the Rust type's name. */
    record Type(Kind kind, String objectName) {
        static Type of(Kind kind) {
            return new Type(kind, null);
        }

        /** How Java spells it. */
        String java() {
            return kind == Kind.OBJECT ? objectName : kind.java;
        }
    }

    /** Words Rust reserves, which a Java name may be: they are written as raw identifiers (r#match). */
    private static final Set<String> RUST_KEYWORDS = Set.of("as", "async", "await", "dyn", "fn", "impl", "in", "let",
            "loop", "match", "mod", "move", "mut", "pub", "ref", "struct", "trait", "type", "unsafe", "use", "where",
            "gen", "become", "box", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "abstract", "do",
            "final", "try");

    /** Words that cannot be raw identifiers either. */
    static final Set<String> RUST_UNUSABLE = Set.of("crate", "self", "super", "Self");

    /** The Rust function's name: the Java name in snake_case (sumAsString: sum_as_string, parseHTTPLine: parse_http_line). */
    String rustName() {
        return rustIdentifier(snakeCase(javaName));
    }

    static String snakeCase(String camel) {
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean upper = Character.isUpperCase(c);
            if (upper && i > 0) {
                char before = camel.charAt(i - 1);
                boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if (Character.isLowerCase(before) || Character.isDigit(before) || (Character.isUpperCase(before) && nextLower)) {
                    snake.append('_');
                }
            }
            snake.append(upper ? Character.toLowerCase(c) : c);
        }
        return snake.toString().toLowerCase(Locale.ROOT);
    }

    static String rustIdentifier(String name) {
        return RUST_KEYWORDS.contains(name) ? "r#" + name : name;
    }

    /** The declaration as Java writes it, for comments and messages: {@code double mean(double[] values)}. */
    String javaSignature() {
        return returns.java() + " " + javaName + "("
                + parameters.stream().map(p -> p.type().java() + " " + p.name()).collect(Collectors.joining(", ")) + ")";
    }

    /** The Rust signature the user writes, for messages: {@code fn mean(values: &[f64]) -> f64}. */
    String rustSignature() {
        String parameterList = parameters.stream()
                .map(p -> p.name() + ": " + (p.type().kind() == Kind.OBJECT ? "&mut " + p.type().objectName() : p.type().kind().rustParameter))
                .collect(Collectors.joining(", "));
        String result = returns.kind() == Kind.VOID ? "" : " -> " + (returns.kind() == Kind.OBJECT ? returns.objectName() : returns.kind().rustReturn.split(",| or ")[0]);
        return "pub fn " + rustName().replace("r#", "") + "(" + parameterList + ")" + result;
    }

    /** The classes of the package this function passes as Rust objects. */
    List<String> objectTypes() {
        return java.util.stream.Stream.concat(parameters.stream().map(Parameter::type), java.util.stream.Stream.of(returns))
                .filter(t -> t.kind() == Kind.OBJECT).map(Type::objectName).distinct().toList();
    }
}

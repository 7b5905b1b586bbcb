package io.github.rustyjava.maven.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading RustFunctions.java: what it accepts, and the one-line error for what the glue cannot carry. */
class DeclarationsTest {
    @TempDir
    Path root;

    private Declarations read(String body) throws IOException, GlueException {
        Path file = root.resolve("com/acme/RustFunctions.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package com.acme;\n\nimport java.nio.ByteBuffer;\n\ninterface RustFunctions {\n" + body + "}\n");
        return Declarations.read("com.acme.RustFunctions", List.of(root));
    }

    private String error(String body) {
        return assertThrows(GlueException.class, () -> read(body)).getMessage();
    }

    @Test
    void readsEverySupportedType() throws Exception {
        Files.createDirectories(root.resolve("com/acme"));
        Files.writeString(root.resolve("com/acme/Hasher.java"), "package com.acme; final class Hasher extends RustObject {}");
        Declarations declarations = read("""
                    /** Javadoc and comments are fine. */
                    boolean all(byte b, short s, char c, int i, long l, float f, double d, String text, String[] texts,
                            byte[] bytes, int[] ints, long[] longs, double[] doubles, ByteBuffer buffer, Hasher hasher);
                    String[] split(java.lang.String line);
                    Hasher hasherNew();
                    void parseHTTPLine(java.nio.ByteBuffer buffer);
                """);
        List<Function> functions = declarations.functions();
        assertEquals(List.of("all", "split", "hasher_new", "parse_http_line"), functions.stream().map(Function::rustName).toList());
        assertEquals("boolean all(byte b, short s, char c, int i, long l, float f, double d, String text, String[] texts,"
                + " byte[] bytes, int[] ints, long[] longs, double[] doubles, ByteBuffer buffer, Hasher hasher)",
                functions.get(0).javaSignature());
        assertEquals(Kind.OBJECT, functions.get(2).returns().kind());
        assertEquals(7, functions.get(0).line());
    }

    @Test
    void anUnsupportedTypeNamesTheLineTheParameterAndWhatIsSupported() {
        String message = error("    int size(java.util.List<String> items);\n");
        assertTrue(message.endsWith("com/acme/RustFunctions.java:6: parameter 'items' of size has type java.util.List<String>,"
                + " which has no conversion to Rust: use one of boolean, byte, short, char, int, long, float, double, String,"
                + " String[], byte[], int[], long[], double[], ByteBuffer, or a class of this package that extends RustObject;"
                + " or write that one function's JNI or FFM code by hand (README, Hand-written bindings)."), message);
    }

    @Test
    void aReturnTypeJavaCannotReceiveIsRefused() {
        assertTrue(error("    ByteBuffer wrap(byte[] data);\n").contains(":6: wrap returns ByteBuffer, which has no conversion from Rust"));
        assertTrue(error("    short[] halves(byte[] data);\n").contains("halves returns short[]"));
    }

    @Test
    void overloadsBodiesAndOtherMembersAreRefused() {
        assertTrue(error("    int f(int a);\n    int f(long a);\n").contains(":7: 'f' and 'f' (line 6) are both Rust's f, and Rust has no overloads"));
        assertTrue(error("    int fooBar(int a);\n    int foo_bar(int a);\n").contains("are both Rust's foo_bar"));
        assertTrue(error("    default int f(int a) { return a; }\n").contains(":6: f has a body"));
        assertTrue(error("    int LIMIT = 3;\n").contains(":6: only methods can be declared here"));
        assertTrue(error("    int f(int... values);\n").contains("is variable-arity: declare it as an array"));
        assertTrue(error("    int self(int a);\n").contains("'self' cannot name a Rust function"));
        assertTrue(error("    int f(int __status);\n").contains("parameter '__status' of f cannot name a Rust variable"));
        assertTrue(error("    int f(int a$b);\n").contains("parameter 'a$b' of f cannot name a Rust variable"));
        assertTrue(error("    int get$x(int a);\n").contains("'get$x' cannot name a Rust function"));
        assertTrue(error("    int größe(int a);\n").contains("'größe' cannot name a Rust function (the glue's names and"
                + " exported symbols take ASCII letters"));
    }

    @Test
    void aMissingFileOrInterfaceSaysWhereItWasLookedFor() throws Exception {
        String missing = assertThrows(GlueException.class, () -> Declarations.read("com.acme.Nothing", List.of(root))).getMessage();
        assertTrue(missing.contains("no source root holds com/acme/Nothing.java"), missing);
        Files.createDirectories(root.resolve("com/acme"));
        Files.writeString(root.resolve("com/acme/Other.java"), "package com.acme; class Other {}");
        String notInterface = assertThrows(GlueException.class, () -> Declarations.read("com.acme.Other", List.of(root))).getMessage();
        assertTrue(notInterface.contains("holds no interface Other"), notInterface);
    }

    @Test
    void namesBecomeRustNames() {
        assertEquals("sum_as_string", Function.snakeCase("sumAsString"));
        assertEquals("parse_http_line", Function.snakeCase("parseHTTPLine"));
        assertEquals("crc32", Function.snakeCase("crc32"));
        assertEquals("to_utf8_bytes", Function.snakeCase("toUtf8Bytes"));
        assertEquals("r#match", Function.rustIdentifier("match"));
        assertEquals("Java_com_acme_Rust_00024_00024Native_sum_1as_1string", "Java_" + JniGlue.mangle("com.acme.Rust$$Native") + "_"
                + JniGlue.mangle("sum_as_string"));
        assertEquals("caf_000e9", JniGlue.mangle("café"));
    }

    @Test
    void theFingerprintChangesWithAnyDeclarationAndTheBinding() throws Exception {
        long jni = Glue.fingerprint(read("    int f(int a);\n"), "jni");
        assertEquals(jni, Glue.fingerprint(read("    /** same */ int f(int a);\n"), "jni"));
        assertTrue(jni != Glue.fingerprint(read("    int f(long a);\n"), "jni"));
        assertTrue(jni != Glue.fingerprint(read("    int f(int b);\n"), "jni"));
        assertTrue(jni != Glue.fingerprint(read("    int f(int a);\n"), "ffm"));
    }
}

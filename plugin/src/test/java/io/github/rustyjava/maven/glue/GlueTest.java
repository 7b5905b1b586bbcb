package io.github.rustyjava.maven.glue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build reads the declarations only when they, the binding or the plugin changed, or a generated file is gone. */
class GlueTest {
    @TempDir
    Path project;

    @Test
    void generatesOnlyWhenAnInputChangedOrAnOutputIsGone() throws Exception {
        Path sources = project.resolve("src/main/java");
        Path declarations = sources.resolve("com/acme/RustFunctions.java");
        Files.createDirectories(declarations.getParent());
        Files.writeString(declarations, "package com.acme;\ninterface RustFunctions {\n    int twice(int a);\n}\n");
        Path javaRoot = project.resolve("target/generated-sources/rusty-java");
        Path rust = project.resolve("rust/target/rusty-java/java.rs");
        Path java = javaRoot.resolve("com/acme/Rust.java");
        String functions = "com.acme.RustFunctions";

        assertTrue(Glue.generateIfChanged(functions, List.of(sources), "jni", "plugin 1", project, javaRoot, rust), "first build");
        assertTrue(Files.readString(rust).contains("crate::twice("));
        assertFalse(Glue.generateIfChanged(functions, List.of(sources), "jni", "plugin 1", project, javaRoot, rust), "nothing changed");
        assertTrue(Glue.generateIfChanged(functions, List.of(sources), "ffm", "plugin 1", project, javaRoot, rust), "the binding");
        assertTrue(Files.readString(java).contains("java.lang.foreign"));
        assertTrue(Glue.generateIfChanged(functions, List.of(sources), "ffm", "plugin 2", project, javaRoot, rust), "the plugin");
        Files.delete(rust);
        assertTrue(Glue.generateIfChanged(functions, List.of(sources), "ffm", "plugin 2", project, javaRoot, rust), "cargo clean");
        Files.writeString(declarations, Files.readString(declarations).replace("int twice(int a);", "long twice(long a);"));
        assertTrue(Glue.generateIfChanged(functions, List.of(sources), "ffm", "plugin 2", project, javaRoot, rust), "a declaration");
        assertTrue(Files.readString(java).contains("static long twice(long a)"));
        assertFalse(Glue.generateIfChanged(functions, List.of(sources), "ffm", "plugin 2", project, javaRoot, rust));
    }
}

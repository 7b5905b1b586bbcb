package io.github.rustyjava.maven.glue;

import java.util.ArrayList;
import java.util.List;

/**
 * FFM (java.lang.foreign): each function is an {@code extern "C"} function {@code rj_<name>} of the Rust module, called
 * through a downcall handle linked on first use. Arrays and strings cross as heap segments read in place
 * ({@code Linker.Option.critical}); what Rust returns beyond a primitive is copied from a per-thread buffer whose
 * address and length come back in the thread's status (three longs of native memory), with the failure code first.
 */
final class FfmGlue extends Binding {
    FfmGlue(Declarations declarations, String origin, long fingerprint) {
        super(declarations, origin, fingerprint);
    }

    @Override
    List<String> javaImports() {
        return List.of("java.io.IOException", "java.io.UncheckedIOException", "java.lang.foreign.Arena",
                "java.lang.foreign.FunctionDescriptor", "java.lang.foreign.Linker", "java.lang.foreign.MemorySegment",
                "java.lang.foreign.SymbolLookup", "java.lang.foreign.ValueLayout", "java.lang.invoke.MethodHandle");
    }

    @Override
    String javaCrossing() {
        return " * (rust/src/lib.rs) through java.lang.foreign. The first call loads the library and checks that it was built\n"
                + " * from these declarations.\n";
    }

    @Override
    String javaClassAnnotation() {
        return "@SuppressWarnings(\"restricted\") // native access: --enable-native-access, or Enable-Native-Access in a jar\n";
    }

    @Override
    void javaPrepare(StringBuilder out, Function function) {
        for (Function.Parameter p : function.parameters()) {
            if (p.type().kind() == Kind.STRING) {
                out.append("        char[] ").append(p.name()).append("$units = ").append(p.name()).append(".toCharArray();\n");
            } else if (p.type().kind() == Kind.BYTE_BUFFER) {
                out.append("        MemorySegment ").append(p.name()).append("$memory = MemorySegment.ofBuffer(").append(p.name())
                        .append(");\n");
            }
        }
    }

    private static String downcall(String javaName) {
        return "$Downcall_" + javaName;
    }

    @Override
    void javaCall(StringBuilder out, Function function, String indent) {
        List<String> arguments = new ArrayList<>();
        for (Function.Parameter p : function.parameters()) {
            String name = p.name();
            switch (p.type().kind()) {
                case STRING -> {
                    arguments.add("MemorySegment.ofArray(" + name + "$units)");
                    arguments.add("(long) " + name + "$units.length");
                }
                case STRING_ARRAY -> {
                    arguments.add("MemorySegment.ofArray(" + name + "$packed.units())");
                    arguments.add("(long) " + name + "$packed.units().length");
                    arguments.add("MemorySegment.ofArray(" + name + "$packed.ends())");
                    arguments.add("(long) " + name + "$packed.ends().length");
                }
                case BYTE_ARRAY, INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> {
                    arguments.add("MemorySegment.ofArray(" + name + ")");
                    arguments.add("(long) " + name + ".length");
                }
                case BYTE_BUFFER -> {
                    arguments.add(name + "$memory");
                    arguments.add(name + "$memory.byteSize()");
                }
                case OBJECT -> arguments.add(name + "$handle.address()");
                default -> arguments.add(name);
            }
        }
        arguments.add("$status");
        Kind returns = function.returns().kind();
        String resultType = returns.primitive() ? returns.java : returns == Kind.OBJECT ? "long" : null;
        out.append(indent).append("MemorySegment $status = STATUS.get();\n");
        if (resultType != null) {
            out.append(indent).append(resultType).append(" $result;\n");
        }
        out.append(indent).append("try {\n");
        out.append(indent).append("    ").append(resultType == null ? "" : "$result = (" + resultType + ") ")
                .append(downcall(function.javaName())).append(".HANDLE.invokeExact(").append(String.join(", ", arguments))
                .append(");\n");
        out.append(indent).append("} catch (Throwable e) {\n").append(indent).append("    throw $rethrow(e);\n").append(indent).append("}\n");
        out.append(indent).append("if ($status.get(ValueLayout.JAVA_LONG, 0) != 0) {\n").append(indent).append("    throw $failure($status);\n").append(indent).append("}\n");
        String returned = switch (returns) {
            case VOID -> null;
            case STRING -> "new String($published($status).toArray(ValueLayout.JAVA_CHAR))";
            case STRING_ARRAY -> javaReturned(function, "$published($status).toArray(ValueLayout.JAVA_CHAR)");
            case BYTE_ARRAY, INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> "$published($status).toArray(ValueLayout." + returns.layout + ")";
            default -> javaReturned(function, "$result");
        };
        if (returned != null) {
            out.append(indent).append("return ").append(returned).append(";\n");
        }
    }

    @Override
    String javaDrop(String objectName) {
        return Glue.CLASS + "::drop$" + objectName;
    }

    /**
     * Whether the function is linked critically: fast (no thread-state change), and needed to read Java arrays and
     * strings in place, but the JVM defers every safepoint, garbage collection included, until the call returns. A
     * function that takes a direct ByteBuffer and no array or string, the shape the README gives long-running work, is
     * an ordinary downcall instead.
     */
    private static boolean critical(Function function) {
        boolean readsHeap = function.parameters().stream().anyMatch(p -> p.type().kind() == Kind.STRING
                || p.type().kind() == Kind.STRING_ARRAY || p.type().kind().primitiveArray());
        boolean takesBuffer = function.parameters().stream().anyMatch(p -> p.type().kind() == Kind.BYTE_BUFFER);
        return readsHeap || !takesBuffer;
    }

    private static String descriptor(Function function) {
        List<String> layouts = new ArrayList<>();
        for (Function.Parameter p : function.parameters()) {
            Kind kind = p.type().kind();
            switch (kind) {
                case STRING, BYTE_ARRAY, INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY, BYTE_BUFFER -> {
                    layouts.add("ValueLayout.ADDRESS");
                    layouts.add("ValueLayout.JAVA_LONG");
                }
                case STRING_ARRAY -> {
                    layouts.add("ValueLayout.ADDRESS");
                    layouts.add("ValueLayout.JAVA_LONG");
                    layouts.add("ValueLayout.ADDRESS");
                    layouts.add("ValueLayout.JAVA_LONG");
                }
                case OBJECT -> layouts.add("ValueLayout.JAVA_LONG");
                default -> layouts.add("ValueLayout." + kind.layout);
            }
        }
        layouts.add("ValueLayout.ADDRESS");
        Kind returns = function.returns().kind();
        String all = String.join(", ", layouts);
        if (returns.primitive()) {
            return "FunctionDescriptor.of(ValueLayout." + returns.layout + ", " + all + ")";
        }
        return returns == Kind.OBJECT ? "FunctionDescriptor.of(ValueLayout.JAVA_LONG, " + all + ")" : "FunctionDescriptor.ofVoid(" + all + ")";
    }

    @Override
    void javaBindingMembers(StringBuilder out) {
        for (String objectName : Glue.objectTypes(declarations)) {
            out.append("\n    /** Drops the Rust ").append(objectName).append(" behind the address; RustObject calls it once. */\n");
            out.append("    private static void drop$").append(objectName).append("(long address) {\n");
            out.append("        MemorySegment $status = STATUS.get();\n");
            out.append("        try {\n");
            out.append("            ").append(downcall("drop$" + objectName))
                    .append(".HANDLE.invokeExact(address, $status);\n");
            out.append("        } catch (Throwable e) {\n            throw $rethrow(e);\n        }\n");
            out.append("        if ($status.get(ValueLayout.JAVA_LONG, 0) != 0) {\n            throw $failure($status);\n        }\n");
            out.append("    }\n");
        }
        out.append("""

                    /** The library, loaded on the first call; linking checks it was built from these declarations. */
                    private static final class $Library {
                        private static final Linker LINKER = Linker.nativeLinker();
                        // The library NativeLoader loaded, and only it: loaderLookup() would also search other libraries of this class
                        // loader. Opened by the canonical path System.load used, so dlopen returns the library already loaded.
                        private static final SymbolLookup SYMBOLS;

                        static {
                            NativeLoader.load();
                            try {
                                SYMBOLS = SymbolLookup.libraryLookup(NativeLoader.loadedFrom().orElseThrow().toFile().getCanonicalPath(),
                                        Arena.global());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            long built;
                            try {
                                built = (long) link("rjg_fingerprint", FunctionDescriptor.of(ValueLayout.JAVA_LONG), false).invokeExact();
                            } catch (Throwable e) {
                                throw $rethrow(e);
                            }
                            $checkFingerprint(built);
                        }

                        private $Library() {}

                        // Linker.Option.critical: no thread-state change, and Rust reads arrays and strings in place; the JVM
                        // waits with garbage collection until the call returns. A function that takes a direct ByteBuffer
                        // and no array or string is linked plainly, so a long call there holds up nothing.
                        static MethodHandle link(String name, FunctionDescriptor descriptor, boolean critical) {
                            MemorySegment symbol = SYMBOLS.find(name).orElseThrow(() -> new LinkageError("The native library "
                                    + NativeLoader.loadedFrom().orElseThrow() + " exports no " + name + ": build it again from this"
                                    + " source (mvn compile)."));
                            return critical ? LINKER.downcallHandle(symbol, descriptor, Linker.Option.critical(true))
                                    : LINKER.downcallHandle(symbol, descriptor);
                        }
                    }

                    // Each function's handle, in a class of its own so it is linked on the function's first call.
                """);
        List<String[]> handles = new ArrayList<>();
        for (String objectName : Glue.objectTypes(declarations)) {
            handles.add(new String[] {"drop$" + objectName, "rjg_drop_" + objectName,
                    "FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS)", "false"});
        }
        for (Function function : declarations.functions()) {
            handles.add(new String[] {function.javaName(), symbol(function), descriptor(function), String.valueOf(critical(function))});
        }
        for (String[] handle : handles) {
            out.append("    private static final class ").append(downcall(handle[0])).append(" {\n");
            out.append("        static final MethodHandle HANDLE = $Library.link(\"").append(handle[1]).append("\",\n");
            out.append("                ").append(handle[2]).append(", ").append(handle[3]).append(");\n");
            out.append("    }\n");
        }
        out.append("""

                    // Each thread's status, in native memory so that a call without arrays needs no critical link, and reused:
                    // a fresh heap array per call made a loop of one function cost 130 ns more (JDK 25). Three longs: 0 or 1 for
                    // a failure, then the address and the length of a result Rust keeps for Java to copy.
                    private static final ThreadLocal<MemorySegment> STATUS =
                            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(ValueLayout.JAVA_LONG, 3));

                    /** The bytes Rust published for this thread's call: status[1] is their address, status[2] their length. */
                    private static MemorySegment $published(MemorySegment status) {
                        return MemorySegment.ofAddress(status.get(ValueLayout.JAVA_LONG, 8)).reinterpret(status.get(ValueLayout.JAVA_LONG, 16));
                    }

                    /** The exception of a failed call: Rust published its class, a newline and its message. */
                    private static RuntimeException $failure(MemorySegment status) {
                        status.set(ValueLayout.JAVA_LONG, 0, 0); // Rust sets it only on a failure
                        String text = new String($published(status).toArray(ValueLayout.JAVA_CHAR));
                        int newline = text.indexOf('\\n');
                        throw Rust.<RuntimeException>$sneaky($exception(text.substring(0, newline), text.substring(newline + 1)));
                    }

                    private static Throwable $exception(String className, String message) {
                        switch (className) {
                            case "java.lang.RuntimeException": return new RuntimeException(message);
                            case "java.lang.IllegalArgumentException": return new IllegalArgumentException(message);
                            case "java.lang.IllegalStateException": return new IllegalStateException(message);
                            case "java.lang.ArithmeticException": return new ArithmeticException(message);
                            default: break;
                        }
                        try {
                            Class<?> type = Class.forName(className, true, Rust.class.getClassLoader());
                            if (Throwable.class.isAssignableFrom(type)) {
                                // Any String constructor, as JNI finds it: a package-private one too.
                                java.lang.reflect.Constructor<?> constructor = type.getDeclaredConstructor(String.class);
                                constructor.setAccessible(true);
                                return (Throwable) constructor.newInstance(message);
                            }
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            return e.getCause(); // the constructor threw: Java sees that exception, as with JNI
                        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                            // falls through to the explanation below
                        }
                        return new RuntimeException(message + " (Rust named the exception class " + className + ", which cannot be"
                                + " thrown: it must be a Throwable with a String constructor that this class loader finds)");
                    }

                    /** Throws any exception as it is, as JNI does: Java's checked exceptions are javac's rule, not the JVM's. */
                    @SuppressWarnings("unchecked")
                    private static <E extends Throwable> E $sneaky(Throwable exception) throws E {
                        throw (E) exception;
                    }

                    private static RuntimeException $rethrow(Throwable e) {
                        if (e instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        if (e instanceof Error error) {
                            throw error;
                        }
                        throw new IllegalStateException("A downcall threw " + e, e);
                    }
                """);
    }

    private static String symbol(Function function) {
        return "rj_" + function.rustName().replace("r#", "");
    }

    // ---- Rust ----

    @Override
    String rustRuntime() {
        return Glue.resource("ffm.rs");
    }

    @Override
    void rustFingerprint(StringBuilder out) {
        out.append("#[unsafe(no_mangle)]\n");
        out.append("extern \"C\" fn rjg_fingerprint() -> i64 {\n    install_panic_hook();\n    FINGERPRINT\n}\n");
    }

    @Override
    void rustDrop(StringBuilder out, String objectName) {
        out.append("\n/// Drops the ").append(objectName).append(" a RustObject owned, when it is closed or unreachable.\n");
        out.append("#[unsafe(no_mangle)]\n");
        out.append("unsafe extern \"C\" fn rjg_drop_").append(objectName).append("(address: i64, __status: *mut i64) {\n");
        out.append("    // Safety: RustObject.java passes an address from into_handle once, under its lock, and then forgets it.\n");
        out.append("    if let Err(failure) = run(|| unsafe { drop_handle::<crate::").append(objectName).append(">(address) }) {\n");
        out.append("        unsafe { fail(__status, failure) };\n");
        out.append("    }\n}\n");
    }

    private static String zero(Kind kind) {
        return kind.primitive() ? kind.zero : kind == Kind.OBJECT ? "0" : "()";
    }

    @Override
    void rustFunction(StringBuilder out, Function function) {
        Kind returns = function.returns().kind();
        String zero = zero(returns);
        List<String> parameters = new ArrayList<>();
        for (Function.Parameter p : function.parameters()) {
            String name = p.rustName();
            Kind kind = p.type().kind();
            switch (kind) {
                case STRING -> {
                    parameters.add(name + ": *const u16");
                    parameters.add(name + "__len: i64");
                }
                case STRING_ARRAY -> {
                    parameters.add(name + "__units: *const u16");
                    parameters.add(name + "__units_len: i64");
                    parameters.add(name + "__ends: *const i32");
                    parameters.add(name + "__count: i64");
                }
                case BYTE_ARRAY, INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> {
                    parameters.add(name + ": *const " + kind.rustElement());
                    parameters.add(name + "__len: i64");
                }
                case BYTE_BUFFER -> {
                    parameters.add(name + ": *mut u8");
                    parameters.add(name + "__len: i64");
                }
                case OBJECT -> parameters.add(name + ": i64");
                default -> parameters.add(name + ": " + kind.rustParameter);
            }
        }
        parameters.add("__status: *mut i64");
        String returnType = returns.primitive() && returns != Kind.VOID ? " -> " + returns.rustParameter
                : returns == Kind.OBJECT ? " -> i64" : "";
        out.append("#[unsafe(no_mangle)]\n");
        out.append("unsafe extern \"C\" fn ").append(symbol(function)).append("(").append(String.join(", ", parameters))
                .append(")").append(returnType).append(" {\n");
        out.append("    // Safety: Rust.java passes each array, string and buffer with its length, Rust objects under their lock,\n");
        out.append("    // and its thread's status, three longs.\n");
        out.append("    unsafe {\n");
        String i = "        ";
        String bail = i + "    Err(failure) => {\n" + i + "        fail(__status, failure);\n" + i + "        return " + zero + ";\n"
                + i + "    }\n" + i + "};\n";
        List<Function.Parameter> buffers = function.parameters().stream().filter(p -> p.type().kind() == Kind.BYTE_BUFFER).toList();
        if (buffers.size() > 1) {
            out.append(i).append("if let Err(failure) = disjoint(&[").append(buffers.stream()
                    .map(p -> "(\"" + p.name() + "\", " + p.rustName() + ", " + p.rustName() + "__len as usize)")
                    .collect(java.util.stream.Collectors.joining(", "))).append("]) {\n");
            out.append(i).append("    fail(__status, failure);\n").append(i).append("    return ").append(zero).append(";\n")
                    .append(i).append("}\n");
        }
        for (Function.Parameter p : function.parameters()) {
            String name = p.rustName();
            switch (p.type().kind()) {
                case STRING -> out.append(i).append("let ").append(name).append(" = match text_from_utf16(slice(").append(name)
                        .append(", ").append(name).append("__len as usize), \"").append(p.name()).append("\") {\n")
                        .append(i).append("    Ok(text) => text,\n").append(bail);
                case STRING_ARRAY -> {
                    out.append(i).append("let ").append(name).append("__list = match TextList::decode(slice(").append(name)
                            .append("__units, ").append(name).append("__units_len as usize), slice(").append(name).append("__ends, ")
                            .append(name).append("__count as usize), \"").append(p.name()).append("\") {\n")
                            .append(i).append("    Ok(list) => list,\n").append(bail);
                    out.append(i).append("let ").append(name).append(" = ").append(name).append("__list.strs();\n");
                }
                case BYTE_ARRAY, INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> out.append(i).append("let ").append(name)
                        .append(" = slice(").append(name).append(", ").append(name).append("__len as usize);\n");
                case BYTE_BUFFER -> out.append(i).append("let ").append(name).append(" = slice_mut(").append(name).append(", ")
                        .append(name).append("__len as usize);\n"); // after disjoint, above
                case OBJECT -> out.append(i).append("let ").append(name).append(" = from_handle::<crate::")
                        .append(p.type().objectName()).append(">(").append(name).append(");\n");
                default -> { }
            }
        }
        out.append(i).append(rustCall(function, Binding::rustArgument)).append('\n');
        String result = function.rustName().replace("r#", "") + "__result";
        String converted = switch (returns) {
            case STRING -> "publish_text(__status, &value[..])";
            case STRING_ARRAY -> "publish_strings(__status, &value[..])";
            // The element type named: Java copies the bytes as elements of its declared type.
            case BYTE_ARRAY, INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> "publish::<" + returns.rustElement() + ">(__status, &value[..])";
            case OBJECT -> "into_handle(value)";
            default -> "value";
        };
        out.append(i).append("match ").append(result).append(" {\n");
        String value = function.rustName();
        out.append(i).append("    Ok(").append(value).append(") => ").append(converted.replace("value", value)).append(",\n");
        out.append(i).append("    Err(failure) => {\n").append(i).append("        fail(__status, failure);\n")
                .append(i).append("        ").append(zero).append('\n').append(i).append("    }\n");
        out.append(i).append("}\n");
        out.append("    }\n}\n");
    }
}

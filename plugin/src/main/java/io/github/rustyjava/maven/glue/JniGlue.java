package io.github.rustyjava.maven.glue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * JNI: each function is a native method of {@code Rust.Native}, exported by its JNI name from the Rust module. Strings
 * are read with one GetStringRegion; arrays are pinned with GetPrimitiveArrayCritical and no other JNI call is made
 * until they are released, as -Xcheck:jni requires.
 */
final class JniGlue extends Binding {
    JniGlue(Declarations declarations, String origin, long fingerprint) {
        super(declarations, origin, fingerprint);
    }

    @Override
    List<String> javaImports() {
        return List.of();
    }

    @Override
    String javaCrossing() {
        return " * (rust/src/lib.rs) through JNI. The first call loads the library and checks that it was built from these\n"
                + " * declarations.\n";
    }

    @Override
    void javaCall(StringBuilder out, Function function, String indent) {
        List<String> arguments = new ArrayList<>();
        for (Function.Parameter p : function.parameters()) {
            String name = p.name();
            switch (p.type().kind()) {
                case STRING_ARRAY -> {
                    arguments.add(name + "$packed.units()");
                    arguments.add(name + "$packed.ends()");
                }
                case BYTE_BUFFER -> {
                    arguments.add(name);
                    arguments.add(name + ".position()");
                    arguments.add(name + ".remaining()");
                }
                case OBJECT -> arguments.add(name + "$handle.address()");
                default -> arguments.add(name);
            }
        }
        String call = "$Native." + function.javaName() + "(" + String.join(", ", arguments) + ")";
        if (function.returns().kind() == Kind.VOID) {
            out.append(indent).append(call).append(";\n");
        } else {
            out.append(indent).append("return ").append(javaReturned(function, call)).append(";\n");
        }
    }

    @Override
    String javaDrop(String objectName) {
        return "$Native::drop$" + objectName;
    }

    @Override
    void javaBindingMembers(StringBuilder out) {
        out.append("\n    /** The native methods, each exported by the Rust module the build generates; loading this class loads the library. */\n");
        out.append("    private static final class $Native {\n");
        out.append("        static {\n");
        out.append("            NativeLoader.load();\n");
        out.append("            $checkFingerprint($fingerprint());\n");
        out.append("        }\n\n");
        out.append("        private $Native() {}\n\n");
        out.append("        static native long $fingerprint();\n");
        for (String objectName : Glue.objectTypes(declarations)) {
            out.append("\n        static native void drop$").append(objectName).append("(long address);\n");
        }
        for (Function function : declarations.functions()) {
            List<String> parameters = new ArrayList<>();
            for (Function.Parameter p : function.parameters()) {
                String name = p.name();
                switch (p.type().kind()) {
                    case STRING_ARRAY -> {
                        parameters.add("char[] " + name + "$units");
                        parameters.add("int[] " + name + "$ends");
                    }
                    case BYTE_BUFFER -> {
                        parameters.add("ByteBuffer " + name);
                        parameters.add("int " + name + "$position");
                        parameters.add("int " + name + "$length");
                    }
                    case OBJECT -> parameters.add("long " + name);
                    default -> parameters.add(p.type().java() + " " + name);
                }
            }
            out.append("\n        static native ").append(nativeReturn(function.returns())).append(' ').append(function.javaName())
                    .append('(').append(String.join(", ", parameters)).append(");\n");
        }
        out.append("    }\n");
    }

    private static String nativeReturn(Function.Type type) {
        return switch (type.kind()) {
            case STRING_ARRAY -> "char[]";
            case OBJECT -> "long";
            default -> type.java();
        };
    }

    // ---- Rust ----

    @Override
    String rustRuntime() {
        return Glue.resource("jni.rs");
    }

    /** The exported name of a method of Rust.Native, as the JVM looks it up. */
    private String symbol(String method) {
        return "Java_" + mangle(declarations.packageName() + "." + Glue.CLASS + "$$Native") + "_" + mangle(method);
    }

    /** JNI's escaping of a name in a symbol: '.' is '_', '_' is "_1", and anything but ASCII letters and digits "_0xxxx". */
    static String mangle(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c == '.') {
                out.append('_');
            } else if (c == '_') {
                out.append("_1");
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                out.append(c);
            } else {
                out.append("_0").append(String.format(Locale.ROOT, "%04x", (int) c));
            }
        }
        return out.toString();
    }

    @Override
    void rustFingerprint(StringBuilder out) {
        out.append("#[unsafe(no_mangle)]\n");
        out.append("extern \"system\" fn ").append(symbol("$fingerprint")).append("(_: *mut JNIEnv, _: jclass) -> i64 {\n");
        out.append("    install_panic_hook();\n    FINGERPRINT\n}\n");
    }

    @Override
    void rustDrop(StringBuilder out, String objectName) {
        out.append("\n/// Drops the ").append(objectName).append(" a RustObject owned, when it is closed or unreachable.\n");
        out.append("#[unsafe(no_mangle)]\n");
        out.append("extern \"system\" fn ").append(symbol("drop$" + objectName)).append("(__env: *mut JNIEnv, _: jclass, address: i64) {\n");
        out.append("    // Safety: RustObject.java passes an address from into_handle once, under its lock, and then forgets it.\n");
        out.append("    if let Err(failure) = run(|| unsafe { drop_handle::<crate::").append(objectName).append(">(address) }) {\n");
        out.append("        unsafe { throw(__env, failure) };\n");
        out.append("    }\n}\n");
    }

    private static String rustJniType(Kind kind) {
        return switch (kind) {
            case STRING -> "jstring";
            case BYTE_ARRAY, INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY, STRING_ARRAY -> "jarray";
            case BYTE_BUFFER -> "jobject";
            case OBJECT -> "i64";
            case VOID -> "()";
            default -> kind.rustParameter;
        };
    }

    private static String zero(Kind kind) {
        return switch (kind) {
            case STRING, STRING_ARRAY, BYTE_ARRAY, INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> "std::ptr::null_mut()";
            case OBJECT -> "0";
            default -> kind.zero;
        };
    }

    @Override
    void rustFunction(StringBuilder out, Function function) {
        Kind returns = function.returns().kind();
        String zero = zero(returns);
        List<String> parameters = new ArrayList<>(List.of("__env: *mut JNIEnv", "_: jclass"));
        for (Function.Parameter p : function.parameters()) {
            String name = p.rustName();
            switch (p.type().kind()) {
                case STRING_ARRAY -> {
                    parameters.add(name + "__units: jarray");
                    parameters.add(name + "__ends: jarray");
                }
                case BYTE_BUFFER -> {
                    parameters.add(name + ": jobject");
                    parameters.add(name + "__position: i32");
                    parameters.add(name + "__len: i32");
                }
                default -> parameters.add(name + ": " + rustJniType(p.type().kind()));
            }
        }
        out.append("#[unsafe(no_mangle)]\n");
        out.append("extern \"system\" fn ").append(symbol(function.javaName())).append("(").append(String.join(", ", parameters))
                .append(")").append(returns == Kind.VOID ? "" : " -> " + rustJniType(returns)).append(" {\n");
        out.append("    // Safety: the JVM passes this call's JNIEnv and live local references; Rust.java passes no null, only direct\n");
        out.append("    // and writable buffers, and Rust objects under their lock; no JNI call runs while an array is pinned.\n");
        out.append("    unsafe {\n");
        String i = "        ";
        // Calls that may throw come first, while nothing is pinned.
        for (Function.Parameter p : function.parameters()) {
            String name = p.rustName();
            switch (p.type().kind()) {
                case STRING -> out.append(i).append("let ").append(name).append(" = match string_in(__env, ").append(name)
                        .append(", \"").append(p.name()).append("\") {\n").append(i).append("    Ok(text) => text,\n")
                        .append(i).append("    Err(failure) => {\n").append(i).append("        throw(__env, failure);\n")
                        .append(i).append("        return ").append(zero).append(";\n").append(i).append("    }\n")
                        .append(i).append("};\n");
                case BYTE_BUFFER -> out.append(i).append("let ").append(name).append("__range = buffer_range(__env, ").append(name)
                        .append(", ").append(name).append("__position, ").append(name).append("__len);\n");
                case OBJECT -> out.append(i).append("let ").append(name).append(" = from_handle::<crate::")
                        .append(p.type().objectName()).append(">(").append(name).append(");\n");
                default -> { }
            }
        }
        List<Function.Parameter> buffers = function.parameters().stream().filter(p -> p.type().kind() == Kind.BYTE_BUFFER).toList();
        if (buffers.size() > 1) {
            out.append(i).append("if let Err(failure) = disjoint(&[").append(buffers.stream()
                    .map(p -> "(\"" + p.name() + "\", " + p.rustName() + "__range.0, " + p.rustName() + "__range.1)")
                    .collect(Collectors.joining(", "))).append("]) {\n");
            out.append(i).append("    throw(__env, failure);\n").append(i).append("    return ").append(zero).append(";\n")
                    .append(i).append("}\n");
        }
        for (Function.Parameter p : buffers) {
            out.append(i).append("let ").append(p.rustName()).append(" = slice_mut(").append(p.rustName()).append("__range.0, ")
                    .append(p.rustName()).append("__range.1);\n");
        }
        // Pinning: every length first (GetArrayLength is a JNI call), then every array.
        List<String> pinned = new ArrayList<>();
        List<String[]> pins = new ArrayList<>();
        for (Function.Parameter p : function.parameters()) {
            String name = p.rustName();
            if (p.type().kind() == Kind.STRING_ARRAY) {
                pins.add(new String[] {name + "__units", "u16"});
                pins.add(new String[] {name + "__ends", "i32"});
            } else if (p.type().kind().primitiveArray()) {
                pins.add(new String[] {name, p.type().kind().rustElement()});
            }
        }
        for (String[] pin : pins) {
            out.append(i).append("let ").append(pin[0]).append("__length = array_length(__env, ").append(pin[0]).append(");\n");
        }
        for (String[] pin : pins) {
            out.append(i).append("let Some(").append(pin[0]).append(") = Pinned::<").append(pin[1]).append(">::pin(__env, ")
                    .append(pin[0]).append(", ").append(pin[0]).append("__length) else {\n");
            for (int k = pinned.size() - 1; k >= 0; k--) {
                out.append(i).append("    ").append(pinned.get(k)).append(".release(__env);\n");
            }
            out.append(i).append("    return ").append(zero).append(";\n").append(i).append("};\n");
            pinned.add(pin[0]);
        }
        String releaseAll = pinned.isEmpty() ? "" : new StringBuilder().append(reverse(pinned).stream()
                .map(name -> i + name + ".release(__env);\n").collect(Collectors.joining())).toString();
        for (Function.Parameter p : function.parameters()) {
            String name = p.rustName();
            if (p.type().kind() == Kind.STRING_ARRAY) {
                out.append(i).append("let ").append(name).append("__list = match TextList::decode(").append(name)
                        .append("__units.slice(), ").append(name).append("__ends.slice(), \"").append(p.name()).append("\") {\n")
                        .append(i).append("    Ok(list) => list,\n").append(i).append("    Err(failure) => {\n")
                        .append(releaseAll.replace(i, i + "        ")).append(i).append("        throw(__env, failure);\n")
                        .append(i).append("        return ").append(zero).append(";\n").append(i).append("    }\n")
                        .append(i).append("};\n");
                out.append(i).append("let ").append(name).append(" = ").append(name).append("__list.strs();\n");
            }
        }
        String call = rustCall(function, p -> p.type().kind().primitiveArray() ? p.rustName() + ".slice()" : rustArgument(p));
        out.append(i).append(call).append('\n');
        boolean borrows = switch (returns) {
            case STRING, STRING_ARRAY, BYTE_ARRAY, INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> true;
            default -> false;
        };
        if (!pinned.isEmpty() && borrows) {
            // The value may borrow a pinned array; it must outlive the release, and no JNI call may come before.
            String result = function.rustName().replace("r#", "") + "__result";
            out.append(i).append("let ").append(result).append(" = ").append(result).append(".map(Detach::detach);\n");
        }
        out.append(releaseAll);
        String result = function.rustName().replace("r#", "") + "__result";
        out.append(i).append("match ").append(result).append(" {\n");
        String value = function.rustName();
        out.append(i).append("    Ok(").append(value).append(") => ").append(converted(returns).replace("value", value)).append(",\n");
        out.append(i).append("    Err(failure) => {\n").append(i).append("        throw(__env, failure);\n")
                .append(i).append("        ").append(zero).append('\n').append(i).append("    }\n");
        out.append(i).append("}\n");
        out.append("    }\n}\n");
    }

    private static String converted(Kind kind) {
        return switch (kind) {
            case STRING -> "string_out(__env, &value[..])";
            case STRING_ARRAY -> "strings_out(__env, &value[..])";
            case BYTE_ARRAY -> "bytes_out(__env, &value[..])";
            case INT_ARRAY -> "ints_out(__env, &value[..])";
            case LONG_ARRAY -> "longs_out(__env, &value[..])";
            case DOUBLE_ARRAY -> "doubles_out(__env, &value[..])";
            case OBJECT -> "into_handle(value)";
            default -> "value";
        };
    }

    private static <T> List<T> reverse(List<T> list) {
        List<T> reversed = new ArrayList<>(list);
        java.util.Collections.reverse(reversed);
        return reversed;
    }
}

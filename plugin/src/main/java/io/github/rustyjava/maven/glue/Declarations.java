package io.github.rustyjava.maven.glue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VoidType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The functions an interface of the project declares (RustFunctions.java), read from its source before javac and
 * cargo run, so both compile against glue generated from them. Anything the glue cannot carry is an error that names
 * the file, the line, the value and what to write instead.
 */
public final class Declarations {
    private final Path file;
    private final String packageName;
    private final String interfaceName;
    private final List<Function> functions;

    private Declarations(Path file, String packageName, String interfaceName, List<Function> functions) {
        this.file = file;
        this.packageName = packageName;
        this.interfaceName = interfaceName;
        this.functions = functions;
    }

    public Path file() {
        return file;
    }

    public String packageName() {
        return packageName;
    }

    public String interfaceName() {
        return interfaceName;
    }

    List<Function> functions() {
        return functions;
    }

    /** The source file of the interface {@code qualifiedName}: the first source root's that holds it. */
    public static Path locate(String qualifiedName, List<Path> sourceRoots) throws GlueException {
        String relative = qualifiedName.replace('.', '/') + ".java";
        return sourceRoots.stream().map(root -> root.resolve(relative)).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new GlueException("The functions to bind are declared in " + qualifiedName
                        + " (<functions> of rusty-java-maven-plugin in pom.xml), but no source root holds " + relative
                        + ". Create the interface there, or name the one that declares your functions."));
    }

    /** Reads the interface {@code qualifiedName} from the first source root that holds it. */
    public static Declarations read(String qualifiedName, List<Path> sourceRoots) throws GlueException {
        int dot = qualifiedName.lastIndexOf('.');
        String packageName = dot < 0 ? "" : qualifiedName.substring(0, dot);
        String simpleName = qualifiedName.substring(dot + 1);
        Path file = locate(qualifiedName, sourceRoots);
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new GlueException("Reading " + file + " failed: " + e.getMessage());
        }
        ParserConfiguration configuration = new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        ParseResult<CompilationUnit> parsed = new JavaParser(configuration).parse(source);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            // javac reports it better: generate nothing and let it.
            throw new GlueException(file + " does not parse: " + parsed.getProblems().get(0).getVerboseMessage()
                    + " Fix the Java syntax; javac names the same error.");
        }
        CompilationUnit unit = parsed.getResult().get();
        String declaredPackage = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        if (!declaredPackage.equals(packageName)) {
            throw new GlueException(file + " declares package '" + declaredPackage + "', but pom.xml names "
                    + qualifiedName + ": make them agree.");
        }
        ClassOrInterfaceDeclaration type = unit.getInterfaceByName(simpleName)
                .orElseThrow(() -> new GlueException(file + " holds no interface " + simpleName
                        + ": declare the functions Rust implements as the methods of an interface of that name."));
        Declarations reader = new Declarations(file, packageName, simpleName, new ArrayList<>());
        reader.readMembers(type, sourceRoots);
        return reader;
    }

    private void readMembers(ClassOrInterfaceDeclaration type, List<Path> sourceRoots) throws GlueException {
        if (!type.getTypeParameters().isEmpty()) {
            throw error(type, interfaceName + " has type parameters", "declare it without them");
        }
        Map<String, Function> byRustName = new HashMap<>();
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (!(member instanceof MethodDeclaration method)) {
                throw error(member, "only methods can be declared here, not '" + firstLine(member) + "'",
                        "move constants and nested types to another class");
            }
            Function function = read(method, sourceRoots);
            Function clash = byRustName.putIfAbsent(function.rustName(), function);
            if (clash != null) {
                throw error(method, "'" + method.getNameAsString() + "' and '" + clash.javaName() + "' (line "
                        + clash.line() + ") are both Rust's " + function.rustName()
                        + ", and Rust has no overloads", "give each function a name of its own");
            }
            functions.add(function);
        }
    }

    private Function read(MethodDeclaration method, List<Path> sourceRoots) throws GlueException {
        String name = method.getNameAsString();
        if (method.isDefault() || method.isStatic() || method.isPrivate() || method.getBody().isPresent()) {
            throw error(method, name + " has a body", "declare it without one (Rust implements it), or move it to another class");
        }
        if (!method.getTypeParameters().isEmpty()) {
            throw error(method, name + " has type parameters", "declare one function per type");
        }
        if (Function.RUST_UNUSABLE.contains(Function.snakeCase(name)) || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw error(method, "'" + name + "' cannot name a Rust function (the glue's names and exported symbols take"
                    + " ASCII letters, digits and '_', starting with a letter, and not crate, self or super)", "choose another name");
        }
        List<Function.Parameter> parameters = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            String parameterName = parameter.getNameAsString();
            if (parameter.isVarArgs()) {
                throw error(parameter, "parameter '" + parameterName + "' of " + name + " is variable-arity",
                        "declare it as an array");
            }
            if (Function.RUST_UNUSABLE.contains(parameterName) || parameterName.contains("__") || parameterName.contains("$")) {
                throw error(parameter, "parameter '" + parameterName + "' of " + name + " cannot name a Rust variable (the"
                        + " glue's names hold no '$' and no '__', and not crate, self or super)", "rename it");
            }
            Function.Type type = type(parameter.getType(), sourceRoots).filter(t -> t.kind().rustParameter != null)
                    .orElseThrow(() -> error(parameter, "parameter '" + parameterName + "' of " + name + " has type "
                            + parameter.getType() + ", which has no conversion to Rust",
                            "use one of " + Kind.parameterKinds()
                                    + "; or write that one function's JNI or FFM code by hand (README, Hand-written bindings)"));
            parameters.add(new Function.Parameter(parameterName, type));
        }
        Function.Type returns = type(method.getType(), sourceRoots).filter(t -> t.kind().rustReturn != null)
                .orElseThrow(() -> error(method.getType(), name + " returns " + method.getType()
                        + ", which has no conversion from Rust", "return one of " + Kind.returnKinds()
                        + "; or write that one function's JNI or FFM code by hand (README, Hand-written bindings)"));
        return new Function(name, List.copyOf(parameters), returns, method.getBegin().map(p -> p.line).orElse(0));
    }

    /** The type's kind, if the glue can carry it. */
    private Optional<Function.Type> type(Type type, List<Path> sourceRoots) {
        if (type instanceof VoidType) {
            return Optional.of(Function.Type.of(Kind.VOID));
        }
        if (type instanceof PrimitiveType primitive) {
            return Kind.named(primitive.asString()).map(Function.Type::of);
        }
        if (type instanceof ArrayType array) {
            if (array.getArrayLevel() != 1 || !array.getAnnotations().isEmpty()) {
                return Optional.empty();
            }
            return Kind.named(array.getComponentType().asString() + "[]").map(Function.Type::of);
        }
        if (type instanceof ClassOrInterfaceType named && named.getTypeArguments().isEmpty()) {
            Optional<Kind> builtIn = Kind.named(named.getNameWithScope());
            if (builtIn.isPresent()) {
                return builtIn.map(Function.Type::of);
            }
            String simple = named.getNameAsString();
            boolean inPackage = named.getScope().isEmpty() && sourceRoots.stream()
                    .anyMatch(root -> Files.isRegularFile(root.resolve(packageName.replace('.', '/')).resolve(simple + ".java")));
            if (inPackage && !Function.RUST_UNUSABLE.contains(simple)) {
                return Optional.of(new Function.Type(Kind.OBJECT, simple));
            }
        }
        return Optional.empty();
    }

    private GlueException error(Node node, String problem, String fix) {
        int line = node.getBegin().map(p -> p.line).orElse(0);
        return new GlueException(file + ":" + line + ": " + problem + ": " + fix + ".");
    }

    private static String firstLine(Node node) {
        String text = node.toString().strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " ...";
    }
}

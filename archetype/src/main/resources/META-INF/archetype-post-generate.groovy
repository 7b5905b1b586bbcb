// Runs after the archetype plugin has written the project. The plugin checks validationRegex only for
// values it prompts for, so every name is checked again here; on a bad one the files this run wrote are
// removed and generation fails with the property, the value, the rule and the fix.
import java.lang.management.ManagementFactory
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.StandardCopyOption
import java.nio.file.attribute.BasicFileAttributes
import java.nio.file.attribute.PosixFilePermission
import java.text.Normalizer
import javax.lang.model.SourceVersion

def props = request.properties
String groupId = request.groupId
String artifactId = request.artifactId
String version = request.version
String pkg = props.getProperty('package')
String libraryName = props.getProperty('libraryName')
String binding = props.getProperty('binding')

// Maven's own pattern for groupId and artifactId (its model validator rejects anything else).
def mavenId = ~/[A-Za-z0-9_.\-]+/
def problems = []

// A fix derived from the bad value: accents dropped, each run of other characters the rule rejects replaced.
def derive = { String value, String rejected, String replacement, String fallback ->
    String plain = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll(/\p{M}/, '').replace('ß', 'ss')
    String fixed = plain.replaceAll("(${rejected})+", replacement).replaceAll(/^[-_.]+|[-_.]+$/, '')
    return fixed ?: fallback
}
def notMavenId = /[^A-Za-z0-9_.\-]/
if (!(groupId ==~ mavenId)) {
    problems << "groupId '${groupId}': Maven accepts only ASCII letters, digits, '.', '-' and '_'. Fix: -DgroupId=${derive(groupId, notMavenId, '_', 'com.acme')}"
}
if (!(artifactId ==~ mavenId)) {
    problems << "artifactId '${artifactId}': Maven accepts only ASCII letters, digits, '.', '-' and '_'. Fix: -DartifactId=${derive(artifactId, notMavenId, '-', 'hello-native')}"
} else if (artifactId ==~ /\.+/) {
    problems << "artifactId '${artifactId}': it names a folder that is already there (the current or a parent one), not a new project folder. Fix: -DartifactId=hello-native"
}
if (!(version ==~ /[^\s\\\/:"<>|?*&\$]+/)) {
    problems << "version '${version}': Maven rejects spaces and the characters \\ / : \" < > | ? *, and in the pom & and \$ would start an XML entity or a property expression. Fix: -Dversion=${derive(version, /[\s\\\/:"<>|?*&$]/, '-', '0.1.0-SNAPSHOT')}"
}

// Each package segment must be a Java identifier and no keyword; JNI names the native methods after it.
def fixSegment = { String segment ->
    if (SourceVersion.isKeyword(segment)) {
        return segment + '_'
    }
    String fixed = segment.replaceAll(/[^\p{javaJavaIdentifierPart}]|\p{Cf}|\p{Cc}|[^\x{0}-\x{FFFF}]/, '_')
    return Character.isJavaIdentifierStart(fixed.codePointAt(0)) ? fixed : '_' + fixed
}
def segments = pkg.split(/\./, -1) as List
List<String> fixedSegments = segments.findAll { it }.collect(fixSegment)
if (fixedSegments && fixedSegments[0] == 'java') {
    fixedSegments[0] = 'java_'
}
String packageFix = "Fix: -Dpackage=${fixedSegments.join('.') ?: 'com.acme.hello'}"
if (segments[0] == 'java') {
    problems << "package '${pkg}': the JVM reserves the packages under java. for itself and refuses to define classes there (Prohibited package name). ${packageFix}"
}
segments.eachWithIndex { String segment, int i ->
    String where = "package '${pkg}'"
    if (segment.isEmpty()) {
        problems << "${where}: segment ${i + 1} is empty. ${packageFix}"
    } else if (SourceVersion.isKeyword(segment)) {
        problems << "${where}: segment '${segment}' is a Java keyword or literal. ${packageFix}"
    } else if (!SourceVersion.isIdentifier(segment)) {
        problems << "${where}: segment '${segment}' is not a Java identifier (letters, digits, '_' and '\$', not starting with a digit). ${packageFix}"
    } else if (segment.codePoints().anyMatch { Character.isIdentifierIgnorable(it) }) {
        problems << "${where}: segment '${segment}' holds an invisible character that Java ignores in names but files and JNI keep. ${packageFix}"
    } else if (segment.codePoints().anyMatch { it > 0xFFFF }) {
        problems << "${where}: segment '${segment}' has a character above U+FFFF, which jni-rs' #[jni_mangle] writes into the JNI symbol differently from the JVM, so the native methods would not link. ${packageFix}"
    }
}

// The crate, the library file and NativeLoader.LIBRARY_NAME share this name. Cargo allows ASCII letters,
// digits, '-' and '_', not starting with a digit; lower case and '_' keep all three spelled alike and rustc's
// snake-case lint quiet.
Path outputDir = Paths.get(request.outputDirectory).toAbsolutePath().normalize()
Path projectDir = outputDir.resolve(artifactId).normalize()
def windowsReserved = ['con', 'prn', 'aux', 'nul'] + (1..9).collect { "com${it}".toString() } + (1..9).collect { "lpt${it}".toString() }
// The generated Cargo.lock names the crate and every crate it depends on: a second package of one name cannot build.
Path lockFile = projectDir.resolve("${binding}/rust/Cargo.lock".toString()) // moved to rust/ once all is well
List<String> dependencyNames = Files.isRegularFile(lockFile)
        ? (lockFile.toFile().getText('UTF-8') =~ /(?m)^name = "([^"]+)"$/).collect { it[1] } : []
dependencyNames.remove(libraryName) // the crate's own entry
def freeName = { String name -> name in dependencyNames || name in windowsReserved ? name + '_native' : name }
if (!(libraryName ==~ /[a-z_][a-z0-9_]*/)) {
    String fixed = libraryName.toLowerCase(Locale.ROOT).replaceAll(/[^a-z0-9_]/, '_').replaceAll(/^([0-9])/, '_$1')
    problems << "libraryName '${libraryName}': a crate and library name here is ASCII lower case, digits and '_', not starting with a digit (Cargo's rules, spelled one way for the crate, the file and the loader). Fix: -DlibraryName=${freeName(fixed ?: 'hello_native')}"
} else if (libraryName in dependencyNames) {
    problems << "libraryName '${libraryName}': the crate depends on a crate of that name (${libraryName} is in rust/Cargo.lock), and one build cannot hold two packages of one name. Fix: -DlibraryName=${libraryName}_native"
} else if (libraryName in windowsReserved) {
    problems << "libraryName '${libraryName}': Windows reserves this file name, so ${libraryName}.dll cannot be built there. Fix: -DlibraryName=${libraryName}_native"
}

// The binding picks the template's jni/ or ffm/ files; another value would give a project without Rust.java.
def bindings = ['jni', 'ffm']
if (!(binding in bindings)) {
    String fixed = binding.toLowerCase(Locale.ROOT).replaceAll(/[^a-z]/, '')
    problems << "binding '${binding}': the choices are jni (JDK 17+, through jni-rs) and ffm (JDK 22+, through java.lang.foreign). Fix: -Dbinding=${fixed in bindings ? fixed : 'jni'}"
}

long started = ManagementFactory.runtimeMXBean.startTime
def writtenNow = { Path p -> Files.getLastModifiedTime(p).toMillis() >= started - 1000 }

// Generating inside a folder with a pom.xml makes the plugin add a <module> to it and join its first two lines;
// put the line break back so the edit is just the <module> line.
Path outerPom = outputDir.resolve('pom.xml')
boolean outerPomEdited = Files.isRegularFile(outerPom) && writtenNow(outerPom) && projectDir.parent == outputDir
if (outerPomEdited) {
    String text = outerPom.toFile().getText('UTF-8')
    String fixedText = text.replaceFirst(/^(<\?xml[^>]*\?>)(<)/, '$1' + System.lineSeparator() + '$2')
    if (fixedText != text) {
        outerPom.toFile().setText(fixedText, 'UTF-8')
    }
}

if (problems.isEmpty()) {
    // The binding's files were written under jni/ or ffm/: move them to their places in the project.
    Path flavour = projectDir.resolve(binding)
    if (Files.isDirectory(flavour) && writtenNow(flavour)) {
        List<Path> files = Files.walk(flavour).withCloseable { it.toList() }
        files.findAll { Files.isRegularFile(it) }.each { Path from ->
            Path to = projectDir.resolve(flavour.relativize(from).toString())
            Files.createDirectories(to.parent)
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING)
        }
        files.reverse().findAll { Files.isDirectory(it) }.each { Files.delete(it) }
    }
    // The archetype plugin writes every file without its x bit: mvnw (and any *.sh) gets it back here.
    if (Files.isDirectory(projectDir)) {
        Files.walk(projectDir).withCloseable { paths ->
            paths.filter { Files.isRegularFile(it) && (it.fileName.toString() == 'mvnw' || it.fileName.toString().endsWith('.sh')) }
                    .forEach { file ->
                        try {
                            def perms = Files.getPosixFilePermissions(file)
                            perms.addAll([PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE])
                            Files.setPosixFilePermissions(file, perms)
                        } catch (UnsupportedOperationException ignored) {
                            // Windows: no x bit to set
                        }
                    }
        }
    }
    return
}

// Undo: the files this run wrote, the folders it made, and the <module> it added; nothing older.
String cleanup = "Nothing was removed from ${projectDir}."
if (Files.isDirectory(projectDir)) {
    def allBelow = { Path root -> Files.walk(root).withCloseable { it.sorted(Comparator.reverseOrder()).toList() } }
    // The highest folder this run made on the way to the project (artifactId 'a/b' makes a/ too), if any.
    Path madeRoot = null
    for (Path dir = projectDir; dir.startsWith(outputDir) && dir != outputDir; dir = dir.parent) {
        boolean madeNow = Files.readAttributes(dir, BasicFileAttributes).creationTime().toMillis() >= started - 1000 &&
                allBelow(dir).every { writtenNow(it) }
        if (!madeNow) {
            break
        }
        madeRoot = dir
    }
    if (madeRoot != null) {
        allBelow(madeRoot).each { Files.delete(it) }
        cleanup = "Removed the half-written project ${madeRoot}."
    } else {
        // A folder that was there before ('.', '..', or one the plugin reused) is searched only where the template writes.
        List<Path> roots = ['pom.xml', 'README.md', '.gitignore', '.gitattributes', '.github', '.mvn', 'mvnw', 'mvnw.cmd', 'rust', 'src', 'jni', 'ffm']
                .collect { projectDir.resolve(it) }.findAll { Files.exists(it) }
        roots.collectMany(allBelow).each { // children first, so a folder this run made is empty when its turn comes
            if (writtenNow(it) && (Files.isRegularFile(it) || it.toFile().list().length == 0)) {
                Files.delete(it)
            }
        }
        cleanup = "${projectDir} existed before: removed only the files this run wrote into it."
    }
}
if (outerPomEdited) {
    String module = "<module>${artifactId}</module>"
    String text = outerPom.toFile().getText('UTF-8')
    int at = text.lastIndexOf(module)
    if (at >= 0) {
        int lineStart = text.lastIndexOf('\n', at) + 1
        int lineEnd = text.indexOf('\n', at)
        String after = lineEnd < 0 ? text.substring(at + module.length()) : text.substring(at + module.length(), lineEnd)
        boolean aloneOnLine = text.substring(lineStart, at).isBlank() && after.isBlank()
        text = aloneOnLine ? text.substring(0, lineStart) + (lineEnd < 0 ? '' : text.substring(lineEnd + 1))
                : text.substring(0, at) + text.substring(at + module.length())
        outerPom.toFile().setText(text, 'UTF-8')
        cleanup += " Took ${module} out of ${outerPom} again."
    }
}

String message = "Cannot generate this project:\n" + problems.collect { "  - ${it}" }.join('\n') + "\n${cleanup}"
throw new IllegalArgumentException(message)

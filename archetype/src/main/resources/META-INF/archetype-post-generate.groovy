// Runs after the archetype plugin has written the project. The plugin checks validationRegex only for
// values it prompts for, so every name is checked again here; on a bad one the files this run wrote are
// removed and generation fails with the property, the value, the rule and the fix. The plugin skips a file
// that is already there instead of overwriting it: any path this project writes that was there before the
// run fails generation too, and the run's own files are taken out again, so the folder is as it was.
import java.lang.management.ManagementFactory
import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.StandardCopyOption
import java.nio.file.attribute.BasicFileAttributes
import java.nio.file.attribute.FileTime
import java.nio.file.attribute.PosixFilePermission
import java.text.Normalizer
import java.util.zip.ZipFile
import javax.lang.model.SourceVersion
import javax.xml.parsers.DocumentBuilderFactory

def props = request.properties
String groupId = request.groupId
String artifactId = request.artifactId
String version = request.version
String pkg = props.getProperty('package')
String libraryName = props.getProperty('libraryName')
String binding = props.getProperty('binding')

Path outputDir = Paths.get(request.outputDirectory).toAbsolutePath().normalize()
Path projectDir = outputDir.resolve(artifactId).normalize()

// Every path this run writes, from the archetype jar and its descriptor: the plugin's outputs (fileSets in
// order, includeCondition, packaged, __property__ tokens, as DefaultFilesetArchetypeGenerator maps them) and,
// for the chosen binding, where the files under <binding>/ are moved.
URL descriptorUrl = Thread.currentThread().contextClassLoader.getResource('META-INF/maven/archetype-metadata.xml')
if (descriptorUrl == null || descriptorUrl.protocol != 'jar') {
    throw new IllegalStateException("archetype-post-generate.groovy: the archetype jar is not the context class loader's (found ${descriptorUrl}); it cannot tell which files this run wrote")
}
File archetypeJar = new File(((JarURLConnection) descriptorUrl.openConnection()).jarFileURL.toURI())
List<String> resources = []
def descriptor
new ZipFile(archetypeJar).withCloseable { zip ->
    resources = zip.entries().toList()*.name.findAll { it.startsWith('archetype-resources/') }
            .collect { it.substring('archetype-resources/'.length()) }.findAll { it }
    descriptor = zip.getInputStream(zip.getEntry('META-INF/maven/archetype-metadata.xml')).withCloseable {
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(it).documentElement
    }
}
def children = { node, String name -> (0..<node.childNodes.length).collect { node.childNodes.item(it) }.findAll { it.nodeName == name } }
def childText = { node, String name -> children(node, name).collect { it.textContent.trim() }.find() ?: '' }
if (children(descriptor, 'modules')) {
    throw new IllegalStateException('archetype-post-generate.groovy: the descriptor has modules, whose paths this script does not derive')
}
Map<String, String> context = [groupId: groupId, artifactId: artifactId, version: version, package: pkg,
                               packageInPathFormat: pkg.replace('.', '/')]
props.stringPropertyNames().each { context[it] = props.getProperty(it) }
// The plugin evaluates includeCondition with Velocity; the form the descriptor uses is evaluated here.
def included = { String condition ->
    if (!condition) {
        return true
    }
    def m = condition =~ /^\$\{(\w+)\.equals\(['"]([^'"]*)['"]\)\}$/
    if (!m.matches()) {
        throw new IllegalStateException("archetype-post-generate.groovy: cannot evaluate includeCondition ${condition}; only \${property.equals('value')} is understood")
    }
    return context[m.group(1)] == m.group(2)
}
// Ant patterns as the plugin's ListScanner matches them: ** any folders (none too), * and ? within a name.
def antRegex = { String pattern ->
    String p = pattern.endsWith('/') ? pattern + '**' : pattern
    (p =~ /\*\*\/|\/\*\*$|\*\*|\*|\?|[^*?]+/).collect { String t ->
        t == '**/' ? '(?:.*/)?' : t == '/**' ? '(?:/.*)?' : t == '**' ? '.*' : t == '*' ? '[^/]*' : t == '?' ? '[^/]' : java.util.regex.Pattern.quote(t)
    }.join('')
}
def tokens = { String path -> path.replaceAll(/__((?:[^_]+_)*[^_]+)__/) { all, key -> context[key]?.trim() ? context[key] : all } }
def inProject = { String relative -> projectDir.resolve(relative.split('/').findAll { it }.join('/') ?: '.').normalize() }
List<Path> written = [projectDir.resolve('pom.xml')] // the plugin refuses a folder that already has one
List<Path> writtenFolders = [projectDir]
children(descriptor, 'fileSets').collectMany { children(it, 'fileSet') }.each { fileSet ->
    if (!included(fileSet.getAttribute('includeCondition'))) {
        return
    }
    String dir = childText(fileSet, 'directory')
    boolean packaged = fileSet.getAttribute('packaged') == 'true'
    String prefix = dir ? dir + '/' : ''
    def patterns = { String list -> children(fileSet, list).collectMany { children(it, list[0..-2]) }.collect { antRegex(prefix + it.textContent.trim()) } }
    List<String> includes = patterns('includes') ?: [antRegex(prefix + '**')]
    List<String> excludes = patterns('excludes')
    String packagePath = packaged ? pkg.replace('.', '/') : ''
    writtenFolders << inProject(tokens("${dir}/${packagePath}/"))
    resources.findAll { r -> includes.any { r ==~ it } && !excludes.any { r ==~ it } }.each { String r ->
        Path out = inProject(tokens("${dir}/${packagePath}/${r.replaceFirst(java.util.regex.Pattern.quote(dir), '')}"))
        (r.endsWith('/') ? writtenFolders : written) << out
    }
}
// The chosen binding's files, written under <binding>/, and where they are moved once all is well.
Path flavour = projectDir.resolve(binding).normalize()
Map<Path, Path> moves = binding ==~ /\w+/ ? written.findAll { it.startsWith(flavour) && it != flavour }
        .collectEntries { [(it): projectDir.resolve(flavour.relativize(it))] } : [:]

// The times of each of those paths and of the folders above them, read (without following links) before this
// script lists any folder: a folder the run made was last read when it was made, one that was there before keeps
// an older access time until something lists it, even when the run added files to it.
Map<Path, BasicFileAttributes> seen = [:]
def look = { Path p ->
    if (!seen.containsKey(p)) {
        try {
            seen[p] = Files.readAttributes(p, BasicFileAttributes, LinkOption.NOFOLLOW_LINKS)
        } catch (IOException ignored) {
            seen[p] = null // not there
        }
    }
}
Path lookRoot = projectDir.startsWith(outputDir) ? outputDir : projectDir.parent // up to the folder of the run
(written + writtenFolders + moves.values()).each { Path p ->
    for (Path q = p; q != null; q = q.parent) {
        look(q)
        if (q == lookRoot) {
            break
        }
    }
}
look(outputDir.resolve('pom.xml'))

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

// A path was there before the run when any of its times is older than the run. Everything the run makes is made
// after the JVM started, with all three times set then; these times only move forward. pom.xml is always the
// run's own: on a file system with coarse times (FAT, HFS+) its times, rounded the same way, lower the bar.
long jvmStart = ManagementFactory.runtimeMXBean.startTime
BasicFileAttributes pomTimes = seen[projectDir.resolve('pom.xml')]
def bar = { Closure<FileTime> time -> [FileTime.fromMillis(jvmStart), pomTimes ? time(pomTimes) : null].findAll().min() }
FileTime madeBar = bar { it.creationTime() }, readBar = bar { it.lastAccessTime() }, changedBar = bar { it.lastModifiedTime() }
def oldTimes = { BasicFileAttributes a -> a.creationTime() < madeBar || a.lastAccessTime() < readBar || a.lastModifiedTime() < changedBar }
// A path is older than the run also when its folder did not change during the run (making the path would have
// changed it), and a folder is when it holds something older than the run.
def existedBefore = { Path p ->
    BasicFileAttributes a = seen[p]
    if (a == null) {
        return false
    }
    if (oldTimes(a) || (seen[p.parent] != null && seen[p.parent].lastModifiedTime() < changedBar)) {
        return true
    }
    return a.isDirectory() && seen.any { q, qa -> qa != null && q != p && q.startsWith(p) && oldTimes(qa) }
}

// Generating inside a folder with a pom.xml makes the plugin add a <module> to it and join its first two lines;
// put the line break back so the edit is just the <module> line.
Path outerPom = outputDir.resolve('pom.xml')
BasicFileAttributes outerPomTimes = seen[outerPom]
boolean outerPomEdited = outerPomTimes != null && !(outerPomTimes.lastModifiedTime() < changedBar) && projectDir.parent == outputDir
if (outerPomEdited) {
    String text = outerPom.toFile().getText('UTF-8')
    String fixedText = text.replaceFirst(/^(<\?xml[^>]*\?>)(<)/, '$1' + System.lineSeparator() + '$2')
    if (fixedText != text) {
        outerPom.toFile().setText(fixedText, 'UTF-8')
    }
}

// Paths this project writes that were there before: the plugin kept them, and the moves below would replace them.
def shown = { Path p -> (projectDir.relativize(p).toString() ?: '.').replace(File.separatorChar, '/' as char) }
List<Path> taken = written.findAll { existedBefore(it) }
moves.values().each { Path to ->
    for (Path q = to; q != projectDir; q = q.parent) { // the target, or a file where a folder of it would go
        if ((q == to || (seen[q] != null && !seen[q].isDirectory())) && existedBefore(q)) {
            taken << q
        }
    }
}
List<String> takenNames = taken.collect(shown).unique().sort()
if (takenNames) {
    int handful = 5
    String more = takenNames.size() > handful ? "\n      ... and ${takenNames.size() - handful} more." : ''
    problems << "${takenNames.size()} path${takenNames.size() == 1 ? '' : 's'} this project writes ${takenNames.size() == 1 ? 'is' : 'are'} already in ${projectDir}:\n" +
            takenNames.take(handful).collect { "      ${it}" }.join('\n') + more +
            "\n    Generation never overwrites a file. Fix: generate into another folder (another -DartifactId, or run from elsewhere), or move these files aside and run again."
}

if (problems.isEmpty()) {
    // The binding's files were written under <binding>/: move them to their places in the project, then remove
    // the folders the run made for them.
    moves.each { Path from, Path to ->
        Files.createDirectories(to.parent)
        if (seen[to] != null) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING) // the template's own file (seen as new above)
        } else {
            Files.move(from, to)
        }
    }
    // Cargo.lock lists its packages by name, and the template's holds the crate where the example's name sorts:
    // moved to where this name sorts, cargo's first build leaves the file as it is.
    Path lock = projectDir.resolve('rust/Cargo.lock')
    if (lock in moves.values()) {
        List<String> parts = lock.toFile().getText('UTF-8').split(/(?m)^(?=\[\[package\]\]$)/) as List<String>
        List<String> packages = parts.drop(1)*.trim()
        String crate = packages.find { it.startsWith("[[package]]\nname = \"${libraryName}\"\n") }
        if (crate != null) {
            packages.remove(crate)
            int at = packages.findIndexOf { (it =~ /^\[\[package\]\]\nname = "([^"]+)"/)[0][1] > libraryName }
            packages.add(at < 0 ? packages.size() : at, crate)
            lock.toFile().setText(parts[0] + packages.join('\n\n') + '\n', 'UTF-8')
        }
    }
    seen.keySet().findAll { it.startsWith(flavour) && seen[it]?.isDirectory() && !existedBefore(it) }
            .sort { -it.nameCount }.each { Path dir ->
        if (Files.isDirectory(dir) && Files.list(dir).withCloseable { !it.findAny().isPresent() }) {
            Files.delete(dir)
        }
    }
    // The archetype plugin writes every file without its x bit: mvnw (and any *.sh) it wrote gets it back here.
    (written.findAll { !moves.containsKey(it) } + moves.values()).findAll {
        Files.isRegularFile(it) && (it.fileName.toString() == 'mvnw' || it.fileName.toString().endsWith('.sh')) && !existedBefore(it)
    }.each { file ->
        try {
            def perms = Files.getPosixFilePermissions(file)
            perms.addAll([PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE])
            Files.setPosixFilePermissions(file, perms)
        } catch (UnsupportedOperationException ignored) {
            // Windows: no x bit to set
        }
    }
    return
}

// Undo: what this run made (judged by its times, looked at before anything was changed), deepest first; a
// folder only once it is empty again. Nothing that was there before is touched, and only paths this run writes
// are looked at.
seen.remove(outerPom)
List<Path> made = seen.keySet().findAll { it != lookRoot && it.startsWith(lookRoot) && seen[it] != null && !existedBefore(it) }
        .sort { -it.nameCount } // the folder the run was started in is never one it made
made.each { Path p ->
    if (seen[p].isDirectory()) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && Files.list(p).withCloseable { !it.findAny().isPresent() }) {
            Files.delete(p)
        }
    } else {
        Files.deleteIfExists(p)
    }
}
// The highest folder the run made on the way to the project (artifactId 'a/b' makes a/ too), if any.
Path madeRoot = null
for (Path dir = projectDir; dir != null && dir.startsWith(outputDir) && dir != outputDir && dir in made && !Files.exists(dir); dir = dir.parent) {
    madeRoot = dir
}
String cleanup = madeRoot != null ? "Removed the half-written project ${madeRoot}."
        : "${projectDir} existed before: removed only the files this run wrote into it, and left what was there as it was."
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

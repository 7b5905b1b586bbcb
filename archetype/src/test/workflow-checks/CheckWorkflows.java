import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the GitHub workflows of each folder given (a generated project, this repository) for the defects that would
 * fail a first push on some runner, with no change on the user's side. Each rule prints FAIL with the file, the job,
 * what is wrong and the fix; the exit code is the number of failures (capped at 100).
 * Usage: java CheckWorkflows.java <folder holding .github/>...
 *        java CheckWorkflows.java --print-run <workflow> <job>   prints the run script of the job's last step
 */
public class CheckWorkflows {
    /** The first setup-java release after actions/setup-java#1236 (Microsoft's JDK list read from Microsoft's feed). */
    static final int[] SETUP_JAVA_FLOOR = {6, 0, 1};

    static final List<String> failures = new ArrayList<>();
    /** action -> SHA -> files pinning it there, across every folder: one action, one SHA. */
    static final Map<String, Map<String, Set<String>>> pins = new TreeMap<>();
    /** RUST_VERSION of each workflow that sets it. */
    static final Map<String, String> rustVersions = new TreeMap<>();

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java CheckWorkflows.java <folder holding .github/>... | --print-run <workflow> <job>");
            System.exit(2);
        }
        if (args[0].equals("--print-run") && args.length == 3) {
            // The run script of the job's last step, for a test that runs it as the workflow would.
            List<Object> steps = list(map(map(map(new Yaml(Files.readAllLines(Path.of(args[1]))).parse()).get("jobs")).get(args[2])).get("steps"));
            String run = steps.isEmpty() ? "" : str(map(steps.get(steps.size() - 1)).get("run"));
            if (run.isEmpty()) {
                System.err.println("no job " + args[2] + " with a run: script as its last step in " + args[1]);
                System.exit(1);
            }
            System.out.print(run);
            return;
        }
        int workflows = 0;
        for (String arg : args) {
            Path root = Path.of(arg);
            Path dir = root.resolve(".github/workflows");
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (var stream = Files.list(dir)) {
                    stream.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().forEach(files::add);
                }
            }
            if (files.isEmpty()) fail("workflows", root.toString(), "no .github/workflows/*.yml", "generate the project again or restore its workflow");
            for (Path file : files) {
                checkWorkflow(file);
                workflows++;
            }
            checkDependabot(root.resolve(".github/dependabot.yml"));
        }
        pins.forEach((action, shas) -> {
            if (shas.size() > 1) fail("pins", action, "pinned at " + shas.size() + " different SHAs: " + shas,
                    "pin it at one SHA everywhere (the template's ci.yml and this repository's workflows move together)");
        });
        if (new TreeSet<>(rustVersions.values()).size() > 1) fail("rust-pin", rustVersions.toString(),
                "RUST_VERSION differs between workflows", "set the same Rust version in each, the one root verify lints with");
        if (failures.isEmpty()) {
            System.out.println("workflow checks: " + workflows + " workflows in " + args.length
                    + " folders pass (triggers, sh ./mvnw, container user, cache keys, windows-aarch64 linker, Rust pin, release of the tested jar, setup-java, pins, dependabot).");
        } else {
            failures.forEach(System.err::println);
            System.err.println(failures.size() + " workflow check(s) failed.");
        }
        System.exit(Math.min(failures.size(), 100));
    }

    static void fail(String rule, String where, String what, String fix) {
        failures.add("FAIL " + rule + ": " + where + ": " + what + "; fix: " + fix + ".");
    }

    // ---------------------------------------------------------------------------------------------------- checks

    static void checkWorkflow(Path file) throws IOException {
        String name = file.toString();
        List<String> lines = Files.readAllLines(file);
        Map<String, Object> wf = map(new Yaml(lines).parse());
        checkTriggers(name, wf);
        Map<String, Object> jobs = map(wf.get("jobs"));
        Map<String, Object> env = map(wf.get("env"));
        for (var job : jobs.entrySet()) {
            String where = name + " job " + job.getKey();
            Map<String, Object> j = map(job.getValue());
            List<Map<String, Object>> steps = new ArrayList<>();
            for (Object s : list(j.get("steps"))) steps.add(map(s));
            checkMvnwLaunch(where, steps);
            checkContainerUser(where, steps);
            checkLinker(where, j, steps);
            for (Map<String, Object> step : steps) {
                String uses = str(step.get("uses"));
                if (uses.isEmpty()) continue;
                recordPin(name, uses, lines);
            }
        }
        checkCaches(name, jobs);
        checkRustPin(name, env, jobs);
        checkRelease(name, jobs);
    }

    /** A push filter naming only main (or only tags) leaves a repository whose first branch is master without CI. */
    static void checkTriggers(String file, Map<String, Object> wf) {
        Object on = wf.containsKey("on") ? wf.get("on") : wf.get("true");
        if (on instanceof String s && s.equals("push")) return;
        if (on instanceof List<?> l && l.contains("push")) return;
        Map<String, Object> triggers = map(on);
        if (!triggers.containsKey("push")) {
            fail("triggers", file, "no push trigger", "add on: push (every branch)");
            return;
        }
        Map<String, Object> push = map(triggers.get("push"));
        if (push.containsKey("branches")) {
            List<Object> branches = list(push.get("branches"));
            if (!branches.contains("**")) fail("triggers", file, "on.push runs only for branches " + branches
                    + ": a repository whose default branch has another name (git init still says master) gets no CI on push",
                    "use branches: ['**']");
        } else if (push.containsKey("tags")) {
            fail("triggers", file, "on.push names tags but no branches, so no branch push runs it", "add branches: ['**']");
        }
    }

    /** ./mvnw needs its executable bit, which a commit made on Windows drops: the workflow runs it through sh. */
    static void checkMvnwLaunch(String where, List<Map<String, Object>> steps) {
        Pattern call = Pattern.compile("(?<![\\w.-])(\\./)?mvnw(?![.\\w-])");
        Pattern launcher = Pattern.compile("(^|[^\\w./-])(sh|bash)\\s+$");
        for (Map<String, Object> step : steps) {
            for (String line : str(step.get("run")).split("\n")) {
                if (line.trim().startsWith("#")) continue;
                Matcher m = call.matcher(line);
                while (m.find()) {
                    if (!launcher.matcher(line.substring(0, m.start())).find()) {
                        fail("mvnw", where, "runs '" + line.trim() + "', which fails with exit 126 when mvnw has no executable bit"
                                + " (a commit made on Windows)", "run it as sh ./mvnw");
                    }
                }
            }
        }
    }

    /** The loader trusts only folders of root or its own user: in a container, Maven must run as the checkout's owner. */
    static void checkContainerUser(String where, List<Map<String, Object>> steps) {
        for (Map<String, Object> step : steps) {
            String run = str(step.get("run"));
            if (run.contains("docker run") && run.contains("-v \"$PWD:") && run.contains("mvnw")
                    && !(run.contains("$(id -u)") && run.contains("su builder -c"))) {
                fail("container-user", where, "builds the checkout mounted in a container as root, while the checkout belongs"
                        + " to the runner's user: the loader refuses the folders under it and the tests fail",
                        "pass -e BUILD_UID=\"$(id -u)\", add that user in the container and run su builder -c \"sh ./mvnw ...\"");
            }
        }
    }

    /** On windows-11-arm rustc may run Git's usr\bin\link.exe (actions/runner-images#14486). */
    static void checkLinker(String where, Map<String, Object> job, List<Map<String, Object>> steps) {
        boolean onArmWindows = String.valueOf(job.get("runs-on")).contains("windows-11-arm")
                || String.valueOf(map(job.get("strategy")).get("matrix")).contains("windows-11-arm");
        if (!onArmWindows) return;
        int setsLinker = -1, builds = -1;
        for (int i = 0; i < steps.size(); i++) {
            String run = str(steps.get(i).get("run"));
            if (setsLinker < 0 && run.contains("CARGO_TARGET_AARCH64_PC_WINDOWS_MSVC_LINKER")) setsLinker = i;
            if (builds < 0 && run.matches("(?s).*\\bmvn(w|w\\.cmd)?\\s.*")) builds = i;
        }
        if (builds < 0) return;
        if (setsLinker < 0 || setsLinker > builds) fail("linker", where, "builds Rust on windows-11-arm without naming MSVC's"
                + " linker first, so rustc may run Git's usr\\bin\\link.exe (actions/runner-images#14486)",
                "add a step before the build that sets CARGO_TARGET_AARCH64_PC_WINDOWS_MSVC_LINKER from vcvarsall.bat arm64");
        else if (!str(steps.get(setsLinker).get("if")).contains("ARM64")) fail("linker", where,
                "the linker step does not run only on Windows on Arm", "give it if: runner.os == 'Windows' && runner.arch == 'ARM64'");
    }

    /** Restore keys must not reach another platform's cache, and a cache of rust/target must follow rust/src. */
    static void checkCaches(String file, Map<String, Object> jobs) {
        record Cache(String owner, String key, String restore) {}
        List<Cache> caches = new ArrayList<>();
        for (var job : jobs.entrySet()) {
            Map<String, Object> j = map(job.getValue());
            List<Map<String, Object>> include = new ArrayList<>();
            for (Object o : list(map(map(j.get("strategy")).get("matrix")).get("include"))) include.add(map(o));
            if (include.isEmpty()) include.add(Map.of());
            for (Object s : list(j.get("steps"))) {
                Map<String, Object> step = map(s);
                if (!str(step.get("uses")).startsWith("actions/cache@")) continue;
                Map<String, Object> with = map(step.get("with"));
                String key = str(with.get("key")), restore = str(with.get("restore-keys")).trim();
                if (str(with.get("path")).contains("rust/target") && !key.contains("rust/src/**")) fail("cache", file + " job " + job.getKey(),
                        "caches rust/target under a key that ignores rust/src/**, so the cache is never refreshed as the code changes",
                        "add 'rust/src/**' to the key's hashFiles");
                for (Map<String, Object> entry : include) {
                    String owner = job.getKey() + (entry.isEmpty() ? "" : " " + entry.get("platform"));
                    caches.add(new Cache(owner, expand(key, entry).replaceAll("\\$\\{\\{\\s*hashFiles\\(.*", ""), expand(restore, entry)));
                }
            }
        }
        for (Cache a : caches) {
            if (a.restore.isEmpty()) continue;
            for (Cache b : caches) {
                if (a == b || a.owner.equals(b.owner)) continue;
                if (b.key.startsWith(a.restore) || a.restore.startsWith(b.key)) fail("cache", file, "the restore key '" + a.restore
                        + "' of " + a.owner + " matches the key '" + b.key + "...' of " + b.owner
                        + ", so on a miss one restores the other's rust/target", "end each platform's part of the key with '--'");
            }
        }
    }

    static String expand(String text, Map<String, Object> matrix) {
        Matcher m = Pattern.compile("\\$\\{\\{\\s*matrix\\.([\\w-]+)\\s*}}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(matrix.getOrDefault(m.group(1), "<" + m.group(1) + ">"))));
        return m.appendTail(out).toString();
    }

    /** -Pci denies Rust warnings: it builds with a pinned Rust, and the newest stable runs without it. */
    static void checkRustPin(String file, Map<String, Object> env, Map<String, Object> jobs) {
        String pinned = str(env.get("RUST_VERSION"));
        boolean anyCi = false, newestWithoutDeny = false, installsRust = false;
        for (var job : jobs.entrySet()) {
            Map<String, Object> j = map(job.getValue());
            String where = file + " job " + job.getKey();
            String runs = String.join("\n", list(j.get("steps")).stream().map(s -> str(map(s).get("run"))).toList());
            String matrix = String.valueOf(map(j.get("strategy")).get("matrix"));
            boolean ci = runs.matches("(?s).*-P[\"']?ci\\b.*") || (runs.contains("$PROFILES") && matrix.matches("(?s).*profiles=[^,}]*\\bci\\b.*"));
            boolean stable = runs.matches("(?s).*rustup (toolchain install|default) stable\\b.*");
            boolean pin = runs.contains("rustup toolchain install \"$RUST_VERSION\"") && runs.contains("rustup default \"$RUST_VERSION\"");
            boolean alpine = runs.contains("docker run") && runs.contains("$ALPINE_IMAGE");
            installsRust |= stable || pin;
            anyCi |= ci;
            if (stable && !ci) newestWithoutDeny = true;
            if (ci && stable) fail("rust-pin", where, "denies Rust warnings (-Pci) with whatever Rust is stable that day, so a"
                    + " lint added in a later release turns an unchanged project red", "install \"$RUST_VERSION\" there");
            else if (ci && !pin && !alpine) fail("rust-pin", where, "denies Rust warnings (-Pci) without installing the pinned Rust",
                    "rustup toolchain install \"$RUST_VERSION\" && rustup default \"$RUST_VERSION\"");
            if (ci && alpine && !str(env.get("ALPINE_IMAGE")).matches("alpine:\\d+\\.\\d+.*")) fail("rust-pin", where,
                    "denies warnings with the Rust of ALPINE_IMAGE '" + env.get("ALPINE_IMAGE") + "', which is not a fixed Alpine release",
                    "use a versioned tag such as alpine:3.23");
        }
        if (installsRust && !pinned.matches("\\d+\\.\\d+\\.\\d+")) fail("rust-pin", file, "RUST_VERSION is '" + pinned
                + "', not a release such as 1.95.0", "set env.RUST_VERSION to the exact Rust release the build is clean with");
        if (installsRust) rustVersions.put(file, pinned);
        if (anyCi && !newestWithoutDeny) fail("rust-pin", file, "no job builds with the newest stable Rust, so its new lints"
                + " stay unseen until RUST_VERSION is raised", "add a job that installs stable and runs sh ./mvnw -B verify without -Pci");
    }

    /** The release publishes the jar every smoke job ran, checked against the SHA-256 assemble wrote. */
    static void checkRelease(String file, Map<String, Object> jobs) {
        if (!jobs.containsKey("release")) return;
        Map<String, Object> release = map(jobs.get("release"));
        String where = file + " job release";
        if (!String.valueOf(release.get("needs")).contains("smoke")) fail("release", where, "does not wait for the smoke jobs", "needs: smoke");
        String smokeRuns = runsOf(map(jobs.get("smoke")));
        String assembleRuns = runsOf(map(jobs.get("assemble")));
        String releaseRuns = runsOf(release);
        boolean downloadsJar = list(release.get("steps")).stream().map(CheckWorkflows::map)
                .anyMatch(s -> str(s.get("uses")).startsWith("actions/download-artifact@") && "jar".equals(map(s.get("with")).get("name")));
        if (!assembleRuns.contains("SHA256SUMS")) fail("release", file + " job assemble", "writes no SHA256SUMS beside the jar", "sha256sum -- *.jar > SHA256SUMS and upload it with the jar");
        if (!smokeRuns.matches("(?s).*(sha256sum|shasum -a 256) -c SHA256SUMS.*")) fail("release", file + " job smoke",
                "does not check the jar against SHA256SUMS before running it", "run sha256sum -c SHA256SUMS (shasum -a 256 -c on macOS)");
        if (!downloadsJar || !releaseRuns.contains("sha256sum -c SHA256SUMS")) fail("release", where,
                "does not publish the artifact 'jar' that smoke ran, checked against its SHA256SUMS",
                "download the artifact 'jar', check it with sha256sum -c SHA256SUMS and publish that file");
        if (releaseRuns.matches("(?s).*mvnw[^\n]*\\b(deploy|install)\\b.*")) fail("release", where,
                "deploys with Maven, which builds the jar again instead of publishing the one smoke ran",
                "publish the tested jar (the Central Portal's upload API takes a signed bundle)");
        if (!releaseRuns.contains("\"dist/")) fail("release", where, "publishes no file from the downloaded artifact (dist/)", "copy dist/<artifact>-<version>.jar into the bundle");
    }

    static String runsOf(Map<String, Object> job) {
        return String.join("\n", list(job.get("steps")).stream().map(s -> str(map(s).get("run"))).toList());
    }

    static void recordPin(String file, String uses, List<String> lines) {
        Matcher m = Pattern.compile("([\\w.-]+/[\\w.-]+)@([0-9a-f]{40})").matcher(uses);
        if (!m.matches()) {
            if (!uses.startsWith("./") && !uses.startsWith("docker://")) fail("pins", file, uses + " is not pinned by a full commit SHA", "pin it as owner/action@<sha> # vX.Y.Z");
            return;
        }
        pins.computeIfAbsent(m.group(1), k -> new TreeMap<>()).computeIfAbsent(m.group(2), k -> new TreeSet<>()).add(file);
        if (!m.group(1).equals("actions/setup-java")) return;
        Matcher v = Pattern.compile(Pattern.quote(uses) + "\\s+#\\s*v(\\d+)\\.(\\d+)\\.(\\d+)").matcher(String.join("\n", lines));
        if (!v.find()) {
            fail("setup-java", file, uses + " has no '# vX.Y.Z' comment naming its release", "add the release after the SHA, as Dependabot keeps it");
            return;
        }
        int[] have = {Integer.parseInt(v.group(1)), Integer.parseInt(v.group(2)), Integer.parseInt(v.group(3))};
        if (java.util.Arrays.compare(have, SETUP_JAVA_FLOOR) < 0) fail("setup-java", file, "actions/setup-java v" + v.group(1) + "."
                + v.group(2) + "." + v.group(3) + " reads Microsoft's JDK list (windows-aarch64) from a file it stopped updating"
                + " (actions/setup-java#1236)", "pin v6.0.1 (de7274f081f381c8f8158605e0321c36c376e2e6) or later");
    }

    static void checkDependabot(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            fail("dependabot", file.toString(), "missing, so pinned action SHAs, Maven plugins and crates never move",
                    "add .github/dependabot.yml with github-actions, maven and cargo");
            return;
        }
        Set<String> ecosystems = new TreeSet<>();
        for (Object u : list(map(new Yaml(Files.readAllLines(file)).parse()).get("updates"))) ecosystems.add(str(map(u).get("package-ecosystem")));
        for (String wanted : List.of("github-actions", "maven", "cargo")) {
            if (!ecosystems.contains(wanted)) fail("dependabot", file.toString(), "no update for " + wanted + " (has " + ecosystems + ")", "add a package-ecosystem: " + wanted + " entry");
        }
    }

    // ------------------------------------------------------------------------------------------- YAML subset

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o instanceof List<?> l) return (List<Object>) l;
        return o == null || o instanceof Map<?, ?> ? List.of() : List.of(o);
    }

    static String str(Object o) {
        return o instanceof String s ? s : o == null ? "" : String.valueOf(o);
    }

    /** The block and flow YAML that workflows use: mappings, sequences, [a, b], { a: b }, | and > scalars, comments. */
    static final class Yaml {
        final List<String> lines = new ArrayList<>();
        int at;

        Yaml(List<String> raw) {
            for (String line : raw) lines.add(line.replace("\t", "    "));
        }

        Object parse() {
            skipBlank();
            return at < lines.size() ? block(indent(lines.get(at))) : Map.of();
        }

        void skipBlank() {
            while (at < lines.size() && (lines.get(at).isBlank() || lines.get(at).trim().startsWith("#"))) at++;
        }

        static int indent(String line) {
            int i = 0;
            while (i < line.length() && line.charAt(i) == ' ') i++;
            return i;
        }

        Object block(int indent) {
            skipBlank();
            if (at < lines.size() && lines.get(at).trim().startsWith("- ") || at < lines.size() && lines.get(at).trim().equals("-")) return sequence(indent);
            return mapping(indent, new LinkedHashMap<>());
        }

        List<Object> sequence(int indent) {
            List<Object> items = new ArrayList<>();
            while (true) {
                skipBlank();
                if (at >= lines.size()) break;
                String line = lines.get(at);
                if (indent(line) != indent || !(line.trim().startsWith("- ") || line.trim().equals("-"))) break;
                String rest = line.trim().substring(1).trim();
                int itemIndent = indent + 2;
                if (rest.isEmpty()) {
                    at++;
                    items.add(block(indent(nextLine())));
                } else if (keyOf(rest) != null && !rest.startsWith("{") && !rest.startsWith("[")) {
                    // "- key: value" opens a mapping whose keys sit where 'key' does.
                    lines.set(at, " ".repeat(itemIndent) + rest);
                    items.add(mapping(itemIndent, new LinkedHashMap<>()));
                } else {
                    at++;
                    items.add(scalar(stripComment(rest)));
                }
            }
            return items;
        }

        String nextLine() {
            skipBlank();
            return at < lines.size() ? lines.get(at) : "";
        }

        Map<String, Object> mapping(int indent, Map<String, Object> into) {
            while (true) {
                skipBlank();
                if (at >= lines.size()) break;
                String line = lines.get(at);
                if (indent(line) != indent) break;
                String text = line.trim();
                String key = keyOf(text);
                if (key == null) break;
                String value = stripComment(text.substring(text.indexOf(':', key.length() + (text.startsWith("'") || text.startsWith("\"") ? 2 : 0)) + 1).trim());
                at++;
                if (value.startsWith("|") || value.startsWith(">")) {
                    into.put(key, blockScalar(indent, value.startsWith(">")));
                } else if (value.isEmpty()) {
                    String next = nextLine();
                    int childIndent = indent(next);
                    boolean child = at < lines.size() && (childIndent > indent || childIndent == indent && next.trim().startsWith("- "));
                    into.put(key, child ? block(childIndent) : null);
                } else {
                    into.put(key, scalar(value));
                }
            }
            return into;
        }

        String blockScalar(int parentIndent, boolean folded) {
            List<String> body = new ArrayList<>();
            int bodyIndent = -1;
            while (at < lines.size()) {
                String line = lines.get(at);
                if (!line.isBlank() && indent(line) <= parentIndent) break;
                if (!line.isBlank() && bodyIndent < 0) bodyIndent = indent(line);
                body.add(line.isBlank() ? "" : line.substring(Math.min(bodyIndent, indent(line))));
                at++;
            }
            while (!body.isEmpty() && body.get(body.size() - 1).isEmpty()) body.remove(body.size() - 1);
            return String.join(folded ? " " : "\n", body) + "\n";
        }

        /** The key of "key: value" or "key:", or null for any other line. */
        static String keyOf(String text) {
            Matcher m = Pattern.compile("^('[^']*'|\"[^\"]*\"|[^\\s'\"#{\\[][^:#]*?)\\s*:(\\s|$)").matcher(text);
            if (!m.find()) return null;
            String key = m.group(1);
            return key.startsWith("'") || key.startsWith("\"") ? key.substring(1, key.length() - 1) : key;
        }

        static String stripComment(String value) {
            boolean single = false, dbl = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\'' && !dbl) single = !single;
                else if (c == '"' && !single) dbl = !dbl;
                else if (c == '#' && !single && !dbl && (i == 0 || value.charAt(i - 1) == ' ')) return value.substring(0, i).trim();
            }
            return value;
        }

        static Object scalar(String value) {
            if (value.startsWith("[") && value.endsWith("]")) {
                List<Object> items = new ArrayList<>();
                for (String part : splitTop(value.substring(1, value.length() - 1))) if (!part.isBlank()) items.add(scalar(part.trim()));
                return items;
            }
            if (value.startsWith("{") && value.endsWith("}")) {
                Map<String, Object> entries = new LinkedHashMap<>();
                for (String part : splitTop(value.substring(1, value.length() - 1))) {
                    String key = keyOf(part.trim());
                    if (key != null) entries.put(key, scalar(part.trim().substring(part.trim().indexOf(':', key.length()) + 1).trim()));
                }
                return entries;
            }
            if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
                return value.substring(1, value.length() - 1).replace("''", "'");
            }
            return value;
        }

        /** Splits at commas outside quotes, brackets and ${{ }}. */
        static List<String> splitTop(String text) {
            List<String> parts = new ArrayList<>();
            int depth = 0, start = 0;
            boolean single = false, dbl = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\'' && !dbl) single = !single;
                else if (c == '"' && !single) dbl = !dbl;
                else if (!single && !dbl && (c == '[' || c == '{' || c == '(')) depth++;
                else if (!single && !dbl && (c == ']' || c == '}' || c == ')')) depth--;
                else if (c == ',' && depth == 0 && !single && !dbl) {
                    parts.add(text.substring(start, i));
                    start = i + 1;
                }
            }
            parts.add(text.substring(start));
            return parts;
        }
    }
}

package io.livetodo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The parts of livetodo, lowest first: each may use those below it and none above. A part is a
 * package: {@code live.wire} (what goes over a live connection) sits below the hub's core,
 * {@code live}, and {@code live.endpoint} (the routes and checks that open connections) above it.
 * Read from the sources' imports (and fully qualified names), so it needs no application; as is
 * the length of each class and page script.
 */
class LayersTest {

    private static final List<String> LAYERS = List.of(
            "common", "change", "idempotency", "account", "list", "todo", "live.wire", "live", "live.endpoint", "web");
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "livetodo");
    private static final Pattern USE = Pattern.compile("\\bio\\.livetodo\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");

    @Test
    void noPartUsesOneAboveIt() throws IOException {
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String part = part(SOURCES.relativize(file.getParent()));
                Matcher use = USE.matcher(Files.readString(file));
                while (use.find()) {
                    String used = use.group(1);
                    if (LAYERS.indexOf(used) > LAYERS.indexOf(part)) {
                        upward.add(SOURCES.relativize(file) + " uses " + used);
                    }
                }
            }
        }
        assertThat(upward).isEmpty();
    }

    @Test
    void everyPartIsPlaced() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            assertThat(files.filter(f -> f.toString().endsWith(".java"))
                            .map(f -> part(SOURCES.relativize(f.getParent())))
                            .toList())
                    .allMatch(LAYERS::contains, "a part named in LAYERS");
        }
    }

    /** A class or a page script longer than this is two things, which a newcomer reads as one. */
    @Test
    void noFileIsTooLongToReadAsOne() throws IOException {
        List<String> tooLong = new ArrayList<>();
        tooLong.addAll(longerThan(SOURCES, ".java", 250));
        tooLong.addAll(longerThan(Path.of("src", "main", "resources", "META-INF", "resources"), ".js", 400));
        assertThat(tooLong).isEmpty();
    }

    private static List<String> longerThan(Path root, String suffix, int most) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                long lines = Files.readAllLines(file).size();
                if (lines > most) {
                    found.add(file + ": " + lines + " lines, more than " + most);
                }
            }
        }
        return found;
    }

    /** {@code live/wire} is the part {@code live.wire}. */
    private static String part(Path directory) {
        return directory.toString().replace(directory.getFileSystem().getSeparator(), ".");
    }
}

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
 * The parts of livetodo, lowest first: each may use those below it and none above. Read from the
 * sources' imports (and fully qualified names), so it needs no application.
 */
class LayersTest {

    private static final List<String> LAYERS =
            List.of("common", "change", "idempotency", "account", "list", "todo", "live", "web");
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "livetodo");
    private static final Pattern USE = Pattern.compile("\\bio\\.livetodo\\.([a-z]+)\\.");

    @Test
    void noPartUsesOneAboveIt() throws IOException {
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String part = SOURCES.relativize(file).getName(0).toString();
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
        try (Stream<Path> parts = Files.list(SOURCES)) {
            assertThat(parts.filter(Files::isDirectory)
                            .map(p -> p.getFileName().toString())
                            .toList())
                    .allMatch(LAYERS::contains, "a part named in LAYERS");
        }
    }
}

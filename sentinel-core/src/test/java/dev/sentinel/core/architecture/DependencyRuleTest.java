package dev.sentinel.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Core knows no framework: it may use the JDK, Guava, BouncyCastle and Nimbus JOSE (for JWTs and key sets made outside
 * Sentinel) only (see docs/architecture.md).
 */
class DependencyRuleTest {

    private static final List<String> ALLOWED_IMPORTS = List.of("java.", "javax.crypto.", "dev.sentinel.core.",
            "com.google.common.", "org.bouncycastle.", "com.nimbusds.jose.", "com.nimbusds.jwt.");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void mainSourcesImportOnlyTheJdkGuavaBouncyCastleNimbusJoseAndCore() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offending = files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(file -> imports(file).stream()
                            .filter(imported -> ALLOWED_IMPORTS.stream().noneMatch(imported::startsWith))
                            .map(imported -> sources.relativize(file) + " imports " + imported))
                    .toList();
            assertThat(offending).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.javalin.Javalin", "org.eclipse.jetty.server.Server", "org.jdbi.v3.core.Jdbi",
            "org.h2.Driver", "org.postgresql.Driver", "picocli.CommandLine", "com.fasterxml.jackson.databind.ObjectMapper",
            "jakarta.servlet.Servlet", "javax.servlet.Servlet"})
    void frameworksAreNotOnCoresClasspathEvenTransitively(String className) {
        assertThatThrownBy(() -> Class.forName(className)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void noFrameworkJarIsOnTheClasspath() {
        List<String> jars = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).getFileName().toString())
                .filter(name -> name.matches("(?i).*(javalin|jetty|jdbi|h2-|postgresql|picocli|jackson|servlet).*\\.jar"))
                .toList();
        assertThat(jars).isEmpty();
    }

    private static List<String> imports(Path file) {
        try {
            Matcher matcher = IMPORT.matcher(Files.readString(file));
            List<String> found = new java.util.ArrayList<>();
            while (matcher.find()) {
                found.add(matcher.group(2));
            }
            return found;
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}

package dev.sentinel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.fixtures.DocSnippets;
import dev.sentinel.core.fixtures.DocSnippets.Module;
import dev.sentinel.core.fixtures.DocSnippets.Snippet;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the core examples of docs/embedding.md, so the documentation cannot go stale — on core's classpath,
 * where no HTTP module is, so tokens are issued and introspected by the library alone. The examples that need the
 * storage adapters or the HTTP module are compiled and run by those modules' tests; every example belongs to one.
 */
class EmbeddingDocTest {

    private static final Path PAGE = Path.of("../docs/embedding.md");

    @Test
    void theEmbeddingExampleCompilesRunsAndPrintsWhatTheDocSays(@TempDir Path work) throws Exception {
        String doc = Files.readString(PAGE);
        List<Snippet> core = DocSnippets.of(PAGE, Module.CORE);
        assertThat(core).extracting(Snippet::className).containsExactly("EmbeddingExample", "UsageAndActivityExample");

        String output;
        try (URLClassLoader examples = DocSnippets.compile(core, work)) {
            output = DocSnippets.runMain(examples, "EmbeddingExample");
        }
        List<String> lines = output.lines().toList();
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).matches("created SP-\\d{4}-[A-Z0-9]{6} for sourcing_agent");
        assertThat(lines.get(1)).matches("export SENTINEL_CLIENT_ID='spc_[0-9A-Za-z]{24}'");
        assertThat(lines.subList(2, 10)).containsExactly("authenticated: true", "token scope: read:data",
                "token active: true", "old secret still works: true", "after revoke: pass_revoked",
                "token active after revoke: false", "profile: standard", "deleted: true");
        Matcher printed = Pattern.compile("It prints.*?```\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(printed.find()).isTrue();
        assertThat(printed.group(1).lines().skip(2).toList()).isEqualTo(lines.subList(2, 10));
        assertThatThrownBy(() -> Class.forName("io.javalin.Javalin")).as("no HTTP module on this classpath")
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theUsageAndActivityExamplePrintsWhatTheDocSays(@TempDir Path work) throws Exception {
        String doc = Files.readString(PAGE);
        List<Snippet> core = DocSnippets.of(PAGE, Module.CORE);

        String output;
        try (URLClassLoader examples = DocSnippets.compile(core, work)) {
            output = DocSnippets.runMain(examples, "UsageAndActivityExample");
        }

        Matcher printed = Pattern.compile("public class UsageAndActivityExample.*?```.*?It prints[^\\n]*\\s*```\\n(.*?)```",
                Pattern.DOTALL).matcher(doc);
        assertThat(printed.find()).isTrue();
        assertThat(output.lines().toList()).isEqualTo(printed.group(1).lines().toList());
    }

    @Test
    void everyExampleIsCompiledByTheTestOfTheModuleItNeeds() {
        List<Snippet> snippets = DocSnippets.of(PAGE);

        assertThat(snippets).extracting(Snippet::module).as("one example per module at least")
                .contains(Module.CORE, Module.PERSISTENCE, Module.HTTP);
        assertThat(snippets).extracting(Snippet::className).doesNotHaveDuplicates();
    }

    @Test
    void theMavenCoordinatesAreTheRealOnes() throws IOException {
        String doc = Files.readString(PAGE);
        String parent = Files.readString(Path.of("../pom.xml"));
        String version = first(parent, "<artifactId>sentinel-parent</artifactId>\\s*<version>([^<]+)</version>");
        String groupId = first(parent, "<groupId>([^<]+)</groupId>");
        Set<String> modules = new TreeSet<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        while (module.find()) {
            modules.add(first(Files.readString(Path.of("..", module.group(1), "pom.xml")),
                    "</parent>\\s*<artifactId>([^<]+)</artifactId>"));
        }

        Set<String> documented = new LinkedHashSet<>();
        Matcher dependency = Pattern.compile("<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)"
                + "</artifactId>\\s*<version>([^<]+)</version>").matcher(doc);
        while (dependency.find()) {
            if (dependency.group(1).equals(groupId)) {
                assertThat(dependency.group(3)).as(dependency.group(2)).isEqualTo(version);
                documented.add(dependency.group(2));
            }
        }
        assertThat(modules).contains("sentinel-core", "sentinel-persistence-jdbi", "sentinel-http-javalin");
        assertThat(documented).containsExactlyInAnyOrder("sentinel-core", "sentinel-persistence-jdbi",
                "sentinel-http-javalin");
        assertThat(modules).containsAll(documented);
        assertThat(doc).contains("./mvnw install -DskipTests").contains(groupId + ":sentinel-core:" + version);
    }

    private static String first(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return matcher.group(1);
    }
}

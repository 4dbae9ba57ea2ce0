package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.fixtures.DocSnippets;
import dev.sentinel.core.fixtures.DocSnippets.Module;
import dev.sentinel.core.fixtures.DocSnippets.Snippet;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the server example of docs/embedding.md on the HTTP module's classpath: it starts a real server
 * on a free port and gets a token from it over HTTP.
 */
class EmbeddingServerDocTest {

    private static final Path PAGE = Path.of("../docs/embedding.md");

    @Test
    void theServerExampleListensOnAFreePortAndIssuesAToken(@TempDir Path work) throws Exception {
        List<Snippet> snippets = DocSnippets.of(PAGE, Module.HTTP);
        assertThat(snippets).extracting(Snippet::className).containsExactly("ServerExample");

        String output;
        try (URLClassLoader examples = DocSnippets.compile(snippets, work)) {
            output = DocSnippets.runMain(examples, "ServerExample");
        }

        List<String> lines = output.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("admin token generated: true");
        assertThat(lines.get(1)).matches("listening on http://127\\.0\\.0\\.1:\\d+").doesNotEndWith(":8080");
        assertThat(lines.get(2)).isEqualTo("token endpoint: 200");
        Matcher printed = Pattern.compile("```java\\nimport[^`]*?public class ServerExample.*?```.*?It prints[^`]*```\\n"
                + "(.*?)```", Pattern.DOTALL).matcher(Files.readString(PAGE));
        assertThat(printed.find()).as("the printed lines follow the example").isTrue();
        List<String> documented = printed.group(1).lines().toList();
        assertThat(documented).hasSize(3);
        assertThat(documented.get(0)).isEqualTo(lines.get(0));
        assertThat(documented.get(1)).matches("listening on http://127\\.0\\.0\\.1:\\d+");
        assertThat(documented.get(2)).isEqualTo(lines.get(2));
    }
}

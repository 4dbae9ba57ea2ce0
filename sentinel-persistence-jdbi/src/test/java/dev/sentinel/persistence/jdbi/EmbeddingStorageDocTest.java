package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.fixtures.DocSnippets;
import dev.sentinel.core.fixtures.DocSnippets.Module;
import dev.sentinel.core.fixtures.DocSnippets.Snippet;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the storage example of docs/embedding.md on the persistence module's classpath. */
class EmbeddingStorageDocTest {

    @Test
    void theStorageExampleKeepsItsPassAcrossReopening(@TempDir Path work) throws Exception {
        List<Snippet> snippets = DocSnippets.of(Path.of("../docs/embedding.md"), Module.PERSISTENCE);
        assertThat(snippets).extracting(Snippet::className).containsExactly("StorageExample");
        Path dataDir = work.resolve("sentinel-data");
        Path classes = Files.createDirectories(work.resolve("classes"));

        String output;
        try (URLClassLoader examples = DocSnippets.compile(snippets, classes)) {
            output = DocSnippets.runMain(examples, "StorageExample", dataDir.toString());
        }

        assertThat(output.lines().toList()).hasSize(2);
        assertThat(output.lines().toList().get(0)).matches("stored SP-\\d{4}-[A-Z0-9]{6}");
        assertThat(output.lines().toList().get(1)).isEqualTo("passes in demo: 1");
        assertThat(dataDir.resolve("sentinel.mv.db")).exists();
        assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
}

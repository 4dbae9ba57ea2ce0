package dev.sentinel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the example in docs/embedding.md, so the documentation cannot go stale — on core's classpath, where
 * no HTTP module is, so tokens are issued and introspected by the library alone.
 */
class EmbeddingDocTest {

    @Test
    void theEmbeddingExampleCompilesRunsAndPrintsWhatTheDocSays(@TempDir Path work) throws Exception {
        String doc = Files.readString(Path.of("../docs/embedding.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("a java block in docs/embedding.md").isTrue();
        Path source = work.resolve("EmbeddingExample.java");
        Files.writeString(source, block.group(1));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, "-classpath", System.getProperty("java.class.path"),
                "-d", work.toString(), source.toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        String output = run(work);
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

    private static String run(Path classes) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                EmbeddingDocTest.class.getClassLoader())) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Method main = loader.loadClass("EmbeddingExample").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}

package dev.sentinel.cli.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFilesTest {

    @TempDir
    Path directory;

    @Test
    void partsAreNumberedBeforeTheExtension() {
        assertThat(ExportTargets.part(Path.of("/x/activity.csv"), 1)).isEqualTo(Path.of("/x/activity-part-001.csv"));
        assertThat(ExportTargets.part(Path.of("/x/a.b.jsonl"), 12)).isEqualTo(Path.of("/x/a.b-part-012.jsonl"));
        assertThat(ExportTargets.part(Path.of("/x/activity"), 2)).isEqualTo(Path.of("/x/activity-part-002"));
        assertThat(ExportTargets.part(Path.of("/x/.hidden"), 3)).isEqualTo(Path.of("/x/.hidden-part-003"));
    }

    @Test
    void stagedFilesAppearOnlyOnCommit() throws Exception {
        Path target = directory.resolve("a.json");
        try (StagedFiles staged = new StagedFiles(false)) {
            Files.writeString(staged.stage(target), "[]");
            assertThat(target).doesNotExist();
            staged.commit();
        }
        assertThat(target).hasContent("[]");
        assertThat(ActivityExportCommandTest.filesIn(directory)).containsExactly(target);
    }

    @Test
    void uncommittedStagedFilesAreDeleted() throws Exception {
        try (StagedFiles staged = new StagedFiles(false)) {
            Files.writeString(staged.stage(directory.resolve("a.json")), "[");
        }
        assertThat(ActivityExportCommandTest.filesIn(directory)).isEmpty();
    }

    @Test
    void replacesOnlyWhenAllowed() throws Exception {
        Path target = directory.resolve("a.json");
        Files.writeString(target, "old");
        try (StagedFiles staged = new StagedFiles(true)) {
            Files.writeString(staged.stage(target), "new");
            staged.commit();
        }
        assertThat(target).hasContent("new");
    }

    @Test
    void progressIsShownInPlaceEveryThousandRecords() {
        StringWriter err = new StringWriter();
        ExportProgress progress = ExportProgress.shownOn(new PrintWriter(err), 2_500);

        for (int i = 0; i < 2_500; i++) {
            progress.advance();
        }
        progress.finish();

        assertThat(err.toString()).isEqualTo("\rexported 1,000 / 2,500 records\rexported 2,000 / 2,500 records"
                + "\rexported 2,500 / 2,500 records" + System.lineSeparator());
    }
}

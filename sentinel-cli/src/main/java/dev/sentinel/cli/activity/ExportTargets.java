package dev.sentinel.cli.activity;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.http.export.ActivityExportWriter;
import dev.sentinel.http.export.ExportFormat;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Where export files go: {@code --out} names a directory (the file gets the standard name
 * {@code sentinel-pass-activity-{passId}-{timestamp}.{format}}) or a file path in an existing directory. Parts of a
 * split export add {@code -part-001}, {@code -part-002}, … before the extension.
 */
final class ExportTargets {

    static final String FIELD = "out";

    private ExportTargets() {
    }

    /** The file an unsplit export writes, and the name its parts are derived from. */
    static Path base(String out, PassId passId, Instant now, ExportFormat format) {
        Path path;
        try {
            path = Path.of(out);
        } catch (InvalidPathException invalid) {
            throw ValidationException.of(FIELD, "is not a valid path (" + invalid.getReason() + ")");
        }
        if (Files.isDirectory(path)) {
            return path.resolve(ActivityExportWriter.fileName(passId.value(), now, format));
        }
        if (out.endsWith("/") || out.endsWith(File.separator)) {
            throw ValidationException.of(FIELD, "directory " + out + " does not exist");
        }
        Path directory = path.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw ValidationException.of(FIELD, "directory " + directory + " does not exist");
        }
        return path;
    }

    /** Part {@code number} (from 1) of a split export: {@code name-part-001.csv} for {@code name.csv}. */
    static Path part(Path base, int number) {
        String name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String suffix = String.format(Locale.ROOT, "-part-%03d", number);
        return base.resolveSibling(dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix);
    }
}

package dev.sentinel.persistence.jdbi.h2;

import dev.sentinel.core.domain.StorageException;
import dev.sentinel.persistence.jdbi.adapter.Redaction;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * An online backup of a data directory's H2 database: H2's {@code BACKUP TO} (a consistent copy, taken while servers
 * keep writing) plus the database's passwords, in one zip readable by its owner only. The key-encryption key is
 * deliberately left out, so a stolen backup cannot unwrap the signing keys.
 */
final class H2Backup {

    private H2Backup() {
    }

    static long write(String url, Path dataDir, String database, Path target) {
        Path absoluteTarget = target.toAbsolutePath();
        if (Files.exists(absoluteTarget)) {
            throw new StorageException("cannot write the backup to " + target + ": it exists already");
        }
        Path snapshot = dataDir.resolve(".backup-" + UUID.randomUUID() + ".zip");
        Path staged = null;
        try {
            try (Connection owner = EmbeddedH2.ownerConnectionToExisting(url, dataDir);
                 Statement statement = owner.createStatement()) {
                statement.execute("BACKUP TO '" + snapshot.toString().replace("'", "''") + "'");
            }
            Path targetDir = absoluteTarget.getParent();
            staged = DataDirectory.ownerOnlyTempFile(targetDir, ".sentinel-backup-");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(staged))) {
                copyEntries(snapshot, zip);
                zip.putNextEntry(new ZipEntry(H2Credentials.FILE_NAME));
                Files.copy(dataDir.resolve(H2Credentials.FILE_NAME), zip);
                zip.closeEntry();
            }
            Files.move(staged, absoluteTarget);
            return Files.size(absoluteTarget);
        } catch (FileAlreadyExistsException raced) {
            throw new StorageException("cannot write the backup to " + target + ": it exists already");
        } catch (SQLException | IOException failure) {
            throw new StorageException("cannot back up the " + database + " to " + target + ": "
                    + Redaction.rootMessage(failure), failure);
        } finally {
            deleteQuietly(snapshot);
            deleteQuietly(staged);
        }
    }

    private static void copyEntries(Path h2Zip, ZipOutputStream zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(h2Zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file in an owner-only directory; the next backup uses another name
        }
    }
}

package dev.sentinel.cli.serve;

import dev.sentinel.persistence.jdbi.h2.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Files that hold a secret the operator keeps: they should be readable by their owner only. */
final class SecretFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);

    private SecretFiles() {
    }

    /** Logs a warning (never the secret) when the group or others may read {@code file}. */
    static void warnIfOthersCanRead(Path file, String what) throws IOException {
        if (!DataDirectory.posix()) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            LOG.warn("The {} {} is readable by other users ({}); chmod 600 it", what, file,
                    PosixFilePermissions.toString(permissions));
        }
    }
}

package dev.sentinel.persistence.jdbi.h2;

import dev.sentinel.core.domain.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory, owned by the server's OS user and by nobody else: created {@code 0700}, tightened to it when
 * looser, refused when another user owns it; Sentinel's secret files inside it are created {@code 0600} in one step.
 * On file systems without POSIX permissions (Windows) neither permissions nor the owner are checked, only that the
 * directory is writable. Thread-safe (stateless).
 */
public final class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /** Whether this platform's default file system has POSIX permissions (Linux, macOS; not Windows). */
    public static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Makes {@code dir} ready for Sentinel: creates it {@code 0700} when missing, tightens a looser one to
     * {@code 0700} (logged once, when it happens), and refuses one this process cannot write or another OS user owns.
     *
     * @throws StorageException with a one-line message naming the directory and what is wrong
     */
    public static void prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StorageException("cannot use data directory " + dir + ": it exists and is not a directory");
        }
        if (!Files.exists(dir)) { // also when it cannot be looked up (a file or a closed directory on the way)
            try {
                createOwnerOnly(dir);
            } catch (IOException | SecurityException failure) {
                Path parent = dir.toAbsolutePath().getParent();
                throw new StorageException("cannot create data directory " + dir + ": " + describe(failure,
                        "OS user " + osUser() + " cannot create it in " + parent), failure);
            }
        }
        UserPrincipal us;
        try {
            us = writeCheck(dir);
        } catch (IOException | SecurityException failure) {
            throw new StorageException("cannot open data directory " + dir + ": " + describe(failure,
                    "OS user " + osUser() + " cannot write to it"), failure);
        }
        try {
            UserPrincipal owner = Files.getOwner(dir);
            if (posix() && !owner.equals(us)) {
                throw new StorageException("data directory " + dir + " belongs to " + owner.getName() + ", not to "
                        + us.getName() + ": run Sentinel as " + owner.getName()
                        + " (a command run as another user would leave files the server cannot open)");
            }
            tighten(dir);
        } catch (IOException | SecurityException failure) {
            throw new StorageException("cannot write to data directory " + dir + ": " + describe(failure, ""), failure);
        }
    }

    /** Sets every file directly in {@code dir} to {@code 0600} (H2 creates its files with the process's umask). */
    public static void restrictFiles(Path dir) {
        if (!posix()) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            for (Path file : files) {
                if (!Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY_FILE)) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
                }
            }
        } catch (IOException failure) {
            throw new StorageException("cannot restrict the files of data directory " + dir + " to their owner: "
                    + describe(failure, ""), failure);
        }
    }

    /**
     * Creates {@code file} with {@code content}, readable by its owner only, in one step: no other process ever sees
     * it partly written or with looser permissions. Returns false, writing nothing, when the file already exists.
     */
    public static boolean createSecretFile(Path file, String content) throws IOException {
        Path staged = ownerOnlyTempFile(file.toAbsolutePath().getParent(), ".staged-");
        try {
            try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.createLink(file, staged);
            return true;
        } catch (FileAlreadyExistsException anotherProcessWon) {
            return false;
        } catch (UnsupportedOperationException noHardLinks) {
            if (Files.exists(file)) {
                return false;
            }
            Files.move(staged, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** A new, empty temporary file in {@code dir} that only its owner can read, from the moment it exists. */
    static Path ownerOnlyTempFile(Path dir, String prefix) throws IOException {
        return posix() ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.createTempFile(dir, prefix, ".tmp");
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && Files.notExists(parent)) {
            Files.createDirectories(parent);
        }
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR)}
                : new FileAttribute<?>[0];
        try {
            Files.createDirectory(dir, attributes);
        } catch (FileAlreadyExistsException anotherProcessWon) {
            // tightened below like any existing directory
        }
    }

    /** Creates and deletes a file: proves the directory is writable, and tells who files created here belong to. */
    private static UserPrincipal writeCheck(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
        try {
            return Files.getOwner(probe);
        } finally {
            Files.delete(probe);
        }
    }

    private static void tighten(Path dir) throws IOException {
        if (!posix()) {
            return;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(dir);
        if (!current.equals(OWNER_ONLY_DIR)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
            LOG.warn("Data directory {} was {}: tightened to rwx------ so that no other OS user can read the store",
                    dir, PosixFilePermissions.toString(current));
        }
    }

    /**
     * The failure in the words of a shell ({@code permission denied}, {@code not a directory}, {@code read-only file
     * system}), with {@code whenDenied} in brackets after a permission denied; other failures keep their type.
     */
    private static String describe(Exception failure, String whenDenied) {
        if (failure instanceof AccessDeniedException || failure instanceof SecurityException) {
            return whenDenied.isEmpty() ? "permission denied" : "permission denied (" + whenDenied + ")";
        }
        if (failure instanceof FileSystemException fileSystem && fileSystem.getReason() != null
                && !fileSystem.getReason().isBlank()) {
            String reason = fileSystem.getReason();
            return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        String kind = failure.getClass().getSimpleName();
        return failure.getMessage() == null ? kind : kind + " (" + failure.getMessage() + ")";
    }

    private static String osUser() {
        return System.getProperty("user.name", "?");
    }
}

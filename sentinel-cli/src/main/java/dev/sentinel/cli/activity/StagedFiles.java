package dev.sentinel.cli.activity;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Files written under a hidden temporary name beside their target and moved into place only when all of them are
 * complete, so a failed export leaves no partial file. Temporary files are readable by their owner only, and so are
 * the files moved into place. Closing deletes whatever was not moved.
 */
final class StagedFiles implements AutoCloseable {

    private final boolean replace;
    private final Map<Path, Path> temporaryByTarget = new LinkedHashMap<>();

    /** {@code replace}: whether moving into place may replace an existing file. */
    StagedFiles(boolean replace) {
        this.replace = replace;
    }

    /** A new empty temporary file in the target's directory, to write the target's content to. */
    Path stage(Path target) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
        temporaryByTarget.put(target, temporary);
        return temporary;
    }

    /** Moves every staged file to its target, in the order staged. */
    void commit() throws IOException {
        Iterator<Map.Entry<Path, Path>> staged = temporaryByTarget.entrySet().iterator();
        while (staged.hasNext()) {
            Map.Entry<Path, Path> next = staged.next();
            moveIntoPlace(next.getValue(), next.getKey());
            staged.remove();
        }
    }

    private void moveIntoPlace(Path temporary, Path target) throws IOException {
        if (!replace) {
            Files.move(temporary, target);
            return;
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        for (Path temporary : temporaryByTarget.values()) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Best effort: the hidden temporary file is all that is left behind.
            }
        }
        temporaryByTarget.clear();
    }
}

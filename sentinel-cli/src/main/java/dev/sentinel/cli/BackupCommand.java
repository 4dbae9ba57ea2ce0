package dev.sentinel.cli;

import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sentinel backup}: an online backup of the embedded H2 database, safe while servers run. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Write an online backup of the embedded H2 database and its passwords.",
            "A consistent copy, taken while servers keep running, with the database's",
            "passwords, in a zip readable by its owner only. The key-encryption key is not included: keep it apart.",
            "For PostgreSQL use pg_dump (see docs/operations.md).",
            ""})
public final class BackupCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--to", paramLabel = "FILE", required = true,
            description = "The backup file to write (a zip); it must not exist yet.")
    Path target;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        long bytes;
        try (JdbiStorage storage = storeOptions.open()) {
            bytes = storage.backup(target);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Backup written to " + target + " (" + Figures.count(bytes)
                + " bytes). It holds the database and its passwords, not the key-encryption key.");
        out.flush();
        return 0;
    }
}

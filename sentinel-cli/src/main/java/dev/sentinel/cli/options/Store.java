package dev.sentinel.cli.options;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.crypto.CredentialHashers;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.out.CredentialHasher;
import dev.sentinel.persistence.jdbi.JdbiStorage;

/** An open store and the {@link Sentinel} on it, closed together. */
public final class Store implements AutoCloseable {

    /** The actor the audit trail records for every change made from the command line. */
    public static final Actor CLI = new Actor("cli");

    private final JdbiStorage storage;
    private final Sentinel sentinel;

    private Store(JdbiStorage storage, Sentinel sentinel) {
        this.storage = storage;
        this.sentinel = sentinel;
    }

    /** Opens the existing store the options name, for commands that issue no secrets. */
    public static Store open(StoreOptions options) {
        return open(options, CredentialHashers.named("sha256"));
    }

    /** Opens the existing store the options name, with the given hasher for new secrets; creates nothing. */
    public static Store open(StoreOptions options, CredentialHasher hasher) {
        return around(options.open(), hasher);
    }

    /** Opens the store the options name, creating it when there is none, with the given hasher for new secrets. */
    public static Store openOrCreate(StoreOptions options, CredentialHasher hasher) {
        return around(options.openOrCreate(), hasher);
    }

    private static Store around(JdbiStorage storage, CredentialHasher hasher) {
        try {
            return new Store(storage, Sentinel.builder().storage(storage).hasher(hasher).build());
        } catch (RuntimeException failed) {
            storage.close();
            throw failed;
        }
    }

    /**
     * Whether opening made this store (there was none where the options point), for the note that says so: a pass
     * created in a store no server uses gets {@code invalid_client} from every running server.
     */
    public boolean created() {
        return storage.created();
    }

    /** The note for stderr after a command made a new store: where it is, and that no server uses it yet. */
    public String createdNote() {
        return StoreOptions.createdNote(storage) + "; no server uses it yet. If one is running, give this command the "
                + "server's store (--data-dir or SENTINEL_DATA_DIR, or --db-url): its clients cannot use passes made here.";
    }

    public Sentinel sentinel() {
        return sentinel;
    }

    /** The pass use cases, recorded as done by {@link #CLI}. */
    public PassService passes() {
        return sentinel.passes().as(CLI);
    }

    @Override
    public void close() {
        storage.close();
    }
}

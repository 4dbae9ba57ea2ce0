package dev.sentinel.persistence.jdbi.h2;

import java.nio.file.Path;

/** The owner's password of a data directory's H2 database, for tests outside this package that open it as the owner. */
public final class H2Owner {

    private H2Owner() {
    }

    /** The owner's password, as stored in {@code dataDir}. */
    public static String password(Path dataDir) {
        return H2Credentials.load(dataDir).orElseThrow().ownerPassword();
    }
}

package dev.sentinel.persistence.jdbi;

/** The two databases Sentinel speaks to; the schema is shared, only upserts differ. */
enum Dialect {
    H2,
    POSTGRES
}

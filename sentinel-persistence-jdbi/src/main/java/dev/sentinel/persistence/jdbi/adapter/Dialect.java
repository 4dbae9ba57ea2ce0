package dev.sentinel.persistence.jdbi.adapter;

/** The two databases Sentinel speaks to; the schema is shared, only upserts differ. */
public enum Dialect {
    H2,
    POSTGRES
}

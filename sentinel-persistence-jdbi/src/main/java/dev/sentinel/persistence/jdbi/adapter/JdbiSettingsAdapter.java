package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.port.out.Settings;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/** Named values in {@code settings}. */
final class JdbiSettingsAdapter implements Settings {

    private final Handle handle;
    private final Dialect dialect;

    JdbiSettingsAdapter(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    @Override
    public Optional<String> get(String name) {
        return handle.createQuery("SELECT setting_value FROM settings WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne();
    }

    @Override
    public boolean putIfAbsent(String name, String value) {
        if (dialect == Dialect.POSTGRES) {
            return handle.createUpdate("INSERT INTO settings (name, setting_value) VALUES (:name, :value) "
                    + "ON CONFLICT (name) DO NOTHING").bind("name", name).bind("value", value).execute() > 0;
        }
        try {
            handle.createUpdate("INSERT INTO settings (name, setting_value) VALUES (:name, :value)")
                    .bind("name", name).bind("value", value).execute();
            return true;
        } catch (RuntimeException failure) {
            if (Sql.isUniqueViolation(failure)) {
                return false;
            }
            throw failure;
        }
    }

    @Override
    public void put(String name, String value) {
        String sql = dialect == Dialect.POSTGRES
                ? "INSERT INTO settings (name, setting_value) VALUES (:name, :value) "
                        + "ON CONFLICT (name) DO UPDATE SET setting_value = EXCLUDED.setting_value"
                : "MERGE INTO settings (name, setting_value) KEY (name) VALUES (:name, :value)";
        handle.createUpdate(sql).bind("name", name).bind("value", value).execute();
    }

    @Override
    public SortedMap<String, String> withPrefix(String prefix) {
        String pattern = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        SortedMap<String, String> found = new TreeMap<>();
        handle.createQuery("SELECT name, setting_value FROM settings WHERE name LIKE :pattern ESCAPE '!'")
                .bind("pattern", pattern)
                .map((row, context) -> Map.entry(row.getString("name"), row.getString("setting_value")))
                .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
        return found;
    }

    @Override
    public boolean delete(String name) {
        return handle.createUpdate("DELETE FROM settings WHERE name = :name").bind("name", name).execute() > 0;
    }
}

package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.Settings;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

final class InMemorySettings implements Settings {

    private final InMemoryState state;

    InMemorySettings(InMemoryState state) {
        this.state = state;
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(state.settings.get(name));
    }

    @Override
    public boolean putIfAbsent(String name, String value) {
        return state.settings.putIfAbsent(name, value) == null;
    }

    @Override
    public void put(String name, String value) {
        state.settings.put(name, value);
    }

    @Override
    public SortedMap<String, String> withPrefix(String prefix) {
        SortedMap<String, String> found = new TreeMap<>();
        state.settings.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                found.put(name, value);
            }
        });
        return found;
    }

    @Override
    public boolean delete(String name) {
        return state.settings.remove(name) != null;
    }
}

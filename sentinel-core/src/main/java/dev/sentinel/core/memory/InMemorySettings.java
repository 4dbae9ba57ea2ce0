package dev.sentinel.core.memory;

import dev.sentinel.core.port.Settings;
import java.util.Optional;

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
}

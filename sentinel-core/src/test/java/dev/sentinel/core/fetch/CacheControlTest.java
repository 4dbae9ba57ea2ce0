package dev.sentinel.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheControlTest {

    @Test
    void readsMaxAge() {
        assertThat(CacheControl.maxAge(Optional.of("public, max-age=3600, must-revalidate"))).contains(Duration.ofHours(1));
        assertThat(CacheControl.maxAge(Optional.of("MAX-AGE=\"60\""))).contains(Duration.ofMinutes(1));
    }

    @Test
    void takesNoCacheAndNoStoreAsZero() {
        assertThat(CacheControl.maxAge(Optional.of("max-age=600, no-cache"))).contains(Duration.ZERO);
        assertThat(CacheControl.maxAge(Optional.of("no-store"))).contains(Duration.ZERO);
    }

    @Test
    void saysNothingForAnAbsentOrUnreadableLifetime() {
        assertThat(CacheControl.maxAge(Optional.empty())).isEmpty();
        assertThat(CacheControl.maxAge(Optional.of("public"))).isEmpty();
        assertThat(CacheControl.maxAge(Optional.of("max-age=-5"))).isEmpty();
        assertThat(CacheControl.maxAge(Optional.of("max-age=1e9"))).isEmpty();
        assertThat(CacheControl.maxAge(Optional.of("max-age=99999999999999"))).isEmpty();
    }
}

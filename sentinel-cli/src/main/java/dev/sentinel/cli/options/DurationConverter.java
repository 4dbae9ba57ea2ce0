package dev.sentinel.cli.options;

import dev.sentinel.core.domain.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration as {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}, a number of seconds ({@code 0}), or ISO-8601
 * such as {@code PT1H30M}: the syntax of {@link DurationText}, which the API's {@code grace_period} takes too.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return DurationText.parse(value).orElseThrow(() ->
                new TypeConversionException("'" + value + "' is not a duration: use for example 90s, 30m, 1h, 2d or PT1H30M"));
    }
}

package dev.sentinel.cli.serve;

import dev.sentinel.core.application.throttle.FailureLimit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a failure limit such as {@code 10/1m} or {@code off}; picocli names the option in the error. */
final class FailureLimitConverter implements ITypeConverter<FailureLimit> {

    @Override
    public FailureLimit convert(String value) {
        try {
            return FailureLimit.parse(value);
        } catch (IllegalArgumentException invalid) {
            throw new TypeConversionException(invalid.getMessage());
        }
    }
}

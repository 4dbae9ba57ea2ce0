package dev.sentinel.cli.pass;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidationException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a pass id argument; a malformed one is a usage error that says what a pass id looks like. */
public final class PassIdConverter implements ITypeConverter<PassId> {

    @Override
    public PassId convert(String value) {
        try {
            return PassId.of(value);
        } catch (ValidationException malformed) {
            throw new TypeConversionException("'" + value + "' is not a pass id: "
                    + malformed.violations().get(0).rule());
        }
    }
}

package dev.sentinel.cli.pass;

import dev.sentinel.core.application.PassService;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import picocli.CommandLine.Command;

/** {@code sentinel pass activate ID}. */
@Command(name = "activate", mixinStandardHelpOptions = true,
        description = "Re-enable a deactivated or revoked pass.")
final class PassActivateCommand extends PassStateCommand {

    @Override
    SentinelPass change(PassService passes, PassId passId) {
        return passes.activate(passId);
    }
}

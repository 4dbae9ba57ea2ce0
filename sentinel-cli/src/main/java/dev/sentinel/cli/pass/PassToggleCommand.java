package dev.sentinel.cli.pass;

import dev.sentinel.core.application.PassService;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import picocli.CommandLine.Command;

/** {@code sentinel pass toggle ID}. */
@Command(name = "toggle", mixinStandardHelpOptions = true,
        description = "Deactivate an active pass, or reactivate a deactivated one (a revoked pass needs activate).")
final class PassToggleCommand extends PassStateCommand {

    @Override
    SentinelPass change(PassService passes, PassId passId) {
        return passes.toggle(passId);
    }
}

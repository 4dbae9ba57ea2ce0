package dev.sentinel.cli.pass;

import dev.sentinel.core.application.PassService;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import picocli.CommandLine.Command;

/** {@code sentinel pass revoke ID}. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke a pass. It stops authenticating at once; the pass and its history are kept.")
final class PassRevokeCommand extends PassStateCommand {

    @Override
    SentinelPass change(PassService passes, PassId passId) {
        return passes.revoke(passId);
    }
}

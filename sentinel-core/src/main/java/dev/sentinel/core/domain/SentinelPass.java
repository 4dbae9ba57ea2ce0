package dev.sentinel.core.domain;

import java.util.Objects;

/** A pass together with its agent user, as the use cases return them. */
public record SentinelPass(AgentUser agent, Pass pass) {

    public SentinelPass {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(pass, "pass");
        if (!agent.clientId().equals(pass.clientId())) {
            throw new IllegalArgumentException("pass " + pass.passId() + " belongs to another agent user");
        }
    }

    public PassId passId() {
        return pass.passId();
    }

    public ClientId clientId() {
        return agent.clientId();
    }
}

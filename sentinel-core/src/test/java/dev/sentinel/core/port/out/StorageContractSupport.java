package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestAgentUsers.defaultAgentUser;
import static dev.sentinel.core.fixtures.TestPasses.defaultPass;

import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.Pass;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every contract suite shares: the store under test and short ways to run work against it. Subclasses return
 * an empty store from {@link #storage()} for each test (a fresh one, or the same one cleaned).
 */
public abstract class StorageContractSupport {

    /** The store under test, empty at the start of each test. */
    protected abstract Storage storage();

    protected <T> T tx(Function<StorageSession, T> work) {
        return storage().inTransaction(work);
    }

    protected void run(Consumer<StorageSession> work) {
        storage().inTransaction(session -> {
            work.accept(session);
            return null;
        });
    }

    /** Stores a default agent user and a pass linked to it; returns the pass. */
    protected Pass givenStoredPass() {
        AgentUser agent = defaultAgentUser().build();
        Pass pass = defaultPass().forAgent(agent).build();
        run(session -> {
            session.agentUsers().add(agent);
            session.passes().add(pass);
        });
        return pass;
    }
}

package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectSummary;
import dev.sentinel.core.domain.activity.PassUse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The store of pass metadata and state. Used inside a {@link StorageSession}. */
public interface Passes {

    /**
     * Adds a new pass; a taken pass id is a {@link dev.sentinel.core.domain.ConflictException} on {@code pass_id}. A
     * project that has no record yet gets one, created when the pass was (the use case decides beforehand whether a
     * missing project may be created).
     */
    void add(Pass pass);

    Optional<Pass> find(PassId passId);

    /** Finds and locks the pass until the transaction ends. */
    Optional<Pass> findForUpdate(PassId passId);

    Optional<Pass> findByClientId(ClientId clientId);

    /** The project's passes, oldest first. */
    List<Pass> listByProject(ProjectId project);

    /**
     * Every project that holds at least one pass, ordered by name (code point order), with its pass count and the latest {@code started_at} of its
     * passes' recorded activity. Costs one pass over the passes and one index lookup per pass, never a scan of the
     * activity log.
     */
    List<ProjectSummary> projects();

    /**
     * The lifetime use of every pass of the project, one entry per pass ({@link PassUse#NONE} for one never used):
     * its hourly rollups summed and the latest {@code started_at} of its recorded activity. One read for the whole
     * project, never one per pass, and never a scan of the activity log.
     */
    Map<PassId, PassUse> useByProject(ProjectId project);

    /** Replaces the state, generation, allowed networks, keys and update time of an existing pass. */
    void update(Pass pass);

    /** Deletes the pass; false when there was none. */
    boolean delete(PassId passId);
}

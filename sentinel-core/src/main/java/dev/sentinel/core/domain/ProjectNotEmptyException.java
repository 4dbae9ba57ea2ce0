package dev.sentinel.core.domain;

/** A project that still holds passes cannot be deleted: delete (or move) its passes first. Nothing was changed. */
public final class ProjectNotEmptyException extends SentinelException {

    private final String project;
    private final long passes;

    public ProjectNotEmptyException(String project, long passes) {
        super("project " + project + " holds " + passes + (passes == 1 ? " pass" : " passes")
                + "; delete them before the project");
        this.project = project;
        this.passes = passes;
    }

    public String project() {
        return project;
    }

    /** How many passes the project held. */
    public long passes() {
        return passes;
    }
}

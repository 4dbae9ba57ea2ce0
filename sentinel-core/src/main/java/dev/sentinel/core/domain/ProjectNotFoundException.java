package dev.sentinel.core.domain;

/**
 * No project has the given name, or the caller may not know that it exists (a project outside the caller's projects
 * is reported exactly as a missing one).
 */
public final class ProjectNotFoundException extends SentinelException {

    private final String project;

    public ProjectNotFoundException(String project) {
        super("no project named " + project);
        this.project = project;
    }

    public String project() {
        return project;
    }
}

package io.hailctl.deploy.ami;

/** The one place CodeBuild's build status words are sorted into what hailctl does with them. */
public enum BuildStatus {
    IN_PROGRESS, SUCCEEDED, FAILED, FAULT, TIMED_OUT, STOPPED;

    public boolean finished() {
        return this != IN_PROGRESS;
    }

    /** A word CodeBuild may add later counts as a fault: it ends the wait and is reported as is. */
    public static BuildStatus of(String word) {
        for (BuildStatus s : values()) {
            if (s.name().equals(word)) {
                return s;
            }
        }
        return FAULT;
    }
}

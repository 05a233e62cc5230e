package io.hailctl.deploy;

/** What a step did (or, in a preview, would do). */
public enum Change {
    CREATED("created"), UPDATED("updated"), REPLACED("re-created"), UNCHANGED("unchanged"), READ("read"),
    DELETED("deleted"), STARTED("started"),
    WOULD_CREATE("would create"), WOULD_UPDATE("would update"), WOULD_REPLACE("would re-create"),
    WOULD_DELETE("would delete");

    private final String words;

    Change(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public boolean isChange() {
        return this != UNCHANGED && this != READ;
    }
}

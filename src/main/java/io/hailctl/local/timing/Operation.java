package io.hailctl.local.timing;

/** A CloudFormation stack operation, with the statuses it passes through. */
public enum Operation {
    CREATE("CREATE_IN_PROGRESS", "CREATE_COMPLETE"),
    UPDATE("UPDATE_IN_PROGRESS", "UPDATE_COMPLETE"),
    DELETE("DELETE_IN_PROGRESS", "DELETE_COMPLETE");

    private final String inProgress;
    private final String complete;

    Operation(String inProgress, String complete) {
        this.inProgress = inProgress;
        this.complete = complete;
    }

    public String inProgress() {
        return inProgress;
    }

    public String complete() {
        return complete;
    }
}

package io.hailctl.deploy.stack;

/**
 * The one place CloudFormation's status words are sorted into what hailctl does with them
 * (colours and wording live in the renderers, not here).
 */
public final class StackStatus {
    private StackStatus() {
    }

    public enum Category {
        /** An operation runs: attach and wait. */
        IN_PROGRESS,
        /** Stable and usable: update it (or leave it alone). */
        SETTLED,
        /** A create that failed and rolled back: nothing usable inside; delete and create again. */
        FAILED_CREATE,
        /** Created by a change set that never ran: holds no resources. */
        REVIEW,
        /** An update rollback that failed: needs ContinueUpdateRollback by a person. */
        STUCK,
        /** A delete that failed: resources remain. */
        DELETE_FAILED,
        /** Gone. */
        DELETED
    }

    public static Category category(String status) {
        return switch (status) {
            case "CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE",
                 "IMPORT_ROLLBACK_COMPLETE" -> Category.SETTLED;
            case "ROLLBACK_COMPLETE", "CREATE_FAILED", "ROLLBACK_FAILED" -> Category.FAILED_CREATE;
            case "REVIEW_IN_PROGRESS" -> Category.REVIEW;
            case "UPDATE_ROLLBACK_FAILED", "IMPORT_ROLLBACK_FAILED", "UPDATE_FAILED" -> Category.STUCK;
            case "DELETE_FAILED" -> Category.DELETE_FAILED;
            case "DELETE_COMPLETE" -> Category.DELETED;
            default -> status.endsWith("_IN_PROGRESS") ? Category.IN_PROGRESS : Category.STUCK;
        };
    }

    /** Whether the operation that ended in {@code status} did what was asked. */
    public static boolean succeeded(Operation op, String status) {
        return switch (op) {
            case CREATE -> status.equals("CREATE_COMPLETE");
            case UPDATE -> status.equals("UPDATE_COMPLETE");
            case DELETE -> status.equals("DELETE_COMPLETE");
            case ATTACH -> category(status) == Category.SETTLED || status.equals("DELETE_COMPLETE");
        };
    }

    public enum Operation { CREATE, UPDATE, DELETE, ATTACH }
}

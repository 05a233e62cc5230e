package io.hailctl.progress;

/** How a step's action reads while it runs ("deploy" → "deploying"), for every renderer alike. */
final class Actions {
    private Actions() {
    }

    static String ongoing(String action) {
        return switch (action) {
            case "deploy" -> "deploying";
            case "delete" -> "deleting";
            case "read" -> "reading";
            case "preview" -> "previewing";
            default -> action;
        };
    }
}

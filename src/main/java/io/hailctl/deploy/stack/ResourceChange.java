package io.hailctl.deploy.stack;

/** One line of a change-set preview: Add/Modify/Remove of a resource, and whether it is replaced. */
public record ResourceChange(String action, String logicalId, String resourceType, String replacement) {
    public String describe() {
        String r = "True".equalsIgnoreCase(replacement) ? " (REPLACED)"
                : "Conditional".equalsIgnoreCase(replacement) ? " (may be replaced)" : "";
        return action + " " + logicalId + " [" + resourceType + "]" + r;
    }
}

package io.hailctl.cli;

/** JVM shutdown hooks for Ctrl-C, tolerant of a JVM that is already shutting down. */
final class Hooks {
    private Hooks() {
    }

    static boolean add(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (Ctrl-C): the hook is running; nothing to undo.
        }
    }
}

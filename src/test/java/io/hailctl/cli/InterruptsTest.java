package io.hailctl.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The resume line Ctrl-C prints: the command as typed, quoted so it can be pasted back into a shell. */
class InterruptsTest {
    @Test
    void theResumeLineRepeatsTheCommandQuotedForAShell() {
        Interrupts interrupts = Interrupts.forProcess(new PrintWriter(new StringWriter()),
                List.of("--config", "my envs/dev.yaml", "add-user", "o'brien", "-y"));
        try {
            assertEquals("hailctl: interrupted; what was started in AWS keeps running there: run `hailctl --config"
                    + " 'my envs/dev.yaml' add-user 'o'\\''brien' -y` again to continue", interrupts.resumeLine());
        } finally {
            interrupts.finished();
        }
    }

    @Test
    void finishingRunsTheBodyAndLeavesNothingRegistered() {
        StringBuilder ran = new StringBuilder();
        Interrupts.NONE.finishing("editing", () -> ran.append("edited"));
        assertEquals("edited", ran.toString());
    }
}

package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfiguredNamesTest {
    private static final Path CONFIG = Path.of("some", "dir", "hailctl.yaml");
    private final ConfiguredNames users = new ConfiguredNames("user", List.of("alice", "bob"),
            "Add it with: hailctl add-user %s", "Add one with: hailctl add-user NAME");

    @Test
    void noNamesMeansEveryConfiguredOneInConfigOrder() {
        assertEquals(List.of("alice", "bob"), users.select(List.of(), CONFIG));
    }

    @Test
    void namedOnesAreKeptInTheOrderAsked() {
        assertEquals(List.of("bob", "alice"), users.select(List.of("bob", "alice"), CONFIG));
    }

    @Test
    void anUnknownNameIsAUsageErrorNamingWhatIsConfiguredAndHowToAddIt() {
        HailctlException e = assertThrows(HailctlException.class, () -> users.select(List.of("alice", "zed"), CONFIG));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("user 'zed' is not in hailctl.yaml (users: alice, bob)", e.getMessage());
        assertEquals(Optional.of("Add it with: hailctl add-user zed"), e.hint());
    }

    @Test
    void nothingConfiguredIsAUsageErrorWithTheAddOneHint() {
        ConfiguredNames none = new ConfiguredNames("cluster", List.of(), "add %s", "Add one under clusters:");
        HailctlException e = assertThrows(HailctlException.class, () -> none.select(List.of(), CONFIG));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("no clusters in hailctl.yaml", e.getMessage());
        assertEquals(Optional.of("Add one under clusters:"), e.hint());
    }
}

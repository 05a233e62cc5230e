package io.hailctl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hailctl.ExitCode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigProblemTest {
    @Test
    void rendersFileLineFieldValueAndRule() {
        assertEquals("hailctl.yaml:12: buckets.hail = \"My_Bucket\": bucket names use only lowercase letters,"
                        + " digits, dots and hyphens",
                new ConfigProblem("hailctl.yaml", 12, "buckets.hail", "My_Bucket",
                        "bucket names use only lowercase letters, digits, dots and hyphens").message());
    }

    @Test
    void withoutAValueTheFieldStandsAlone() {
        assertEquals("hailctl.yaml:4: network.subnetId: is required (e.g. subnet-0123456789abcdef0)",
                new ConfigProblem("hailctl.yaml", 4, "network.subnetId", Optional.empty(),
                        "is required (e.g. subnet-0123456789abcdef0)").toString());
    }

    @Test
    void lineZeroMeansAFlagOrVariable() {
        assertEquals("command line: --region = \"x\": bad",
                new ConfigProblem("command line", 0, "--region", "x", "bad").message());
    }

    @Test
    void valuesStayOnOneLine() {
        assertEquals("f:1: k = \"a\\\"b\\\\c\\nd\\te\\u0007\": r",
                new ConfigProblem("f", 1, "k", "a\"b\\c\nd\te\u0007", "r").message());
        assertEquals("f:1: k = \"" + "x".repeat(80) + "…\": r",
                new ConfigProblem("f", 1, "k", "x".repeat(81), "r").message());
        assertEquals("f:1: k = \"" + "x".repeat(80) + "\": r",
                new ConfigProblem("f", 1, "k", "x".repeat(80), "r").message());
    }

    @Test
    void theExceptionSummarisesAndKeepsEveryProblem() {
        List<ConfigProblem> problems = List.of(
                new ConfigProblem("hailctl.yaml", 1, "environment", "Dev", "bad"),
                new ConfigProblem("hailctl.yaml", 2, "region", "x", "bad"),
                new ConfigProblem("hailctl.yaml", 3, "profile", "y z", "bad"));

        ConfigException e = new ConfigException(problems);

        assertEquals("hailctl.yaml:1: environment = \"Dev\": bad (and 2 more)", e.getMessage());
        assertEquals(problems, e.problems());
        assertEquals(List.of("hailctl.yaml:1: environment = \"Dev\": bad", "hailctl.yaml:2: region = \"x\": bad",
                "hailctl.yaml:3: profile = \"y z\": bad"), e.lines());
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertThrows(IllegalArgumentException.class, () -> new ConfigException(List.of()));
    }
}

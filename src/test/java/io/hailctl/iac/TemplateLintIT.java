package io.hailctl.iac;

import io.hailctl.testing.TestTools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The static checks of everything that lands in a user's AWS account, one part of
 * {@code scripts/lint-iac} per test: cfn-lint (no errors or warnings), checkov (no failed check,
 * every skip with its reason in the template), the house rules (no fixed IAM names, no wildcard
 * actions, no CIDR ingress, retained private TLS-only buckets, prefix-limited notebook listing,
 * console parameter groups), packer fmt/validate, shellcheck (scripts and the
 * scripts embedded in the templates), the notebook's nbformat, the data files. A failure shows the
 * tool's own output.
 */
class TemplateLintIT {

    @ParameterizedTest(name = "lint-iac {0}")
    @ValueSource(strings = {"cfn-lint", "checkov", "rules", "packer", "shellcheck", "notebook", "data"})
    void partIsClean(String part) throws Exception {
        Path project = TestTools.projectDir();
        Path tools = TestTools.dir();
        Path log = Files.createTempFile("lint-iac-" + part, ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", project.resolve("scripts/lint-iac").toString(), part)
                    .directory(project.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("HAILCTL_TOOLS_DIR", tools.toString());
            Process p = pb.start();
            // Only the first packer run may have to build Packer (a few minutes on 2 cores).
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("lint-iac " + part + " did not finish in 20 minutes:\n" + read(log));
            }
            String out = read(log);
            assertEquals(0, p.exitValue(), "lint-iac " + part + " found problems:\n" + out);
            assertTrue(out.contains("lint-iac: all 1 parts clean (" + part + ")"), out);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}

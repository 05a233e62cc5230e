package io.hailctl.iac;

import io.hailctl.testing.TestTools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one part of {@code scripts/lint-iac} with the test tools, as the ITs of this package do. */
record LintIac(int exit, String out) {

    static LintIac run(Path tmp, String part, Map<String, String> env, Duration limit)
            throws IOException, InterruptedException {
        Path project = TestTools.projectDir();
        Path log = tmp.resolve("lint-iac-" + part + ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", project.resolve("scripts/lint-iac").toString(), part)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("HAILCTL_TOOLS_DIR", TestTools.dir().toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(limit.toMinutes(), TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("lint-iac " + part + " did not finish in " + limit.toMinutes() + " minutes:\n"
                    + Files.readString(log));
        }
        return new LintIac(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}

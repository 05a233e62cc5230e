package io.hailctl.local.standin.emr;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StepCommandTest {
    @Test
    void aSparkSubmitStepRunsItsScriptWithItsArgumentsAndShipsItsFilesOnce() {
        StepCommand c = StepCommand.of("command-runner.jar", List.of("spark-submit", "--deploy-mode", "client",
                "--conf", "spark.a=b", "--files", "s3://b/k/util.py,s3://b/k/data.tsv", "--py-files", "s3://b/k/util.py",
                "s3://b/k/qc.py", "--chrom", "22")).orElseThrow();
        assertEquals("s3://b/k/qc.py", c.script());
        assertEquals(List.of("--chrom", "22"), c.args());
        assertEquals(List.of("s3://b/k/util.py", "s3://b/k/data.tsv"), c.files());
        assertEquals("qc.py", StepCommand.fileName(c.script()));
        assertEquals(List.of("b", "k/qc.py"), List.of(StepCommand.s3(c.script()).orElseThrow()));
    }

    @Test
    void otherStepsAreNotRun() {
        assertEquals(Optional.empty(), StepCommand.of("s3://b/my.jar", List.of("spark-submit", "s3://b/x.py")));
        assertEquals(Optional.empty(), StepCommand.of("command-runner.jar", List.of("hadoop", "fs", "-ls")));
        assertEquals(Optional.empty(), StepCommand.of("command-runner.jar", List.of("spark-submit", "--conf", "a=b")));
    }
}

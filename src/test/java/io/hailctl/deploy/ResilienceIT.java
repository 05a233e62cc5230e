package io.hailctl.deploy;

import io.hailctl.testing.CallCounter;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.DemoYaml;
import io.hailctl.testing.FaultProxy;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What moto cannot show by itself: throttling and 5xx answers, injected by a proxy between the
 * SDK and moto, over the real wire protocol.
 */
@ExtendWith(MotoExtension.class)
class ResilienceIT {
    private static final String CONFIG = DemoYaml.demo().users("alice").yaml();

    @TempDir
    Path dir;

    private CliRun.Result deploy(Moto moto, FaultProxy proxy, CallCounter calls) throws Exception {
        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG);
        return new CliRun().against(moto).env("AWS_ENDPOINT_URL", proxy.endpoint().toString())
                .workingDir(dir).awsCalls(calls).run("deploy", "s3");
    }

    @Test
    void throttlingAndUnavailableAnswersAreRetriedAndTheDeploySucceeds(Moto moto) throws Exception {
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            // Calls this deploy makes: the pre-flight's listing (DescribeStacks without a name), the create,
            // the read after it (an emulator's stack is complete at once, so no DescribeStackEvents is needed).
            // DescribeStacks is throttled twice, then unavailable twice: the listing meets all four.
            proxy.throttle("DescribeStacks", 2).throttle("CreateStack", 1).unavailable("DescribeStacks", 2);
            CliRun.Result r = deploy(moto, proxy, new CallCounter());
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(5, proxy.injected(), "every injected fault was met and retried past");
            assertTrue(r.out().contains("s3") && r.out().contains("created"), r.out());
        }
    }

    @Test
    void throttlingThatNeverStopsIsOneClearFailureNotAHang(Moto moto) throws Exception {
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            proxy.throttle("DescribeStacks", 1_000); // the pre-flight's first CloudFormation read (its listing)
            CliRun.Result r = deploy(moto, proxy, new CallCounter());
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.err().contains("hailctl: CloudFormation: Throttling: Rate exceeded"), r.err());
        }
    }
}

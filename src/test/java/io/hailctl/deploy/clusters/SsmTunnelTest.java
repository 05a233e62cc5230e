package io.hailctl.deploy.clusters;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SsmTunnelTest {
    @Test
    void aWebUiIsAPortForwardingSessionToTheMaster() {
        SsmTunnel livy = new SsmTunnel(SsmTunnel.Target.LIVY, "i-0abc", "eu-west-2", 8998, 18998);
        assertEquals(List.of("aws", "ssm", "start-session", "--region", "eu-west-2", "--target", "i-0abc",
                "--document-name", "AWS-StartPortForwardingSession", "--parameters", "portNumber=8998,localPortNumber=18998"),
                livy.command());
        assertEquals(Optional.of("http://localhost:18998"), livy.localUrl());
    }

    @Test
    void aShellIsAPlainSessionAndTheTargetsAreDataprocsWords() {
        SsmTunnel shell = new SsmTunnel(SsmTunnel.Target.SHELL, "i-0abc", "us-east-1", 0, 0);
        assertEquals(List.of("aws", "ssm", "start-session", "--region", "us-east-1", "--target", "i-0abc"), shell.command());
        assertEquals(Optional.empty(), shell.localUrl());
        assertEquals(Optional.of(SsmTunnel.Target.SPARK_UI), SsmTunnel.Target.of("spark-ui"));
        assertEquals(18080, SsmTunnel.Target.SPARK_UI.defaultPort());
        assertEquals(8088, SsmTunnel.Target.YARN.defaultPort());
        assertEquals(Optional.empty(), SsmTunnel.Target.of("notebook"));
    }
}

package io.hailctl.deploy.clusters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * `cluster connect`: the {@code aws ssm start-session} command that reaches a web UI on the master through
 * an SSM port-forwarding session (every node's role has AmazonSSMManagedInstanceCore; no inbound port opens),
 * or a shell on it. The session itself is the AWS CLI's with the Session Manager plugin: hailctl runs it when
 * both are installed and otherwise prints it.
 */
public record SsmTunnel(Target target, String instanceId, String region, int remotePort, int localPort) {

    /** What to reach on the master: Livy (the stack's port), the Spark history server, the YARN UI, or a shell. */
    public enum Target {
        LIVY("livy", 8998), SPARK_UI("spark-ui", 18080), YARN("yarn", 8088), SHELL("shell", 0);

        private final String word;
        private final int port;

        Target(String word, int port) {
            this.word = word;
            this.port = port;
        }

        public String word() {
            return word;
        }

        public int defaultPort() {
            return port;
        }

        public static Optional<Target> of(String word) {
            for (Target t : values()) {
                if (t.word.equals(word)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    public static final String PLUGIN = "session-manager-plugin";
    public static final String PLUGIN_INSTALL = "https://docs.aws.amazon.com/systems-manager/latest/userguide/"
            + "session-manager-working-with-install-plugin.html";

    public List<String> command() {
        List<String> c = new ArrayList<>(List.of("aws", "ssm", "start-session", "--region", region, "--target", instanceId));
        if (target != Target.SHELL) {
            c.addAll(List.of("--document-name", "AWS-StartPortForwardingSession", "--parameters",
                    "portNumber=" + remotePort + ",localPortNumber=" + localPort));
        }
        return c;
    }

    /** The local address once the session is up; empty for a shell. */
    public Optional<String> localUrl() {
        return target == Target.SHELL ? Optional.empty() : Optional.of("http://localhost:" + localPort);
    }
}

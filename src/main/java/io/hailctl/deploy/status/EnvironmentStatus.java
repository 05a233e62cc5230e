package io.hailctl.deploy.status;

import io.hailctl.plan.HardStop;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything `hailctl status` knows about one environment at one moment. Missing pieces are facts
 * ("not deployed"), not errors; a piece AWS would not tell about carries its one-line problem.
 * The JSON form is documented in docs/status-json.md.
 */
public record EnvironmentStatus(String environment, String region, Instant readAt, Duration took,
                                List<StackView> stacks, List<NotebookView> notebooks, List<ClusterView> clusters,
                                AmiView ami, SeedView seed, List<String> problems) {
    public EnvironmentStatus {
        stacks = List.copyOf(stacks);
        notebooks = List.copyOf(notebooks);
        clusters = List.copyOf(clusters);
        problems = List.copyOf(problems);
    }

    public static final String NOT_DEPLOYED = "not deployed";

    /** Drift of a stack from what `deploy` would send now. */
    public enum Drift {
        UP_TO_DATE("up to date"), CHANGES_PENDING("changes pending"), NOT_DEPLOYED("not deployed"),
        UNKNOWN("unknown"), NOT_IN_CONFIG("not in config");

        private final String words;

        Drift(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * @param step  the plan step (absent for a stack the config no longer has)
     * @param state ok, in-progress or failed (from the status word); empty when not deployed
     */
    public record StackView(String name, Optional<String> step, String component, boolean inConfig,
                            Optional<String> status, Optional<String> state, Optional<Instant> lastChanged,
                            Drift drift, Optional<String> driftDetail) {
    }

    public record NotebookView(String user, boolean inConfig, String stack, Optional<String> name, String state,
                               Optional<String> instanceType, Optional<String> url, Optional<String> problem) {
    }

    public record ClusterView(String name, boolean inConfig, boolean adHoc, String stack, Optional<String> clusterId, String state,
                              Optional<String> stateReason, Optional<String> masterPublicDns,
                              Optional<String> masterPrivateDns, Optional<String> livyUrl, List<GroupView> instanceGroups,
                              Optional<Integer> idleTimeoutMinutes, Optional<String> idleTimeoutSource,
                              Optional<HardStop> hardStop, Optional<String> problem) {
        public ClusterView {
            instanceGroups = List.copyOf(instanceGroups);
        }
    }

    public record GroupView(String role, String instanceType, String market, int running, int requested) {
    }

    /**
     * @param source    ami.source in hailctl.yaml
     * @param resolved  what `deploy` resolves it to now ("" = the default EMR AMI); empty when unknown
     * @param inUse     the AMI the cluster runs (EMR's CustomAmiId, else the deployed stack's parameter; "" = default)
     * @param published the AMI id the build project published (SSM), when there is one
     */
    public record AmiView(String source, Optional<String> resolved, Optional<String> resolvedDetail,
                          Optional<String> inUse, Optional<String> published, Optional<BuildView> lastBuild,
                          Optional<String> problem) {
    }

    public record BuildView(String project, String id, String status, Optional<String> phase, Optional<Instant> started,
                            Optional<Instant> ended) {
    }

    /**
     * @param state up to date, changes pending, not deployed, nothing to seed, or unknown
     * @param extras objects under the seeded folders that the bundled content lacks (kept by seed without --delete)
     */
    public record SeedView(String state, Optional<String> bucket, int files, int toUpload, int extras,
                           Optional<String> problem) {
    }
}

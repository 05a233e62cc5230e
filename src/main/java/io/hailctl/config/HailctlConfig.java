package io.hailctl.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One environment as described by {@code hailctl.yaml}, validated and with every default applied.
 * {@code region} and {@code profile} already carry the winner of flag &gt; environment variable &gt; file;
 * when both are empty the AWS layer falls back to the profile's own settings. {@code clusters} are the
 * configured EMR clusters ({@code clusters:}, or the older one-cluster {@code emr:} block), in file order.
 */
public record HailctlConfig(
        String environment,
        Optional<String> region,
        Optional<String> profile,
        Network network,
        Buckets buckets,
        NotebookDefaults notebooks,
        List<UserSpec> users,
        Optional<EfsSpec> efs,
        AmiSpec ami,
        List<EmrSpec> clusters,
        Map<String, String> tags,
        boolean legacySsmParameters) {

    public HailctlConfig {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(buckets, "buckets");
        Objects.requireNonNull(notebooks, "notebooks");
        users = List.copyOf(users);
        Objects.requireNonNull(efs, "efs");
        Objects.requireNonNull(ami, "ami");
        clusters = List.copyOf(clusters);
        // Keep the file's order: tags are shown back to people in plans and status.
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    public Optional<UserSpec> user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    public Optional<EmrSpec> cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> clusterNames() {
        return clusters.stream().map(EmrSpec::name).toList();
    }

    /**
     * What an ad-hoc cluster ({@code hailctl cluster start}) starts from, and what the environment-wide
     * decisions (the AMI's EMR release, the users' default SSM access) follow: the first configured
     * cluster, or the built-in defaults when {@code clusters: []}.
     */
    public EmrSpec clusterDefaults() {
        return clusters.isEmpty() ? EmrSpec.DEFAULTS : clusters.get(0);
    }

    public List<String> userNames() {
        return users.stream().map(UserSpec::name).toList();
    }

    /** The same configuration with a different region, e.g. {@code --local} forcing {@code us-east-1}. */
    public HailctlConfig withRegion(Optional<String> newRegion) {
        return new HailctlConfig(environment, newRegion, profile, network, buckets, notebooks, users, efs, ami,
                clusters, tags, legacySsmParameters);
    }
}

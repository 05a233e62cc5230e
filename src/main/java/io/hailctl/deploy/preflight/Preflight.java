package io.hailctl.deploy.preflight;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.AmiSource;
import io.hailctl.config.EmrSpec;
import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.ami.PublicAmis;
import io.hailctl.deploy.efs.FileSystemCheck;
import io.hailctl.deploy.efs.FileSystems;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.stack.StackStatus;
import io.hailctl.deploy.stack.Stacks;
import io.hailctl.plan.NetworkFacts;
import io.hailctl.plan.Topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Checks that read AWS before anything is written: the network exists and hangs together, every
 * notebook and cluster already deployed shares the configured subnet, an explicit AMI exists in
 * the region (a `public` one is in the catalogue and fits the EMR release), the instance types are offered in the subnet's zone, and the bucket names are ours
 * to use. Each refusal names the values involved; nothing is written (exit code 3).
 */
public final class Preflight {
    private final Ec2Facts ec2;
    private final BucketProbe buckets;
    private final Stacks stacks;
    private final String region;
    private final Supplier<PublicAmis> publicAmis;
    private final Optional<FileSystems> efs;

    public Preflight(Ec2Facts ec2, BucketProbe buckets, Stacks stacks, String region, Supplier<PublicAmis> publicAmis) {
        this(ec2, buckets, stacks, region, publicAmis, Optional.empty());
    }

    /** With {@code efs}: a configured EFS file system must exist before anything is written. */
    public Preflight(Ec2Facts ec2, BucketProbe buckets, Stacks stacks, String region, Supplier<PublicAmis> publicAmis,
                     Optional<FileSystems> efs) {
        this.ec2 = ec2;
        this.buckets = buckets;
        this.stacks = stacks;
        this.region = region;
        this.publicAmis = publicAmis;
        this.efs = efs;
    }

    /** Network only: what every plan needs (also `status` and `plan`). */
    public NetworkFacts network(HailctlConfig config) {
        if (config.network().usesDefaultVpc() && config.network().usesDefaultSubnet()) {
            // One read instead of two in a row (reads are paced); when it finds nothing, the two below say why.
            Optional<Ec2Facts.Subnet> subnet = ec2.defaultSubnets().stream()
                    .min(Comparator.comparing(Ec2Facts.Subnet::availabilityZone));
            if (subnet.isPresent()) {
                return new NetworkFacts(subnet.get().vpcId(), subnet.get().id(), subnet.get().availabilityZone());
            }
        }
        String vpc = config.network().vpcId();
        if (config.network().usesDefaultVpc()) {
            vpc = ec2.defaultVpc().orElseThrow(() -> refuse(
                    "network.vpcId = default: region " + region(config) + " has no default VPC",
                    "Name the VPC id in hailctl.yaml."));
        }
        Ec2Facts.Subnet subnet;
        if (config.network().usesDefaultSubnet()) {
            String vpcId = vpc;
            subnet = ec2.subnets(vpc).stream().filter(Ec2Facts.Subnet::defaultForAz)
                    .min(Comparator.comparing(Ec2Facts.Subnet::availabilityZone))
                    .orElseThrow(() -> refuse("network.subnetId = default: VPC " + vpcId + " has no default subnet",
                            "Name the subnet id in hailctl.yaml."));
        } else {
            String id = config.network().subnetId();
            subnet = ec2.subnet(id).orElseThrow(() -> refuse(
                    "network.subnetId = " + id + ": no such subnet in " + region(config),
                    "Check the id and the region (subnets are regional)."));
            if (!subnet.vpcId().equals(vpc)) {
                throw refuse("network.subnetId = " + id + " is in " + subnet.vpcId() + ", not in network.vpcId = " + vpc,
                        "Notebooks and clusters must be in a subnet of the configured VPC.");
            }
        }
        return new NetworkFacts(vpc, subnet.id(), subnet.availabilityZone());
    }

    /**
     * Everything, before `deploy`: returns the resolved network. The checks after the network are
     * independent reads, so they run at the same time; when several refuse, the first in this
     * order is reported, so the answer does not depend on timing.
     */
    public NetworkFacts check(HailctlConfig config) {
        ExecutorService pool = Executors.newFixedThreadPool(6, r -> {
            Thread t = new Thread(r, "hailctl-preflight");
            t.setDaemon(true);
            return t;
        });
        try {
            // The environment's stacks, listed once while the network is read: two checks use the listing.
            Future<Set<String>> listed = pool.submit(() -> Set.copyOf(stacks.names(config.environment() + "-")));
            NetworkFacts network = network(config);
            List<Runnable> checks = List.of(
                    () -> sameSubnetEverywhere(config, network, join(listed)),
                    () -> amiExists(config),
                    () -> instanceTypesOffered(config, network),
                    () -> bucketsAvailable(config, join(listed)),
                    () -> fileSystemUsable(config));
            List<Future<?>> running = new ArrayList<>();
            checks.forEach(c -> running.add(pool.submit(c)));
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return network;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HailctlException(ExitCode.INTERRUPTED, "interrupted during pre-flight checks");
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HailctlException(ExitCode.INTERRUPTED, "interrupted during pre-flight checks");
        }
    }

    /**
     * Before add-user: the network, and every notebook and cluster already deployed on the configured
     * subnet. The AMI, EMR instance types and bucket names are not a notebook's concern.
     */
    public NetworkFacts notebooks(HailctlConfig config) {
        NetworkFacts network = network(config);
        sameSubnetEverywhere(config, network, Set.copyOf(stacks.names(config.environment() + "-")));
        fileSystemUsable(config);
        return network;
    }

    private void fileSystemUsable(HailctlConfig config) {
        efs.ifPresent(fileSystems -> config.efs().ifPresent(spec ->
                new FileSystemCheck(fileSystems, region).requireBeforeWrites(spec.fileSystemId())));
    }

    /** {@code listed}: the environment's live stacks ({@code ENV-*}). */
    private void sameSubnetEverywhere(HailctlConfig config, NetworkFacts network, Set<String> listed) {
        String env = config.environment();
        Set<String> names = new TreeSet<>();
        listed.stream().filter(n -> n.startsWith(env + "-jupyter-") || n.startsWith(env + "-emr-")).forEach(names::add);
        for (String name : names) {
            Optional<StackState> st = stacks.describe(name);
            if (st.isEmpty() || st.get().category() == StackStatus.Category.DELETED) {
                continue;
            }
            String used = st.get().parameters().get("SubnetId");
            if (used != null && !used.isEmpty() && !used.equals(network.subnetId())) {
                throw refuse("stack " + name + " uses subnet " + used + " but hailctl.yaml now says "
                                + network.subnetId() + ": every notebook and cluster must share one subnet (Livy routing)",
                        "Set network.subnetId back to " + used + ", or remove the old stack first "
                                + "(hailctl remove-user / hailctl destroy).");
            }
        }
    }

    private void amiExists(HailctlConfig config) {
        if (config.ami().source() instanceof AmiSource.PublicCatalogue) {
            // Refuses (naming what the catalogue has, or why its legacy AMIs cannot run EMR 7) before any write.
            publicAmis.get().resolve(region, config.ami().hailVersion(), config.ami().vepVersion(),
                    config.clusterDefaults().releaseLabel());
        }
        if (config.ami().source() instanceof AmiSource.Explicit explicit) {
            Optional<Ec2Facts.Image> image = ec2.image(explicit.amiId());
            if (image.isEmpty()) {
                throw refuse("ami.source = " + explicit.amiId() + ": no such AMI in " + region(config)
                        + " (AMIs are regional)", "Copy the AMI to this region, or choose another one (hailctl amis).");
            }
            if (!"available".equals(image.get().state())) {
                throw refuse("ami.source = " + explicit.amiId() + " is " + image.get().state() + ", not available", null);
            }
        }
    }

    /** Every cluster's types in one look-up (reads are paced: one call, not one per cluster). */
    private void instanceTypesOffered(HailctlConfig config, NetworkFacts network) {
        if (config.clusters().isEmpty()) {
            return;
        }
        Set<String> types = new LinkedHashSet<>();
        config.clusters().forEach(c -> wanted(c).forEach(w -> types.add(w[1])));
        Set<String> offered = ec2.offeredInstanceTypes(network.availabilityZone(), types);
        for (EmrSpec cluster : config.clusters()) {
            refuseMissing(cluster, network, offered);
        }
    }

    /**
     * The cluster's instance types are offered in the subnet's zone (also `cluster start`, whose cluster is
     * not in the config): the refusal names the cluster and the field.
     */
    public void clusterTypesOffered(EmrSpec cluster, NetworkFacts network) {
        Set<String> types = new LinkedHashSet<>();
        wanted(cluster).forEach(w -> types.add(w[1]));
        refuseMissing(cluster, network, ec2.offeredInstanceTypes(network.availabilityZone(), types));
    }

    /** {field, instance type} pairs the cluster needs. */
    private static List<String[]> wanted(EmrSpec cluster) {
        List<String[]> wanted = new ArrayList<>();
        wanted.add(new String[] {"masterType", cluster.masterType()});
        wanted.add(new String[] {"coreType", cluster.coreType()});
        if (cluster.taskMax() > 0) {
            wanted.add(new String[] {"taskType", cluster.taskType()});
        }
        return wanted;
    }

    private static void refuseMissing(EmrSpec cluster, NetworkFacts network, Set<String> offered) {
        for (String[] w : wanted(cluster)) {
            if (!offered.contains(w[1])) {
                throw refuse("cluster " + cluster.name() + ": " + w[0] + " = " + w[1] + " is not offered in "
                                + network.availabilityZone() + " (the zone of subnet " + network.subnetId() + ")",
                        "Choose another instance type, or a subnet in another zone.");
            }
        }
    }

    private void bucketsAvailable(HailctlConfig config, Set<String> listed) {
        String s3Stack = Topology.s3StackName(config.environment());
        // Not listed: not deployed, so no bucket is its own (a fresh deploy reads nothing here).
        Optional<StackState> s3 = listed.contains(s3Stack) ? stacks.describe(s3Stack) : Optional.empty();
        String[][] named = {
            {"buckets.hail", config.buckets().hail(), "HailBucketName"},
            {"buckets.logs", config.buckets().logs(), "LogBucketName"},
            {"buckets.jupyter", config.buckets().jupyter(), "JupyterBucketName"}};
        for (String[] b : named) {
            boolean ownStack = s3.map(st -> b[1].equals(st.parameters().get(b[2]))).orElse(false);
            if (ownStack) {
                continue;
            }
            switch (buckets.owner(b[1])) {
                case FREE -> {
                }
                case FOREIGN -> throw refuse(b[0] + " = " + b[1] + ": the name belongs to another AWS account "
                        + "(bucket names are global)", "Choose another name.");
                case OTHER_REGION -> throw refuse(b[0] + " = " + b[1] + ": a bucket with this name exists in "
                        + "another region", "Choose another name, or deploy in that bucket's region.");
                case OURS -> throw refuse(b[0] + " = " + b[1] + ": the bucket already exists in this account but "
                        + "not in this environment's stack " + Topology.s3StackName(config.environment()),
                        "Choose another name, or empty and delete the old bucket (kept by an earlier destroy).");
            }
        }
    }

    private String region(HailctlConfig config) {
        return region;
    }

    private static HailctlException refuse(String message, String hint) {
        return new HailctlException(ExitCode.REFUSED, message, hint);
    }
}

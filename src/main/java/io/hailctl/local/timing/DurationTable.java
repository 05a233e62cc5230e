package io.hailctl.local.timing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typical AWS durations per CloudFormation resource type, scaled by a factor (0.01 = a hundred times
 * faster, for tests and quick benchmark runs; 1 = real time). Types not listed take {@link #FALLBACK}.
 *
 * <p>The figures are typical values, not guarantees: AWS publishes few durations, so each entry names
 * its source, and where it is our own estimate from experience it says so. They are meant to give the
 * benchmarks realistic proportions (a notebook takes minutes, a bucket seconds), not exact times.
 */
public final class DurationTable {
    /** Resources that are metadata records at AWS (parameters, policies attached to existing things). */
    static final ResourceDuration FALLBACK = new ResourceDuration(seconds(5), seconds(5), seconds(3),
            "estimate: a control-plane record with no provisioning behind it");

    private final Map<String, ResourceDuration> byType;
    private final double scale;

    private DurationTable(Map<String, ResourceDuration> byType, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be > 0, got " + scale);
        }
        this.byType = Map.copyOf(byType);
        this.scale = scale;
    }

    /** The table for the resource types of hailctl's bundled templates, in real time. */
    public static DurationTable aws() {
        Map<String, ResourceDuration> t = new LinkedHashMap<>();
        t.put("AWS::S3::Bucket", new ResourceDuration(seconds(20), seconds(10), seconds(10),
                "estimate: CloudFormation waits for the new bucket to be reachable; typically 20-25 s in stack events"));
        t.put("AWS::S3::BucketPolicy", new ResourceDuration(seconds(3), seconds(3), seconds(2),
                "estimate: a policy document on an existing bucket"));
        t.put("AWS::IAM::Role", new ResourceDuration(seconds(15), seconds(10), seconds(10),
                "IAM is eventually consistent (IAM User Guide, 'Troubleshoot IAM': changes may take time to "
                        + "propagate); CloudFormation stabilises roles for about 10-20 s"));
        t.put("AWS::IAM::Policy", new ResourceDuration(seconds(15), seconds(15), seconds(5),
                "same IAM propagation wait as roles"));
        t.put("AWS::IAM::InstanceProfile", new ResourceDuration(seconds(120), seconds(10), seconds(60),
                "estimate: CloudFormation waits for instance-profile propagation (historically about 2 min)"));
        t.put("AWS::EC2::SecurityGroup", new ResourceDuration(seconds(5), seconds(5), seconds(5),
                "estimate: EC2 control plane, seconds"));
        t.put("AWS::EC2::SecurityGroupIngress", new ResourceDuration(seconds(3), seconds(3), seconds(3),
                "estimate: one rule on an existing group"));
        t.put("AWS::SSM::Parameter", new ResourceDuration(seconds(3), seconds(3), seconds(2),
                "estimate: a parameter record"));
        t.put("AWS::Logs::LogGroup", new ResourceDuration(seconds(3), seconds(3), seconds(2),
                "estimate: a log-group record"));
        t.put("AWS::CodeBuild::Project", new ResourceDuration(seconds(5), seconds(5), seconds(3),
                "estimate: a project record (the build itself is timed separately)"));
        t.put("AWS::SageMaker::NotebookInstanceLifecycleConfig", new ResourceDuration(seconds(3), seconds(3),
                seconds(2), "estimate: a configuration record"));
        t.put("AWS::SageMaker::NotebookInstance", new ResourceDuration(minutes(5), minutes(6), minutes(3),
                "SageMaker notebook instances take several minutes to reach InService (SageMaker Developer "
                        + "Guide, 'Create a notebook instance': status Pending until InService); about 5 min"));
        t.put("AWS::EMR::SecurityConfiguration", new ResourceDuration(seconds(3), seconds(3), seconds(2),
                "estimate: a configuration record"));
        t.put("AWS::EMR::Cluster", new ResourceDuration(minutes(10), minutes(2), minutes(4),
                "EMR clusters go STARTING -> BOOTSTRAPPING -> WAITING in about 8-12 min with bootstrap actions "
                        + "(EMR Management Guide, 'cluster lifecycle'); 10 min; termination a few minutes"));
        t.put("AWS::EMR::InstanceGroupConfig", new ResourceDuration(minutes(5), minutes(5), minutes(3),
                "estimate: task instances provisioned and bootstrapped, about half a cluster start"));
        t.put("AWS::EFS::FileSystem", new ResourceDuration(seconds(30), seconds(10), seconds(30),
                "EFS file systems go creating -> available in seconds to a minute (EFS User Guide)"));
        t.put("AWS::EFS::MountTarget", new ResourceDuration(seconds(90), seconds(30), seconds(60),
                "EFS mount targets take 1-2 min to become available (EFS User Guide, 'Managing mount targets')"));
        t.put("AWS::EFS::AccessPoint", new ResourceDuration(seconds(5), seconds(5), seconds(5),
                "estimate: an access-point record"));
        return new DurationTable(t, 1.0);
    }

    /** The same table with every duration multiplied by {@code factor}. */
    public DurationTable scaled(double factor) {
        return new DurationTable(byType, scale * factor);
    }

    public double scale() {
        return scale;
    }

    public Duration of(String type, Operation op) {
        Duration real = byType.getOrDefault(type, FALLBACK).of(op);
        return Duration.ofNanos(Math.round(real.toNanos() * scale));
    }

    /** The unscaled entry with its source, or the fallback. */
    public ResourceDuration entry(String type) {
        return byType.getOrDefault(type, FALLBACK);
    }

    public Map<String, ResourceDuration> entries() {
        return byType;
    }

    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    private static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }
}

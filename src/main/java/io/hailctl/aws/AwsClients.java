package io.hailctl.aws;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.ReadPace;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.TrimmedEc2Client;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.TrimmedSageMakerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one factory for AWS SDK clients. Region, credentials and profile are resolved as the AWS CLI
 * does (but never through the instance metadata service off EC2, which would hang for seconds), the
 * endpoint override applies to every service (S3 path-style under it), and retries and timeouts are
 * set explicitly rather than left to SDK defaults. Clients are built on first use and shared.
 */
public final class AwsClients implements AutoCloseable {
    /** Enough for CloudFormation throttling bursts when several stacks are watched at once. */
    private static final int MAX_ATTEMPTS = 6;
    /** How long a socket read may wait for the next bytes of an answer before the attempt is retried. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Overrides {@link #READ_TIMEOUT} (seconds, e.g. {@code 2} or {@code 0.5}): the fault tests make
     * answers slower than a short read timeout, which keeps them fast; on a slow link it can be raised.
     */
    public static final String READ_TIMEOUT_VARIABLE = "HAILCTL_AWS_READ_TIMEOUT";

    private final AwsTarget target;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final List<ExecutionInterceptor> interceptors;
    private final Map<Class<?>, AutoCloseable> clients = new ConcurrentHashMap<>();
    private volatile WriteGate gate = WriteGate.OPEN;
    /** Empty: reads are not paced (the emulator's own clients, training). */
    private volatile Optional<ReadPace> reads = Optional.empty();

    private AwsClients(AwsTarget target, Region region, AwsCredentialsProvider credentials,
                       List<ExecutionInterceptor> interceptors, Duration readTimeout) {
        this.target = target;
        this.region = region;
        this.credentials = credentials;
        List<ExecutionInterceptor> all = new ArrayList<>();
        all.add(new GatingInterceptor(() -> gate));
        all.add(new ReadPacingInterceptor(() -> reads));
        all.addAll(interceptors);
        all.add(new EndpointInFailures());
        this.interceptors = List.copyOf(all);
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(readTimeout)
                .build();
    }

    /**
     * Resolves region and credentials now, so a missing region, an unknown profile or absent
     * credentials fail at once with one clear line instead of at the first AWS call.
     */
    public static AwsClients open(AwsTarget target, Map<String, String> env) {
        return open(target, env, List.of());
    }

    /** As {@link #open(AwsTarget, Map)}, with interceptors added to every client (test wiring). */
    public static AwsClients open(AwsTarget target, Map<String, String> env, List<ExecutionInterceptor> interceptors) {
        return open(target, env, interceptors, CallObserver.NONE);
    }

    /** As {@link #open(AwsTarget, Map)}, reporting every call to {@code observer}. */
    public static AwsClients open(AwsTarget target, Map<String, String> env, CallObserver observer) {
        return open(target, env, List.of(), observer);
    }

    static AwsClients open(AwsTarget target, Map<String, String> env, List<ExecutionInterceptor> extra,
                           CallObserver observer) {
        List<ExecutionInterceptor> interceptors = new ArrayList<>(extra);
        if (observer != CallObserver.NONE) {
            interceptors.add(new ObservingInterceptor(observer));
        }
        Duration readTimeout = readTimeout(env);
        if (target.emulator()) {
            return new AwsClients(target, Region.of(target.region().orElse(AwsTarget.EMULATOR_REGION)),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), interceptors, readTimeout);
        }
        Optional<String> profile = target.profile();
        ProfileFile profiles = profile.isPresent() || target.region().isEmpty() ? loadProfiles() : null;
        profile.ifPresent(name -> {
            if (profiles.profile(name).isEmpty()) {
                throw new HailctlException(ExitCode.AWS_ACCESS,
                        "AWS profile '" + name + "' is not defined in ~/.aws/config or ~/.aws/credentials",
                        "List your profiles with `aws configure list-profiles`, or pass another --profile.");
            }
        });
        Region region = Region.of(target.region().or(() -> profileRegion(profiles, profile, env))
                .orElseThrow(() -> new HailctlException(ExitCode.AWS_ACCESS,
                        "No AWS region: none in --region, AWS_REGION, hailctl.yaml or the AWS profile",
                        "Set `region:` in hailctl.yaml, or pass --region (e.g. --region us-east-1).")));
        AwsCredentialsProvider credentials = profile
                .<AwsCredentialsProvider>map(name -> ProfileCredentialsProvider.builder().profileName(name).build())
                .orElseGet(() -> defaultChain(env));
        try {
            credentials.resolveCredentials();
        } catch (SdkException e) {
            String why = firstLine(e.getMessage());
            throw new HailctlException(ExitCode.AWS_ACCESS,
                    "No usable AWS credentials" + profile.map(p -> " for profile '" + p + "'").orElse("") + ": " + why,
                    "Configure credentials (`aws configure`, `aws sso login`, AWS_PROFILE) or use --local.", e);
        }
        return new AwsClients(target, region, credentials, interceptors, readTimeout);
    }

    private static Duration readTimeout(Map<String, String> env) {
        String value = env.get(READ_TIMEOUT_VARIABLE);
        if (value == null || value.isBlank()) {
            return READ_TIMEOUT;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            if (seconds >= 0.1 && seconds <= 600) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new HailctlException(ExitCode.USAGE, READ_TIMEOUT_VARIABLE + " = \"" + value
                + "\": expected seconds between 0.1 and 600");
    }

    private static ProfileFile loadProfiles() {
        try {
            return ProfileFile.defaultProfileFile();
        } catch (RuntimeException e) {
            throw new HailctlException(ExitCode.AWS_ACCESS,
                    "Cannot read the AWS config files: " + firstLine(e.getMessage()), null, e);
        }
    }

    private static Optional<String> profileRegion(ProfileFile profiles, Optional<String> profile, Map<String, String> env) {
        if (profiles == null) {
            return Optional.empty();
        }
        String name = profile.orElseGet(() -> env.getOrDefault("AWS_PROFILE", "default"));
        return profiles.profile(name).flatMap(p -> p.property(ProfileProperty.REGION));
    }

    /** The SDK's default chain, minus the instance metadata probe when we are clearly not on EC2. */
    private static AwsCredentialsProvider defaultChain(Map<String, String> env) {
        List<AwsCredentialsProvider> chain = new ArrayList<>(List.of(
                SystemPropertyCredentialsProvider.create(),
                environmentCredentials(env),
                WebIdentityTokenFileCredentialsProvider.create(),
                ProfileCredentialsProvider.create(),
                ContainerCredentialsProvider.builder().build()));
        if (Ec2Host.of(env).metadataServiceLikely()) {
            chain.add(InstanceProfileCredentialsProvider.create());
        }
        return AwsCredentialsProviderChain.builder().credentialsProviders(chain).reuseLastProviderEnabled(true).build();
    }

    /**
     * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN from the environment hailctl was
     * given (the process environment in production, a test's own in in-process CLI runs), as the
     * SDK's EnvironmentVariableCredentialsProvider would read them from the process.
     */
    private static AwsCredentialsProvider environmentCredentials(Map<String, String> env) {
        return () -> {
            String id = env.get("AWS_ACCESS_KEY_ID");
            String secret = env.get("AWS_SECRET_ACCESS_KEY");
            String token = env.get("AWS_SESSION_TOKEN");
            if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
                throw SdkClientException.create("Unable to load credentials from the environment "
                        + "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
            }
            return token == null || token.isBlank() ? AwsBasicCredentials.create(id.trim(), secret.trim())
                    : AwsSessionCredentials.create(id.trim(), secret.trim(), token.trim());
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown reason";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public AwsTarget target() {
        return target;
    }

    public String region() {
        return region.id();
    }

    public CloudFormationClient cloudFormation() {
        return client(CloudFormationClient.class, () -> configure(CloudFormationClient.builder()));
    }

    public S3Client s3() {
        return client(S3Client.class, () -> configure(S3Client.builder()
                .forcePathStyle(target.endpoint().isPresent())));
    }

    /**
     * EC2 with only the operations hailctl calls ({@link TrimmedEc2Client}: the SDK's own execution
     * pipeline, configuration and marshallers, without the ~750-operation {@code DefaultEc2Client} whose
     * loading costs about 20 MiB of resident memory). Another operation fails with
     * UnsupportedOperationException until it is added there.
     */
    public Ec2Client ec2() {
        return client(TrimmedEc2Client.class, Ec2Client.class, () -> configure(TrimmedEc2Client.builder()));
    }

    /**
     * The SDK's complete EC2 client, for tests that set up what hailctl itself only reads (VPCs,
     * security groups). hailctl's own code uses {@link #ec2()}.
     */
    public Ec2Client ec2AllOperations() {
        return client(Ec2Client.class, () -> configure(Ec2Client.builder()));
    }

    public EmrClient emr() {
        return client(EmrClient.class, () -> configure(EmrClient.builder()));
    }

    /** EventBridge Scheduler (the emulator's stand-in makes the hard stop's schedule in moto with it). */
    public SchedulerClient scheduler() {
        return client(SchedulerClient.class, () -> configure(SchedulerClient.builder()));
    }

    public EfsClient efs() {
        return client(EfsClient.class, () -> configure(EfsClient.builder()));
    }

    public CodeBuildClient codeBuild() {
        return client(CodeBuildClient.class, () -> configure(CodeBuildClient.builder()));
    }

    /** SageMaker with only the operations hailctl calls ({@link TrimmedSageMakerClient}; see {@link #ec2()}). */
    public SageMakerClient sageMaker() {
        return client(TrimmedSageMakerClient.class, SageMakerClient.class, () -> configure(TrimmedSageMakerClient.builder()));
    }

    /** The SDK's complete SageMaker client, for tests that look at more than hailctl does. */
    public SageMakerClient sageMakerAllOperations() {
        return client(SageMakerClient.class, () -> configure(SageMakerClient.builder()));
    }

    public SsmClient ssm() {
        return client(SsmClient.class, () -> configure(SsmClient.builder()));
    }

    public StsClient sts() {
        return client(StsClient.class, () -> configure(StsClient.builder()));
    }

    public CloudWatchLogsClient logs() {
        return client(CloudWatchLogsClient.class, () -> configure(CloudWatchLogsClient.builder()));
    }

    private <C extends AutoCloseable> C client(Class<C> type, Supplier<C> build) {
        return client(type, type, build);
    }

    private <C extends AutoCloseable> C client(Class<?> key, Class<C> type, Supplier<C> build) {
        return type.cast(clients.computeIfAbsent(key, k -> build.get()));
    }

    /** From now on every write call of every client first passes {@code gate} (the environment lock). */
    public void gateWrites(WriteGate gate) {
        this.gate = gate;
    }

    /**
     * From now on every control-plane read of every client (and every retry of one) first takes a slot of
     * {@code pace} (hailctl's rule: at most 4 in any second; {@link ReadPacingInterceptor#isControlPlaneRead}).
     */
    public void paceReads(ReadPace pace) {
        this.reads = Optional.of(pace);
    }

    /** The one place every client builder is configured (region, credentials, endpoint, retries, HTTP). */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS)
                        .retryOnException(AwsClients::brokenOffAnswer).build())
                .apiCallAttemptTimeout(Duration.ofSeconds(60))
                .apiCallTimeout(Duration.ofMinutes(5));
        interceptors.forEach(overrides::addExecutionInterceptor);
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(overrides.build());
        target.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * An answer whose connection closed before its announced length: the url-connection client hands
     * the SDK the bytes it got without an error, so the SDK fails to parse them and (by default) does
     * not retry. It is a dropped connection like any other, and is retried like one. (Found by the
     * fault runs: a connection closed mid-answer failed `deploy all` at once.)
     */
    static boolean brokenOffAnswer(Throwable t) {
        if (t instanceof SdkClientException && t.getMessage() != null
                && (t.getMessage().startsWith("Unable to unmarshall response")
                || t.getMessage().startsWith("Could not parse XML response"))) {
            return true;
        }
        // An error answer cut off the same way: no error code could be read, and fewer bytes came
        // than the answer announced (the fault runs: a 400 "stack does not exist" became an
        // unknown 400 and failed the deploy).
        if (t instanceof software.amazon.awssdk.awscore.exception.AwsServiceException e && e.awsErrorDetails() != null
                && (e.awsErrorDetails().errorCode() == null || e.awsErrorDetails().errorCode().isBlank())
                && e.awsErrorDetails().sdkHttpResponse() != null) {
            Optional<String> announced = e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Content-Length");
            int received = e.awsErrorDetails().rawResponse() == null ? 0 : e.awsErrorDetails().rawResponse().asByteArray().length;
            try {
                return announced.isPresent() && Long.parseLong(announced.get().trim()) > received;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (AutoCloseable c : clients.values()) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Closing is best effort: the process is ending anyway.
            }
        }
        http.close();
    }
}

package io.hailctl.security;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.local.MotoServer;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoIam;
import io.hailctl.testing.TestTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Per-user isolation with the emulator's IAM enforcement on (issue #11, "Security"). A moto server
 * of its own, started with {@code INITIAL_NO_AUTH_ACTION_COUNT=3}: exactly the three set-up calls
 * that make an administrator (CreateUser, PutUserPolicy with {@code *:*}, CreateAccessKey) pass
 * unchecked; every later request is authenticated (SigV4 recomputed with the caller's secret) and
 * authorised against the caller's IAM policies (moto/core/authorization.py
 * {@code _authenticate_and_authorize_action}; the count is one per request, per server process —
 * hence a process of its own, which leaves the shared test server alone). hailctl then deploys a
 * two-user environment with the administrator's key through its normal path, and each user's
 * notebook role — the NotebookRoleArn output of the user's stack — is checked with the S3 API
 * (alice's in full, bob's from his side).
 *
 * <p>What moto 5.2.5 cannot do, and how the test deals with it (docs/reliability.md "Security"):
 * <ul>
 *   <li>A role whose inline {@code Policies} CloudFormation created keeps them as a Python dict
 *       (moto/iam/models.py:793-794, {@code Role.create_from_cloudformation_json}); enforcement then
 *       reads {@code policy["policy_document"]} from it (moto/iam/access_control.py:430) and every
 *       request of that role is answered with HTTP 500. Pinned below; worked around by
 *       {@link MotoIam#storeInlinePoliciesAsJson} (the same documents, re-put through IAM's API by
 *       the administrator).</li>
 *   <li>The notebook role trusts the service {@code sagemaker.amazonaws.com}; moto's trust check
 *       reads only {@code Principal.AWS} ({@code _check_principal}, access_control.py:540-545) and
 *       fails on a service principal with {@code principal in None} (line 544, HTTP 500). Pinned
 *       below. SageMaker is what assumes the role in AWS; here each role is assumed with enforcement
 *       off for that one call ({@code /moto-api/reset-auth}), then it is back on, and shown on again
 *       at the end.</li>
 *   <li>Conditions in identity policies are not evaluated: moto passes no request context to them
 *       (access_control.py:273), a condition with no value to compare passes
 *       (iam/policy_conditions.py:42-46), and only {@code StringEquals} is known at all (:14; any
 *       other operator, e.g. the policy's {@code StringLike}, is ignored, :38-40). So the
 *       {@code s3:prefix} condition that limits a user's ListBucket to their own and the shared
 *       prefixes is invisible here: listing bob's prefix is pinned as allowed by moto, and
 *       {@code NotebookPolicyTest.aliceListsHerPrefixAndTheSharedOnesNeverBobsNorTheWholeBucket}
 *       proves the policy refuses it.</li>
 * </ul>
 */
class NotebookIsolationIT {
    private static final String JUPYTER = "iso-jupyter-bucket";
    private static final String HAIL = "iso-hail-bucket";
    private static final String CONFIG = """
            environment: iso
            network:
              vpcId: default
              subnetId: default
            buckets:
              hail: %s
              logs: iso-log-bucket
              jupyter: %s
            users:
              - name: alice
              - name: bob
            emr:
              coreType: m5.xlarge
              coreCount: 1
            """.formatted(HAIL, JUPYTER);

    private static MotoServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEnforcingEmulator() throws Exception {
        Path log = Files.createTempFile("hailctl-moto-iam", ".log");
        server = MotoServer.start(TestTools.venvBin("moto_server"), log,
                Map.of("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(MotoIam.ADMIN_SET_UP_CALLS)),
                Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopIt() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void eachNotebookRoleReachesItsOwnPrefixAndReadsTheHailBucketButNotTheOtherUsersPrefix() throws Exception {
        URI endpoint = server.endpoint();
        MotoIam.Key admin = MotoIam.createAdministrator(endpoint, "hailctl-admin");

        // Enforcement is on: an unknown key and a wrong secret are refused, the administrator is not.
        try (AwsClients unknown = clients(endpoint, "AKIAUNKNOWNKEY000000", "whatever", null);
             AwsClients forged = clients(endpoint, admin.id(), "not-the-secret", null);
             AwsClients root = clients(endpoint, admin.id(), admin.secret(), null)) {
            assertEquals("InvalidAccessKeyId", code("an unknown access key", () -> unknown.s3().listBuckets()));
            assertEquals("SignatureDoesNotMatch", code("a wrong secret", () -> forged.s3().listBuckets()));
            assertEquals(List.of(), root.s3().listBuckets().buckets());
        }

        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG);
        CliRun.Result deploy = new CliRun().against(endpoint)
                .env("AWS_ACCESS_KEY_ID", admin.id()).env("AWS_SECRET_ACCESS_KEY", admin.secret())
                .workingDir(dir).home(dir).run("deploy", "all", "--yes");
        assertEquals(0, deploy.exitCode(), deploy.toString());

        String aliceRole;
        String bobRole;
        try (AwsClients root = clients(endpoint, admin.id(), admin.secret(), null)) {
            aliceRole = output(root, "iso-jupyter-alice", "NotebookRoleArn");
            bobRole = output(root, "iso-jupyter-bob", "NotebookRoleArn");
            assertNotEquals(aliceRole, bobRole, "one role per user");
            put(root.s3(), JUPYTER, "alice/analysis.ipynb", "{\"alice\":1}");
            put(root.s3(), JUPYTER, "bob/private.ipynb", "{\"bob\":1}");
            put(root.s3(), HAIL, "jars/hail-all-spark.jar", "jar");
        }

        try (AwsClients root = clients(endpoint, admin.id(), admin.secret(), null)) {
            // moto's trust check, pinned: it cannot evaluate the service principal (see below).
            StsException e = assertThrows(StsException.class,
                    () -> root.sts().assumeRole(r -> r.roleArn(aliceRole).roleSessionName("notebook")));
            assertEquals(500, e.statusCode(), "moto 5.2.5 fails on a Service principal (access_control.py:544): " + e);
        }
        Credentials alice = assumeAsSageMakerWould(endpoint, admin, aliceRole);
        Credentials bob = assumeAsSageMakerWould(endpoint, admin, bobRole);
        try (AwsClients nb = session(endpoint, alice)) {
            // moto's defect, pinned: when this stops failing, drop the workaround below.
            assertEquals(500, status("a request of a CloudFormation-made role (moto 5.2.5 fails on it, access_control.py:430)",
                    () -> nb.s3().getObject(r -> r.bucket(JUPYTER).key("alice/analysis.ipynb"))));
        }
        try (IamClient iam = MotoIam.client(endpoint, admin)) {
            MotoIam.storeInlinePoliciesAsJson(iam, roleName(aliceRole));
            MotoIam.storeInlinePoliciesAsJson(iam, roleName(bobRole));
        }

        try (AwsClients nb = session(endpoint, alice);
             AwsClients root = clients(endpoint, admin.id(), admin.secret(), null)) {
            S3Client s3 = nb.s3();
            // Her own prefix: read, write, read back, list.
            assertEquals("{\"alice\":1}", read(s3, JUPYTER, "alice/analysis.ipynb"));
            put(s3, JUPYTER, "alice/new.ipynb", "{\"new\":1}");
            assertEquals("{\"new\":1}", read(s3, JUPYTER, "alice/new.ipynb"));
            assertEquals(List.of("alice/analysis.ipynb", "alice/new.ipynb"), keys(s3, JUPYTER, "alice/"));

            // Bob's prefix: no read, no write, no delete; nor a prefix that only starts like hers.
            assertEquals("AccessDenied", code("alice reads bob's notebook", () -> s3.getObject(r -> r.bucket(JUPYTER).key("bob/private.ipynb"))));
            assertEquals("AccessDenied", code("alice writes into bob's prefix", () -> put(s3, JUPYTER, "bob/planted.ipynb", "x")));
            assertEquals("AccessDenied", code("alice deletes bob's notebook", () -> s3.deleteObject(r -> r.bucket(JUPYTER).key("bob/private.ipynb"))));
            assertEquals("AccessDenied", code("alice writes under alice2/", () -> put(s3, JUPYTER, "alice2/x.ipynb", "x")));
            assertEquals(List.of("bob/private.ipynb"), keys(root.s3(), JUPYTER, "bob/"), "bob's prefix unchanged");

            // The hail bucket: read, not write.
            assertEquals("jar", read(s3, HAIL, "jars/hail-all-spark.jar"));
            assertEquals("AccessDenied", code("alice overwrites the Hail jar", () -> put(s3, HAIL, "jars/hail-all-spark.jar", "trojan")));
            assertEquals("AccessDenied", code("alice writes to the Hail bucket", () -> put(s3, HAIL, "new.txt", "x")));
            assertEquals("jar", read(root.s3(), HAIL, "jars/hail-all-spark.jar"));

            // Listing bob's prefix: the policy's s3:prefix condition refuses it (NotebookPolicyTest.
            // aliceListsHerPrefixAndTheSharedOnesNeverBobsNorTheWholeBucket), but moto evaluates no
            // condition of an identity policy (access_control.py:273 passes no request context;
            // policy_conditions.py:42-46 passes a condition with nothing to compare, :38-40 ignores
            // StringLike), so here the listing goes through. Pinned, so a moto that starts evaluating
            // conditions turns this into the refusal it should be.
            assertEquals(List.of("bob/private.ipynb"), keys(s3, JUPYTER, "bob/"),
                    "moto 5.2.5 ignores the s3:prefix condition on ListBucket");
        }

        // The same from bob's side: his notebook reads his prefix, not alice's.
        try (AwsClients nb = session(endpoint, bob)) {
            assertEquals("{\"bob\":1}", read(nb.s3(), JUPYTER, "bob/private.ipynb"));
            assertEquals("AccessDenied", code("bob reads alice's notebook", () -> nb.s3().getObject(r -> r.bucket(JUPYTER).key("alice/analysis.ipynb"))));
            assertEquals("AccessDenied", code("bob writes into alice's prefix", () -> put(nb.s3(), JUPYTER, "alice/planted.ipynb", "x")));
        }

        // Still enforcing after the AssumeRole windows: a request outside the role is refused.
        try (AwsClients nb = session(endpoint, alice)) {
            assertEquals("AccessDenied", code("alice creates a bucket", () -> nb.s3().createBucket(r -> r.bucket("alice-own-bucket"))));
        }
    }

    /**
     * In AWS, SageMaker assumes the notebook role (its trust policy names the service). moto cannot
     * check a service principal (access_control.py:544 fails with HTTP 500), so the role is assumed
     * with enforcement off for this one call; enforcement is back on for every request after it.
     */
    private static Credentials assumeAsSageMakerWould(URI endpoint, MotoIam.Key admin, String roleArn) throws Exception {
        MotoIam.enforcement(endpoint, false);
        try (AwsClients root = clients(endpoint, admin.id(), admin.secret(), null)) {
            return root.sts().assumeRole(r -> r.roleArn(roleArn).roleSessionName("notebook")).credentials();
        } finally {
            MotoIam.enforcement(endpoint, true);
        }
    }

    private static AwsClients clients(URI endpoint, String keyId, String secret, String sessionToken) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("AWS_ACCESS_KEY_ID", keyId,
                "AWS_SECRET_ACCESS_KEY", secret, "AWS_REGION", Moto.REGION, "AWS_EC2_METADATA_DISABLED", "true"));
        if (sessionToken != null) {
            env.put("AWS_SESSION_TOKEN", sessionToken);
        }
        return AwsClients.open(new AwsTarget(Optional.of(Moto.REGION), Optional.empty(), Optional.of(endpoint), false), env);
    }

    private static AwsClients session(URI endpoint, Credentials c) {
        return clients(endpoint, c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    private static String read(S3Client s3, String bucket, String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
    }

    private static String output(AwsClients aws, String stack, String key) {
        return aws.cloudFormation().describeStacks(r -> r.stackName(stack)).stacks().get(0).outputs().stream()
                .filter(o -> o.outputKey().equals(key)).map(Output::outputValue).findFirst().orElseThrow();
    }

    private static String roleName(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static void put(S3Client s3, String bucket, String key, String body) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    private static List<String> keys(S3Client s3, String bucket, String prefix) {
        return s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    /** The HTTP status of the S3 error the call must end in; {@code what} names the call if it succeeds. */
    private static int status(String what, Runnable call) {
        return assertThrows(S3Exception.class, call::run, "allowed: " + what).statusCode();
    }

    /** The error code of the 403 the call must end in; {@code what} names the call if it succeeds. */
    private static String code(String what, Runnable call) {
        S3Exception e = assertThrows(S3Exception.class, call::run, "allowed: " + what);
        assertEquals(403, e.statusCode(), what + ": " + e);
        return e.awsErrorDetails().errorCode();
    }
}

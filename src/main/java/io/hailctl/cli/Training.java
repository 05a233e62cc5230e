package io.hailctl.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The code paths the class-data-sharing archive should hold: building clients, parsing config, and
 * the read paths of real commands ({@code plan}, {@code status}, with {@code -v} and JSON output),
 * run in-process against a canned stand-in for AWS on 127.0.0.1 (an ephemeral port, nothing leaves
 * the machine). The SDK's marshallers, unmarshallers and model classes, the XML/JSON parsers, the
 * HTTP client and hailctl's own engine are then loaded from the archive instead of the jar, which
 * is what makes AWS-calling commands start fast. Best effort: whatever a stand-in answer does not
 * satisfy simply ends that command early; training never fails and never waits long.
 */
final class Training {
    private static final long COMMAND_TIMEOUT_MS = 20_000;

    private Training() {
    }

    static void exercise(Host host, PrintWriter sink) {
        sink.print(PrerenderedHelp.forThisProcess(null).orElse("")); // the `--help` fast path's classes
        try (AwsClients aws = AwsClients.open(AwsTarget.emulator(URI.create("http://127.0.0.1:9")), host.env())) {
            aws.cloudFormation();
            aws.s3();
            aws.ec2();
            aws.emr();
            aws.sts();
        }
        try {
            commands(sink);
        } catch (IOException | RuntimeException e) {
            // best effort: the archive then holds less
        }
        sink.flush();
    }

    private static void commands(PrintWriter sink) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "train-stub");
            t.setDaemon(true);
            return t;
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", Training::answer);
        server.setExecutor(pool);
        server.start();
        Path dir = Files.createTempDirectory("hailctl-train");
        try {
            Path config = dir.resolve("hailctl.yaml");
            Files.writeString(config, CONFIG);
            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                    "AWS_REGION", "us-east-1", "AWS_EC2_METADATA_DISABLED", "true", "NO_COLOR", "1");
            Host host = new Host(sink, sink, new BufferedReader(new StringReader("")), env, dir, dir, false);
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            List<List<String>> runs = List.of(List.of("-v", "plan"), List.of("status"), List.of("-o", "json", "status"),
                    List.of("-o", "json", "plan"));
            for (List<String> args : runs) {
                String[] argv = new String[args.size() + 4];
                argv[0] = "--endpoint-url";
                argv[1] = endpoint;
                argv[2] = "--config";
                argv[3] = config.toString();
                for (int i = 0; i < args.size(); i++) {
                    argv[4 + i] = args.get(i);
                }
                Thread t = new Thread(() -> {
                    try {
                        Cli.create(host).execute(argv);
                    } catch (RuntimeException e) {
                        // best effort
                    }
                }, "train");
                t.setDaemon(true);
                t.start();
                try {
                    t.join(COMMAND_TIMEOUT_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            server.stop(0);
            pool.shutdownNow();
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    // ------------------------------------------------------------------------------ the stand-in

    private static final String CONFIG = """
            environment: demo
            region: us-east-1
            network:
              vpcId: default
              subnetId: default
            buckets:
              hail: hailctl-train-hail
              logs: hailctl-train-logs
              jupyter: hailctl-train-jupyter
            users:
              - name: alice
            emr:
              name: hail
            tags:
              purpose: training
            """;

    private static final String CFN = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static final String EC2 = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final List<String> STACKS = List.of("demo-s3", "demo-network", "demo-jupyter-alice", "demo-emr-hail");
    private static final List<String> OUTPUTS = List.of("HailBucket", "HailBucketArn", "LogBucket", "LogBucketArn",
            "JupyterBucket", "JupyterBucketArn", "NotebookSecurityGroupId", "EmrMasterSecurityGroupId",
            "EmrWorkerSecurityGroupId", "NotebookInstanceName", "NotebookRoleArn", "LifecycleConfigName", "NotebookUrl",
            "ClusterId", "ClusterName", "LivyPort", "PlotsLocation", "InstanceProfileName", "ServiceRoleName");

    private static void answer(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] in;
            try (InputStream is = ex.getRequestBody()) {
                in = is.readAllBytes();
            }
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            String body = new String(in, StandardCharsets.UTF_8);
            if (target != null) {
                String op = target.substring(target.lastIndexOf('.') + 1);
                String json = json(op);
                send(ex, json == null ? 400 : 200, "application/x-amz-json-1.1",
                        json == null ? "{\"__type\":\"ValidationException\",\"message\":\"training\"}" : json);
            } else if (body.contains("Action=")) {
                Map<String, String> form = form(body);
                String op = form.getOrDefault("Action", "");
                String xml = query(op, form);
                send(ex, xml == null ? 400 : 200, "text/xml", xml == null
                        ? "<ErrorResponse xmlns=\"" + CFN + "\"><Error><Type>Sender</Type><Code>ValidationError</Code>"
                        + "<Message>training</Message></Error><RequestId>t</RequestId></ErrorResponse>" : xml);
            } else {
                s3(ex);
            }
        }
    }

    private static String query(String op, Map<String, String> form) {
        return switch (op) {
            case "DescribeStacks" -> {
                String name = form.get("StackName");
                StringBuilder members = new StringBuilder();
                for (String s : name == null ? STACKS : List.of(name)) {
                    members.append(stack(s));
                }
                yield cfn(op, "<Stacks>" + members + "</Stacks>");
            }
            case "ListStacks" -> {
                StringBuilder members = new StringBuilder();
                for (String s : STACKS) {
                    members.append("<member><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/").append(s)
                            .append("/1</StackId><StackName>").append(s)
                            .append("</StackName><CreationTime>2025-01-01T00:00:00Z</CreationTime>")
                            .append("<StackStatus>CREATE_COMPLETE</StackStatus></member>");
                }
                yield cfn(op, "<StackSummaries>" + members + "</StackSummaries>");
            }
            case "DescribeStackEvents" -> cfn(op, "<StackEvents><member><EventId>e1</EventId><StackName>demo-s3"
                    + "</StackName><LogicalResourceId>demo-s3</LogicalResourceId><ResourceType>"
                    + "AWS::CloudFormation::Stack</ResourceType><Timestamp>2025-01-01T00:00:00Z</Timestamp>"
                    + "<ResourceStatus>CREATE_COMPLETE</ResourceStatus></member></StackEvents>");
            case "CreateChangeSet" -> cfn(op, "<Id>arn:aws:cloudformation:us-east-1:123456789012:changeSet/c/1</Id>"
                    + "<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/demo-s3/1</StackId>");
            case "DescribeChangeSet" -> cfn(op, "<ChangeSetName>c</ChangeSetName><StackName>demo-s3</StackName>"
                    + "<Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus><Changes><member>"
                    + "<Type>Resource</Type><ResourceChange><Action>Modify</Action><LogicalResourceId>Bucket"
                    + "</LogicalResourceId><ResourceType>AWS::S3::Bucket</ResourceType><Replacement>False</Replacement>"
                    + "</ResourceChange></member></Changes>");
            case "DeleteChangeSet" -> cfn(op, "");
            case "DescribeVpcs" -> ec2(op, "<vpcSet><item><vpcId>vpc-0train</vpcId><state>available</state>"
                    + "<cidrBlock>172.31.0.0/16</cidrBlock><isDefault>true</isDefault></item></vpcSet>");
            case "DescribeSubnets" -> ec2(op, "<subnetSet><item><subnetId>subnet-0train</subnetId><vpcId>vpc-0train"
                    + "</vpcId><state>available</state><availabilityZone>us-east-1a</availabilityZone>"
                    + "<cidrBlock>172.31.0.0/20</cidrBlock><defaultForAz>true</defaultForAz>"
                    + "<tagSet><item><key>Name</key><value>training</value></item></tagSet></item></subnetSet>");
            case "DescribeInstanceTypeOfferings" -> ec2(op, "<instanceTypeOfferingSet><item><instanceType>m5.xlarge"
                    + "</instanceType><locationType>availability-zone</locationType><location>us-east-1a</location>"
                    + "</item><item><instanceType>r5.xlarge</instanceType><locationType>availability-zone"
                    + "</locationType><location>us-east-1a</location></item></instanceTypeOfferingSet>");
            case "DescribeImages" -> ec2(op, "<imagesSet/>");
            case "GetCallerIdentity" -> "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/t</Arn><UserId>t</UserId>"
                    + "<Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>";
            default -> null;
        };
    }

    private static String stack(String name) {
        StringBuilder outputs = new StringBuilder();
        for (String o : OUTPUTS) {
            outputs.append("<member><OutputKey>").append(o).append("</OutputKey><OutputValue>train-")
                    .append(o.toLowerCase()).append("</OutputValue></member>");
        }
        return "<member><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/" + name + "/1</StackId>"
                + "<StackName>" + name + "</StackName><CreationTime>2025-01-01T00:00:00Z</CreationTime>"
                + "<LastUpdatedTime>2025-01-02T00:00:00Z</LastUpdatedTime><StackStatus>CREATE_COMPLETE</StackStatus>"
                + "<Parameters><member><ParameterKey>EnvironmentName</ParameterKey><ParameterValue>demo</ParameterValue>"
                + "</member><member><ParameterKey>SubnetId</ParameterKey><ParameterValue>subnet-0train</ParameterValue>"
                + "</member><member><ParameterKey>VpcId</ParameterKey><ParameterValue>vpc-0train</ParameterValue>"
                + "</member></Parameters><Outputs>" + outputs + "</Outputs><Tags><member><Key>hailctl:environment</Key>"
                + "<Value>demo</Value></member><member><Key>hailctl:fingerprint</Key><Value>train</Value></member>"
                + "</Tags><Capabilities><member>CAPABILITY_NAMED_IAM</member></Capabilities></member>";
    }

    private static String cfn(String op, String result) {
        return "<" + op + "Response xmlns=\"" + CFN + "\"><" + op + "Result>" + result + "</" + op + "Result>"
                + "<ResponseMetadata><RequestId>t</RequestId></ResponseMetadata></" + op + "Response>";
    }

    private static String ec2(String op, String content) {
        return "<" + op + "Response xmlns=\"" + EC2 + "\"><requestId>t</requestId>" + content + "</" + op + "Response>";
    }

    private static String json(String op) {
        return switch (op) {
            case "DescribeCluster" -> "{\"Cluster\":{\"Id\":\"j-TRAIN\",\"Name\":\"demo-hail\",\"Status\":{\"State\":"
                    + "\"WAITING\",\"Timeline\":{\"CreationDateTime\":1735689600}},\"ReleaseLabel\":\"emr-7.12.0\","
                    + "\"MasterPublicDnsName\":\"ip-10-0-0-1.ec2.internal\",\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}}";
            case "ListInstanceGroups" -> "{\"InstanceGroups\":[{\"Id\":\"ig-1\",\"InstanceGroupType\":\"MASTER\","
                    + "\"InstanceType\":\"m5.xlarge\",\"Market\":\"ON_DEMAND\",\"RequestedInstanceCount\":1,\"RunningInstanceCount\":1,"
                    + "\"Status\":{\"State\":\"RUNNING\"}}]}";
            case "ListInstances" -> "{\"Instances\":[{\"Id\":\"ci-1\",\"Ec2InstanceId\":\"i-1\",\"InstanceGroupId\":"
                    + "\"ig-1\",\"PrivateIpAddress\":\"10.0.0.1\",\"Status\":{\"State\":\"RUNNING\"}}]}";
            case "GetAutoTerminationPolicy" -> "{\"AutoTerminationPolicy\":{\"IdleTimeout\":3600}}";
            case "ListClusters" -> "{\"Clusters\":[]}";
            case "DescribeNotebookInstance" -> "{\"NotebookInstanceName\":\"demo-alice\",\"NotebookInstanceStatus\":"
                    + "\"InService\",\"Url\":\"demo-alice.notebook.us-east-1.sagemaker.aws\",\"InstanceType\":"
                    + "\"ml.t3.medium\",\"CreationTime\":1735689600,\"LastModifiedTime\":1735689600}";
            case "ListNotebookInstances" -> "{\"NotebookInstances\":[]}";
            default -> null;
        };
    }

    private static void s3(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        int segments = path.replaceAll("^/+|/+$", "").isEmpty() ? 0 : path.replaceAll("^/+|/+$", "").split("/").length;
        ex.getResponseHeaders().add("x-amz-request-id", "t");
        if ("HEAD".equals(method) && segments == 1) {
            ex.sendResponseHeaders(404, -1);   // bucket name free
        } else if ("HEAD".equals(method)) {
            ex.getResponseHeaders().add("ETag", "\"0123456789abcdef0123456789abcdef\"");
            ex.getResponseHeaders().add("Last-Modified", "Wed, 01 Jan 2025 00:00:00 GMT");
            ex.getResponseHeaders().add("x-amz-meta-hailctl-mode", "644");
            ex.getResponseHeaders().add("x-amz-checksum-crc32", "AAAAAA==");
            ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, -1);
        } else if ("GET".equals(method) && query != null && query.contains("list-type=2")) {
            send(ex, 200, "application/xml", "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                    + "<Name>b</Name><Prefix>scripts/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys>"
                    + "<IsTruncated>false</IsTruncated><Contents><Key>scripts/ssm</Key>"
                    + "<LastModified>2025-01-01T00:00:00.000Z</LastModified><ETag>&quot;0123&quot;</ETag>"
                    + "<Size>1</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>");
        } else if ("PUT".equals(method)) {
            ex.getResponseHeaders().add("ETag", "\"0123456789abcdef0123456789abcdef\"");
            ex.sendResponseHeaders(200, -1);
        } else {
            send(ex, 404, "application/xml", "<Error><Code>NoSuchKey</Code><Message>training</Message></Error>");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String kv : body.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }
}

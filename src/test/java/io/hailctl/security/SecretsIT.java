package io.hailctl.security;

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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No secret in any output: full runs under `-v` and `-o json` with recognisable fake credentials
 * (access key id, secret key, session token) and a presigned sign-in URL whose signature is
 * recognisable (moto does not implement CreatePresignedNotebookInstanceUrl, design/emulator.md
 * item 8, so the proxy answers it as SageMaker would). Everything printed is scanned. The sign-in
 * link is printed only where the user asked for it (add-user --sign-in-link, on stdout) and never
 * in `-v`'s log or on stderr.
 */
@ExtendWith(MotoExtension.class)
class SecretsIT {
    private static final String ACCESS_KEY = "AKIAFAKEHAILCTLKEY42";
    private static final String SECRET_KEY = "fAkEsEcReT/hailctl+0123456789abcdefghijklmn";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEFAKESESSIONTOKENhailctl0123456789abcdefXYZ";
    private static final String SIGNATURE = "authToken=eyJhbGciOiJFAKEPRESIGNEDSIGNATUREhailctl42";
    private static final List<String> CREDENTIALS = List.of(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN,
            "fAkEsEcReT", "FAKESESSIONTOKEN");

    private static final String CONFIG = DemoYaml.demo().users("alice", "bob").yaml();

    @TempDir
    Path dir;

    @Test
    void noCredentialSessionTokenOrUnaskedSignInLinkInAnyOutputAtAnyVerbosityOrFormat(Moto moto) throws Exception {
        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG);
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            proxy.add(new FaultProxy.Fault(r -> r.contains("SageMaker.CreatePresignedNotebookInstanceUrl"), 1000, 200,
                    "application/x-amz-json-1.1", "{\"AuthorizedUrl\":\"https://demo.notebook.us-east-1.sagemaker.aws?"
                    + SIGNATURE + "\"}"));
            // A non-retryable failure under -v: the stack-trace path is scanned too. The listing is an unnamed
            // DescribeStacks; refused (a policy naming the stacks), hailctl lists with ListStacks, refused too.
            proxy.add(new FaultProxy.Fault(r -> r.contains("Action=DescribeStacks") && !r.contains("StackName="), 1, 403,
                    "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: "
                    + "arn:aws:sts::123456789012:assumed-role/dev/session is not authorized to perform: "
                    + "cloudformation:DescribeStacks</Message></Error><RequestId>x</RequestId></ErrorResponse>"));
            proxy.add(new FaultProxy.Fault(r -> r.contains("Action=ListStacks"), 1, 403,
                    "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: "
                    + "arn:aws:sts::123456789012:assumed-role/dev/session is not authorized to perform: "
                    + "cloudformation:ListStacks</Message></Error><RequestId>x</RequestId></ErrorResponse>"));
            List<List<String>> runs = List.of(
                    List.of("-v", "status"),
                    List.of("-v", "deploy", "all", "--yes"),
                    List.of("-v", "-o", "json", "deploy", "all", "--yes"),
                    List.of("-v", "plan"),
                    List.of("-v", "status"),
                    List.of("-v", "-o", "json", "status"),
                    List.of("-v", "add-user", "carol"),
                    List.of("-v", "-o", "json", "add-user", "dave"),
                    List.of("-v", "add-user", "erin", "--sign-in-link"),
                    List.of("-v", "-o", "json", "add-user", "frank", "--sign-in-link"),
                    List.of("-v", "-o", "json", "destroy", "--yes"));
            List<String> problems = new ArrayList<>();
            int linksShown = 0;
            for (List<String> args : runs) {
                CliRun.Result r = new CliRun().against(moto).env("AWS_ENDPOINT_URL", proxy.endpoint().toString())
                        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY).env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
                        .env("AWS_SESSION_TOKEN", SESSION_TOKEN)
                        .workingDir(dir).home(dir).run(args.toArray(String[]::new));
                String all = r.out() + r.err();
                assertTrue(r.err().contains("aws: "), "-v logged the AWS calls of " + args);
                for (String secret : CREDENTIALS) {
                    if (all.contains(secret)) {
                        problems.add(args + " printed " + secret);
                    }
                }
                if (r.err().contains(SIGNATURE)) {
                    problems.add(args + " printed the sign-in link on stderr");
                }
                boolean asked = args.contains("--sign-in-link");
                if (!asked && r.out().contains(SIGNATURE)) {
                    problems.add(args + " printed a sign-in link nobody asked for");
                }
                if (asked) {
                    assertEquals(0, r.exitCode(), r.toString());
                    assertEquals(1, count(r.out(), SIGNATURE), "the asked-for link, once: " + r.out());
                    linksShown++;
                }
                if (args == runs.get(0)) {
                    assertEquals(4, r.exitCode(), "the denied call fails: " + r);
                    assertTrue(r.err().contains("\tat "), "-v printed the stack trace: " + r.err());
                }
            }
            assertEquals(2, linksShown);
            assertEquals(List.of(), problems);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}

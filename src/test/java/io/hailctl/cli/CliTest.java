package io.hailctl.cli;

import io.hailctl.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    private final CliRun cli = new CliRun();

    @Test
    void versionPrintsNameAndVersion() {
        CliRun.Result r = cli.run("--version");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("hailctl "), r.out());
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CliRun.Result r = cli.run("--help");
        assertEquals(0, r.exitCode(), r.toString());
        for (String command : new String[] {"init", "deploy", "plan", "add-user", "remove-user", "build-ami",
                "seed", "status", "amis", "destroy", "unlock", "local", "completion"}) {
            assertTrue(r.out().contains("\n  " + command + " "), command + " missing from\n" + r.out());
        }
        assertTrue(r.out().contains("130 interrupted"), r.out());
        assertTrue(!r.out().contains("__train"), "the training command is hidden");
    }

    @Test
    void deployListsItsParts() {
        CliRun.Result r = cli.run("deploy", "--help");
        assertEquals(0, r.exitCode(), r.toString());
        for (String part : new String[] {"all", "s3", "network", "jupyter", "ami", "emr"}) {
            assertTrue(r.out().contains("\n  " + part + " "), part + " missing from\n" + r.out());
        }
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLinePlusHint() {
        CliRun.Result r = cli.run("--bogus");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("hailctl: Unknown option: '--bogus'\n  Run 'hailctl --help' for usage.\n", r.err());
    }

    @Test
    void mistypedCommandSuggestsTheRightOne() {
        CliRun.Result r = cli.run("deplyo");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("hailctl deploy"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--region=us-west-2 --output json --no-color -q -y --profile p --config x.yaml",
            "--verbose --local --endpoint-url http://127.0.0.1:1"})
    void globalOptionsAreAcceptedAfterTheSubcommandToo(String options) {
        String[] opts = options.split(" ");
        String[] args = new String[opts.length + 2];
        args[0] = "local";
        args[1] = "--help";
        System.arraycopy(opts, 0, args, 2, opts.length);
        assertEquals(0, cli.run(args).exitCode());
    }

    @Test
    void badOutputFormatNamesTheChoices() {
        CliRun.Result r = cli.run("status", "--output", "yaml");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("expected one of [text, json]"), r.err());
    }

    @Test
    void completionPrintsABashScript() {
        CliRun.Result r = cli.run("completion", "bash");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("complete -F"), "a bash completion script");
        assertTrue(r.out().contains("add-user"), "completes subcommands");
    }

    @Test
    void completionRefusesUnknownShells() {
        CliRun.Result r = cli.run("completion", "fish");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("hailctl: completion: shell \"fish\" is not supported: use bash or zsh\n", r.err());
    }

    @Test
    void badEndpointUrlIsBadInputNotACrash() {
        CliRun.Result r = new CliRun().env("AWS_ACCESS_KEY_ID", "x").env("AWS_SECRET_ACCESS_KEY", "y")
                .run("local", "status", "--endpoint-url", "not a url");
        assertEquals(0, r.exitCode(), "local status does not talk to AWS: " + r);
    }
}

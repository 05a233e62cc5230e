package io.hailctl.deploy.efs;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.plan.FileSystemPolicyStep;
import io.hailctl.plan.StepId;
import io.hailctl.deploy.fakes.Contexts;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.progress.ProgressEvent;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSystemPolicyRunnerTest {
    private static final String FS = "fs-0123456789abcdef0";
    private static final String ARN = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/" + FS;
    /** The "Prevent root access by default" preset of the EFS console: a policy hailctl did not write. */
    private static final String FOREIGN = "{\"Version\":\"2012-10-17\",\"Id\":\"console\",\"Statement\":[{\"Sid\":\"Root\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"elasticfilesystem:ClientMount\","
            + "\"elasticfilesystem:ClientWrite\"],\"Condition\":{\"Bool\":{\"elasticfilesystem:AccessedViaMountTarget\":"
            + "\"true\"}}}]}";

    private final FakeFileSystems efs = new FakeFileSystems();
    private final FakeClock clock = new FakeClock();
    private final Contexts.Recording progress = new Contexts.Recording();
    private final FileSystemPolicyRunner runner = new FileSystemPolicyRunner(efs, "us-east-1");
    private final FileSystemPolicyStep step = new FileSystemPolicyStep(StepId.of("efs-policy"), FS);

    FileSystemPolicyRunnerTest() {
        efs.addFileSystem(FS);
    }

    @Test
    void putsAValidPolicyThatGrantsNothingAndDeniesWhatIsNotIamAndTls() throws Exception {
        StepOutcome out = runner.apply(step, Inputs.resolved(Map.of()), Contexts.on(clock, progress, Confirmer.NO));

        assertEquals(Change.CREATED, out.change());
        assertEquals(Map.of("FileSystemArn", ARN), out.outputs());
        Map<String, Object> doc = json(efs.policyOf(FS).orElseThrow());
        assertEquals("2012-10-17", doc.get("Version"));
        List<Map<String, Object>> statements = statements(doc);
        // Nothing is allowed: with a policy in place, only IAM-authorised clients get in (the original's purpose).
        assertTrue(statements.stream().allMatch(s -> s.get("Effect").equals("Deny")), statements.toString());
        for (Map<String, Object> s : statements) {
            assertEquals(ARN, s.get("Resource"));
            assertEquals(Map.of("AWS", "*"), s.get("Principal"));
            for (Object action : (List<?>) s.get("Action")) {
                assertTrue(List.of("elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite",
                        "elasticfilesystem:ClientRootAccess").contains(action), "a real client action: " + action);
            }
        }
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", "false")), statements.get(0).get("Condition"));
        assertEquals(List.of("elasticfilesystem:ClientWrite"), statements.get(1).get("Action"));
        assertEquals(Map.of("Null", Map.of("elasticfilesystem:AccessPointArn", "true")), statements.get(1).get("Condition"));
        assertFalse(efs.policyOf(FS).orElseThrow().contains("NoAction"));
    }

    @Test
    void aSecondRunWritesNothing() throws Exception {
        runner.apply(step, Inputs.resolved(Map.of()), Contexts.on(clock, progress, Confirmer.NO));
        List<String> writes = efs.writes();

        StepOutcome again = runner.apply(step, Inputs.resolved(Map.of()), Contexts.on(clock, progress, Confirmer.NO));

        assertEquals(Change.UNCHANGED, again.change());
        assertEquals(writes, efs.writes());
    }

    @Test
    void theSamePolicyAsEfsReformatsItIsStillUnchanged() throws Exception {
        // EFS returns policies pretty-printed, and may turn a one-element list into a plain value.
        String reformatted = FileSystemPolicy.document(ARN).replace(",", ",\n  ")
                .replace("[\"elasticfilesystem:ClientWrite\"]", "\"elasticfilesystem:ClientWrite\"");
        efs.setPolicy(FS, reformatted);

        StepOutcome out = runner.apply(step, Inputs.resolved(Map.of()), Contexts.on(clock, progress, Confirmer.NO));

        assertEquals(Change.UNCHANGED, out.change());
        assertEquals(List.of(), efs.writes());
    }

    @Test
    void aPolicyHailctlDidNotWriteIsLeftAloneWithoutConsent() {
        efs.setPolicy(FS, FOREIGN);

        HailctlException e = assertThrows(HailctlException.class, () -> runner.apply(step, Inputs.resolved(Map.of()),
                Contexts.on(clock, progress, Confirmer.NO)));

        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("efs.fileSystemId = " + FS + " already has a file-system policy that hailctl did not write; "
                + "left as it is", e.getMessage());
        assertTrue(e.hint().orElseThrow().startsWith("Re-run with --yes"), e.hint().orElseThrow());
        assertEquals(FOREIGN, efs.policyOf(FS).orElseThrow());
        assertEquals(List.of(), efs.writes());
    }

    @Test
    void withConsentHailctlsStatementsAreAddedAndTheOthersKept() throws Exception {
        efs.setPolicy(FS, FOREIGN);
        List<String> asked = new ArrayList<>();

        StepOutcome out = runner.apply(step, Inputs.resolved(Map.of()), Contexts.on(clock, progress, q -> {
            asked.add(q);
            return true;
        }));

        assertEquals(Change.UPDATED, out.change());
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).contains("did not write (1 statement)"), asked.get(0));
        Map<String, Object> doc = json(efs.policyOf(FS).orElseThrow());
        assertEquals("console", doc.get("Id"));
        List<Object> sids = statements(doc).stream().map(s -> s.get("Sid")).map(Object.class::cast).toList();
        assertEquals(List.of("Root", FileSystemPolicy.DENY_WITHOUT_TLS, FileSystemPolicy.WRITE_THROUGH_ACCESS_POINTS), sids);
        // The kept statement still lets anonymous clients mount: say so.
        assertTrue(notes().stream().anyMatch(n -> n.contains("statement Root allows ClientMount to any principal")),
                notes().toString());

        // Merged once with consent: the next run neither asks nor writes.
        List<String> writes = efs.writes();
        StepOutcome again = runner.apply(step, Inputs.resolved(Map.of()), Contexts.on(clock, progress, q -> {
            throw new AssertionError("asked again: " + q);
        }));
        assertEquals(Change.UNCHANGED, again.change());
        assertEquals(writes, efs.writes());
    }

    @Test
    void anOlderHailctlPolicyIsRefreshedWithoutAsking() throws Exception {
        efs.setPolicy(FS, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"HailctlOldRule\",\"Effect\":\"Deny\","
                + "\"Principal\":{\"AWS\":\"*\"},\"Action\":\"elasticfilesystem:ClientRootAccess\",\"Resource\":\"" + ARN + "\"}]}");

        StepOutcome out = runner.apply(step, Inputs.resolved(Map.of()), Contexts.on(clock, progress, Confirmer.NO));

        assertEquals(Change.UPDATED, out.change());
        assertEquals(FileSystemPolicy.document(ARN), efs.policyOf(FS).orElseThrow());
    }

    @Test
    void aPolicyThatIsNotJsonIsRefused() {
        efs.setPolicy(FS, "{not json");

        HailctlException e = assertThrows(HailctlException.class, () -> runner.apply(step, Inputs.resolved(Map.of()),
                Contexts.on(clock, progress, Confirmer.YES)));

        assertEquals("the file-system policy of " + FS + " cannot be read: it is not valid JSON", e.getMessage());
        assertEquals(List.of(), efs.writes());
    }

    @Test
    void theFileSystemMustExistInTheRegion() {
        FileSystemPolicyStep missing = new FileSystemPolicyStep(StepId.of("efs-policy"), "fs-deadbeef");

        HailctlException e = assertThrows(HailctlException.class, () -> runner.apply(missing, Inputs.resolved(Map.of()),
                Contexts.on(clock, progress, Confirmer.YES)));

        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("efs.fileSystemId = fs-deadbeef: no such EFS file system in us-east-1", e.getMessage());
    }

    @Test
    void previewAndReadWriteNothing() throws Exception {
        StepOutcome preview = runner.preview(step, Inputs.resolved(Map.of()), Contexts.on(clock, progress, Confirmer.YES));
        StepOutcome read = runner.read(step, Inputs.resolved(Map.of()), Contexts.on(clock, progress, Confirmer.YES));

        assertEquals(Change.WOULD_CREATE, preview.change());
        assertEquals(Change.READ, read.change());
        assertEquals(Map.of("FileSystemArn", ARN), read.outputs());
        assertTrue(notes().get(0).contains("does not have hailctl's file-system policy yet"), notes().toString());
        assertEquals(List.of(), efs.writes());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> doc) {
        return (List<Map<String, Object>>) doc.get("Statement");
    }

    private List<String> notes() {
        return progress.events().stream().filter(e -> e instanceof ProgressEvent.Note)
                .map(e -> ((ProgressEvent.Note) e).text()).toList();
    }
}

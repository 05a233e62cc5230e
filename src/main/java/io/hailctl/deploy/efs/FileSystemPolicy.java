package io.hailctl.deploy.efs;

import io.hailctl.ExitCode;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.progress.Json;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The EFS file-system policy hailctl puts, and how it combines with a policy already there.
 *
 * <p>Why it turns IAM authorisation on: while a file system has no policy, EFS applies its default
 * policy, which lets any NFS client that reaches a mount target mount, write and act as root without
 * identifying itself. As soon as any policy is set, the default no longer applies and a client gets
 * only what an Allow grants it, in the file-system policy or in its own IAM identity policy. The
 * original set a policy whose only statement allowed the invalid action {@code NoAction}, i.e. a
 * policy granting nothing, for exactly that side effect. hailctl's policy grants nothing either (so
 * anonymous mounts are refused and the notebook and EMR roles need their IAM grants, which the
 * templates give them), and uses its statements for two valid, useful denials:
 * <ul>
 * <li>{@value #DENY_WITHOUT_TLS}: no client action without TLS (both templates mount with {@code tls});</li>
 * <li>{@value #WRITE_THROUGH_ACCESS_POINTS}: writes only through an access point, where EFS enforces
 *     the POSIX identity; the EMR master mounts the whole file system read-only and needs no write.</li>
 * </ul>
 *
 * <p>With a policy already there: one made only of hailctl's statements is replaced when it differs
 * (an older hailctl's); one that also has statements hailctl did not write keeps them, and hailctl
 * only adds or refreshes its own, identified by the {@value #SID_PREFIX} Sid prefix. The first time
 * hailctl would touch a policy it did not write, it asks ({@link Action#MERGE}).
 */
public final class FileSystemPolicy {
    public static final String SID_PREFIX = "Hailctl";
    public static final String DENY_WITHOUT_TLS = "HailctlDenyClientsWithoutTls";
    public static final String WRITE_THROUGH_ACCESS_POINTS = "HailctlWriteOnlyThroughAccessPoints";
    static final String POLICY_ID = "hailctl-iam-authorization";

    private static final String CLIENT_MOUNT = "elasticfilesystem:ClientMount";
    private static final String CLIENT_WRITE = "elasticfilesystem:ClientWrite";
    private static final String CLIENT_ROOT = "elasticfilesystem:ClientRootAccess";
    /** Conditions that do not tell one principal from another (anonymous clients meet them too). */
    private static final Set<String> NOT_IDENTIFYING = Set.of("elasticfilesystem:accessedviamounttarget",
            "aws:securetransport");

    private FileSystemPolicy() {
    }

    /** What to do with the policy found on the file system. */
    public enum Action {
        /** hailctl's statements are there as they should be: no write. */
        KEEP,
        /** No policy yet: put hailctl's. */
        CREATE,
        /** hailctl's statements (alone, or already merged earlier) differ from this version's: refresh them. */
        UPDATE,
        /** A policy hailctl did not write: add hailctl's statements to it, keeping its own (ask first). */
        MERGE
    }

    /**
     * @param policy   the policy to put (for every action but KEEP)
     * @param foreign  how many statements hailctl did not write (and keeps)
     * @param warnings statements that still let anonymous clients in, for people
     */
    public record Decision(Action action, Optional<String> policy, int foreign, List<String> warnings) {
        public Decision {
            warnings = List.copyOf(warnings);
        }
    }

    /** hailctl's statements for the file system {@code fileSystemArn}. */
    public static List<Map<String, Object>> statements(String fileSystemArn) {
        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("Sid", DENY_WITHOUT_TLS);
        tls.put("Effect", "Deny");
        tls.put("Principal", Map.of("AWS", "*"));
        tls.put("Action", List.of(CLIENT_MOUNT, CLIENT_WRITE, CLIENT_ROOT));
        tls.put("Resource", fileSystemArn);
        tls.put("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));

        Map<String, Object> writes = new LinkedHashMap<>();
        writes.put("Sid", WRITE_THROUGH_ACCESS_POINTS);
        writes.put("Effect", "Deny");
        writes.put("Principal", Map.of("AWS", "*"));
        writes.put("Action", List.of(CLIENT_WRITE));
        writes.put("Resource", fileSystemArn);
        writes.put("Condition", Map.of("Null", Map.of("elasticfilesystem:AccessPointArn", "true")));
        return List.of(tls, writes);
    }

    /** hailctl's own policy for {@code fileSystemArn}, as put on a file system that has none. */
    public static String document(String fileSystemArn) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Version", "2012-10-17");
        doc.put("Id", POLICY_ID);
        doc.put("Statement", statements(fileSystemArn));
        return Json.write(doc);
    }

    /** Compares the policy found ({@code existing}) with what hailctl needs, and says what to put. */
    public static Decision decide(String fileSystemId, Optional<String> existing, String fileSystemArn) {
        List<Map<String, Object>> ours = statements(fileSystemArn);
        if (existing.isEmpty() || existing.get().isBlank()) {
            return new Decision(Action.CREATE, Optional.of(document(fileSystemArn)), 0, List.of());
        }
        Map<String, Object> doc = parse(fileSystemId, existing.get());
        List<Map<String, Object>> found = statementsOf(fileSystemId, doc);
        List<Map<String, Object>> foreign = new ArrayList<>();
        List<Map<String, Object>> hailctl = new ArrayList<>();
        for (Map<String, Object> s : found) {
            (isHailctl(s) ? hailctl : foreign).add(s);
        }
        List<String> warnings = anonymousAllows(foreign);
        if (normalized(hailctl).equals(normalized(ours))) {
            return new Decision(Action.KEEP, Optional.empty(), foreign.size(), warnings);
        }
        if (foreign.isEmpty()) {
            return new Decision(Action.UPDATE, Optional.of(document(fileSystemArn)), 0, warnings);
        }
        Map<String, Object> merged = new LinkedHashMap<>(doc);
        List<Object> statements = new ArrayList<>(foreign);
        statements.addAll(ours);
        merged.putIfAbsent("Version", "2012-10-17");
        merged.put("Statement", statements);
        // Statements of ours already there mean a person agreed to the merge before.
        Action action = hailctl.isEmpty() ? Action.MERGE : Action.UPDATE;
        return new Decision(action, Optional.of(Json.write(merged)), foreign.size(), warnings);
    }

    /** Whether the policy holds hailctl's statements at all (for reading, not deploying). */
    public static boolean hasHailctlStatements(String fileSystemId, String policy) {
        return statementsOf(fileSystemId, parse(fileSystemId, policy)).stream().anyMatch(FileSystemPolicy::isHailctl);
    }

    private static boolean isHailctl(Map<String, Object> statement) {
        return statement.get("Sid") instanceof String sid && sid.startsWith(SID_PREFIX);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String fileSystemId, String json) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setSchema(new JsonSchema()).build()).loadFromString(json);
        } catch (YamlEngineException e) {
            throw unreadable(fileSystemId, "it is not valid JSON");
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw unreadable(fileSystemId, "it is not a JSON object");
        }
        return new LinkedHashMap<>((Map<String, Object>) m);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statementsOf(String fileSystemId, Map<String, Object> doc) {
        Object st = doc.get("Statement");
        List<Object> list = st instanceof List<?> l ? (List<Object>) l : st == null ? List.of() : List.of(st);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw unreadable(fileSystemId, "a statement is not a JSON object");
            }
            out.add((Map<String, Object>) m);
        }
        return out;
    }

    private static StepFailedException unreadable(String fileSystemId, String why) {
        return new StepFailedException(ExitCode.REFUSED, "the file-system policy of " + fileSystemId
                + " cannot be read: " + why, "Fix or delete it (aws efs describe-file-system-policy --file-system-id "
                + fileSystemId + "), then re-run.");
    }

    /** Allow statements that anonymous NFS clients satisfy (principal *, no identifying condition) and that mount. */
    @SuppressWarnings("unchecked")
    private static List<String> anonymousAllows(List<Map<String, Object>> statements) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> s : statements) {
            if (!"Allow".equals(s.get("Effect")) || !anyPrincipal(s.get("Principal"))) {
                continue;
            }
            boolean mounts = values(s.get("Action")).stream().anyMatch(a ->
                    a.equals("*") || a.equalsIgnoreCase("elasticfilesystem:*") || a.equalsIgnoreCase(CLIENT_MOUNT));
            boolean identifying = false;
            if (s.get("Condition") instanceof Map<?, ?> conditions) {
                for (Object byOperator : conditions.values()) {
                    if (byOperator instanceof Map<?, ?> keys) {
                        for (Object key : keys.keySet()) {
                            identifying |= !NOT_IDENTIFYING.contains(String.valueOf(key).toLowerCase());
                        }
                    }
                }
            }
            if (mounts && !identifying) {
                out.add("statement " + (s.get("Sid") == null ? "#" + (statements.indexOf(s) + 1) : s.get("Sid"))
                        + " allows ClientMount to any principal: anonymous NFS clients can still mount");
            }
        }
        return out;
    }

    private static boolean anyPrincipal(Object principal) {
        if ("*".equals(principal)) {
            return true;
        }
        return principal instanceof Map<?, ?> m && values(m.get("AWS")).contains("*");
    }

    private static List<String> values(Object v) {
        if (v instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return v == null ? List.of() : List.of(String.valueOf(v));
    }

    /** For comparison only: EFS may hand a one-element list back as a plain value, and the reverse. */
    private static Object normalized(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), normalized(val)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = c.stream().map(FileSystemPolicy::normalized).toList();
            return out.size() == 1 ? out.get(0) : out;
        }
        return v == null ? null : String.valueOf(v);
    }
}

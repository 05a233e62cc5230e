package io.hailctl.aws;

import io.hailctl.local.standin.codebuild.BuildRecord;
import io.hailctl.local.standin.codebuild.BuildRecords;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@link BuildRecords} as SSM parameters of the emulator, under {@value #ROOT}: they live and are
 * reset with the emulator, and every hailctl process talking to it sees the same builds. For the
 * CodeBuild stand-in only.
 */
public final class EmulatorBuildRecords implements BuildRecords {
    static final String ROOT = "/hailctl-emulator/codebuild-builds";
    private static final String ENV = "env.";

    private final SsmClient ssm;

    public EmulatorBuildRecords(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public void save(BuildRecord b) {
        Properties p = new Properties();
        p.setProperty("id", b.id());
        p.setProperty("project", b.project());
        p.setProperty("number", Long.toString(b.number()));
        p.setProperty("start", b.start().toString());
        b.failPhase().ifPresent(f -> p.setProperty("failPhase", f));
        p.setProperty("phasesLogged", Integer.toString(b.phasesLogged()));
        b.amiId().ifPresent(a -> p.setProperty("amiId", a));
        // Keys keep their order: env.<n>.<name>.
        int i = 0;
        for (Map.Entry<String, String> e : b.environment().entrySet()) {
            p.setProperty(ENV + String.format("%03d", i++) + "." + e.getKey(), e.getValue());
        }
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AwsCalls.run(() -> ssm.putParameter(r -> r.name(name(b.id())).type("String").tier("Advanced").value(w.toString())
                .overwrite(true)));
    }

    @Override
    public Optional<BuildRecord> find(String id) {
        try {
            return Optional.of(parse(ssm.getParameter(r -> r.name(name(id))).parameter().value()));
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public List<BuildRecord> ofProject(String project) {
        List<BuildRecord> out = new ArrayList<>();
        AwsCalls.run(() -> ssm.getParametersByPathPaginator(r -> r.path(ROOT + "/" + project).recursive(true))
                .stream().flatMap(page -> page.parameters().stream()).forEach(p -> out.add(parse(p.value()))));
        return out;
    }

    /** One parameter per build: ROOT/project/uuid (a build id is project:uuid). */
    private static String name(String buildId) {
        return ROOT + "/" + buildId.replace(':', '/');
    }

    private static BuildRecord parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith(ENV)).sorted()
                .forEach(k -> env.put(k.substring(ENV.length() + 4), p.getProperty(k)));
        return new BuildRecord(p.getProperty("id"), p.getProperty("project"), Long.parseLong(p.getProperty("number")),
                Instant.parse(p.getProperty("start")), env, Optional.ofNullable(p.getProperty("failPhase")),
                Integer.parseInt(p.getProperty("phasesLogged")), Optional.ofNullable(p.getProperty("amiId")));
    }
}

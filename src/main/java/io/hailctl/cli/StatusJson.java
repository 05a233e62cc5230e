package io.hailctl.cli;

import io.hailctl.deploy.status.EnvironmentStatus;
import io.hailctl.deploy.status.EnvironmentStatus.ClusterView;
import io.hailctl.deploy.status.EnvironmentStatus.GroupView;
import io.hailctl.deploy.status.EnvironmentStatus.NotebookView;
import io.hailctl.deploy.status.EnvironmentStatus.StackView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `hailctl status --output json`: the documented, stable document (docs/status-json.md, schema in
 * docs/status.schema.json). Every field is always present; unknown values are null. Add fields,
 * never rename or remove them without bumping {@link #SCHEMA}.
 */
final class StatusJson {
    static final String SCHEMA = "hailctl-status/1";

    private StatusJson() {
    }

    static Map<String, Object> document(EnvironmentStatus s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", SCHEMA);
        doc.put("environment", s.environment());
        doc.put("region", s.region());
        doc.put("readAt", s.readAt().toString());
        doc.put("seconds", s.took().toMillis() / 1000.0);
        List<Object> stacks = new ArrayList<>();
        for (StackView v : s.stacks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name());
            m.put("step", v.step());
            m.put("component", v.component());
            m.put("inConfig", v.inConfig());
            m.put("status", v.status());
            m.put("state", v.state());
            m.put("lastChanged", time(v.lastChanged()));
            m.put("drift", v.drift().words());
            m.put("driftDetail", v.driftDetail());
            stacks.add(m);
        }
        doc.put("stacks", stacks);
        List<Object> notebooks = new ArrayList<>();
        for (NotebookView v : s.notebooks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("user", v.user());
            m.put("inConfig", v.inConfig());
            m.put("stack", v.stack());
            m.put("name", v.name());
            m.put("state", v.state());
            m.put("instanceType", v.instanceType());
            m.put("url", v.url());
            m.put("problem", v.problem());
            notebooks.add(m);
        }
        doc.put("notebooks", notebooks);
        List<Object> clusters = new ArrayList<>();
        for (ClusterView v : s.clusters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name());
            m.put("inConfig", v.inConfig());
            m.put("adHoc", v.adHoc());
            m.put("stack", v.stack());
            m.put("clusterId", v.clusterId());
            m.put("state", v.state());
            m.put("stateReason", v.stateReason());
            m.put("masterPublicDns", v.masterPublicDns());
            m.put("masterPrivateDns", v.masterPrivateDns());
            m.put("livyUrl", v.livyUrl());
            List<Object> groups = new ArrayList<>();
            for (GroupView g : v.instanceGroups()) {
                Map<String, Object> gm = new LinkedHashMap<>();
                gm.put("role", g.role());
                gm.put("instanceType", g.instanceType());
                gm.put("market", g.market());
                gm.put("running", g.running());
                gm.put("requested", g.requested());
                groups.add(gm);
            }
            m.put("instanceGroups", groups);
            m.put("idleTimeoutMinutes", v.idleTimeoutMinutes());
            m.put("idleTimeoutSource", v.idleTimeoutSource());
            m.put("hardStopAt", v.hardStop().map(h -> h.at().toString()));
            m.put("problem", v.problem());
            clusters.add(m);
        }
        doc.put("clusters", clusters);
        Map<String, Object> ami = new LinkedHashMap<>();
        ami.put("source", s.ami().source());
        ami.put("resolved", s.ami().resolved());
        ami.put("resolvedDetail", s.ami().resolvedDetail());
        ami.put("inUse", s.ami().inUse());
        ami.put("published", s.ami().published());
        ami.put("lastBuild", s.ami().lastBuild().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("project", b.project());
            m.put("id", b.id());
            m.put("status", b.status());
            m.put("phase", b.phase());
            m.put("started", time(b.started()));
            m.put("ended", time(b.ended()));
            return (Object) m;
        }));
        ami.put("problem", s.ami().problem());
        doc.put("ami", ami);
        Map<String, Object> seed = new LinkedHashMap<>();
        seed.put("state", s.seed().state());
        seed.put("bucket", s.seed().bucket());
        seed.put("files", s.seed().files());
        seed.put("toUpload", s.seed().toUpload());
        seed.put("extras", s.seed().extras());
        seed.put("problem", s.seed().problem());
        doc.put("seed", seed);
        doc.put("problems", s.problems());
        return doc;
    }

    private static Optional<String> time(Optional<Instant> t) {
        return t.map(Instant::toString);
    }
}

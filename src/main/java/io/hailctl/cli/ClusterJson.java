package io.hailctl.cli;

import io.hailctl.config.EmrSpec;
import io.hailctl.deploy.clusters.ClusterFacts;
import io.hailctl.deploy.clusters.ClusterReader.View;
import io.hailctl.deploy.status.Clusters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** `cluster list` and `cluster describe` as JSON documents (the fields are documented in README "Clusters"). */
final class ClusterJson {
    private ClusterJson() {
    }

    static Map<String, Object> row(View v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.entry().name());
        m.put("kind", v.entry().configured() ? "configured" : v.entry().adHoc() ? "ad-hoc" : "not-in-config");
        m.put("stack", v.entry().stackName());
        m.put("stackStatus", v.entry().stack().map(s -> s.status()));
        m.put("clusterId", v.clusterId());
        m.put("state", v.state());
        m.put("stateReason", v.stateReason());
        m.put("ageSeconds", v.age().map(d -> d.toSeconds()));
        m.put("idleTimeoutMinutes", v.idleMinutes());
        m.put("hardStopAt", v.hardStop().map(h -> h.at().toString()));
        m.put("spot", v.spot());
        m.put("livyUrl", v.livyUrl());
        m.put("instanceGroups", v.cluster().map(c -> c.instanceGroups()).orElse(List.of()).stream()
                .map(ClusterJson::group).toList());
        return m;
    }

    static Map<String, Object> detail(View v) {
        Map<String, Object> m = row(v);
        Optional<Clusters.Cluster> c = v.cluster();
        m.put("releaseLabel", c.map(Clusters.Cluster::releaseLabel));
        m.put("customAmiId", c.flatMap(Clusters.Cluster::customAmiId));
        m.put("hailVersion", v.hail());
        m.put("masterDns", c.flatMap(x -> x.masterPublicDns().or(x::masterPrivateDns)));
        m.put("applications", v.facts().map(ClusterFacts.Facts::applications).orElse(List.of()));
        m.put("lastSteps", v.facts().map(ClusterFacts.Facts::lastSteps).orElse(List.of()).stream().map(s -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("id", s.id());
            step.put("name", s.name());
            step.put("state", s.state());
            step.put("failure", s.failure());
            return step;
        }).toList());
        return m;
    }

    /** What `modify` changed: {field, before, after} for each of workers, taskMax, idleTimeoutMinutes that differ. */
    static List<Map<String, Object>> changes(EmrSpec before, EmrSpec after) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        change(out, "workers", before.coreCount(), after.coreCount());
        change(out, "taskMax", before.taskMax(), after.taskMax());
        change(out, "idleTimeoutMinutes", before.idleTimeoutMinutes(), after.idleTimeoutMinutes());
        return out;
    }

    private static void change(List<Map<String, Object>> out, String field, int before, int after) {
        if (before != after) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", field);
            m.put("before", before);
            m.put("after", after);
            out.add(m);
        }
    }

    private static Map<String, Object> group(Clusters.InstanceGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", g.role());
        m.put("instanceType", g.instanceType());
        m.put("market", g.market());
        m.put("running", g.running());
        m.put("requested", g.requested());
        return m;
    }
}

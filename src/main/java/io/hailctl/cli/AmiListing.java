package io.hailctl.cli;

import io.hailctl.deploy.ami.BuildKey;
import io.hailctl.deploy.ami.Images;
import io.hailctl.deploy.ami.PublicAmis;
import io.hailctl.progress.Json;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What `hailctl amis` shows: the public catalogue (always, marked legacy), the AMIs the environment
 * built, and the AMI `deploy` would use; as a table for people or one JSON document.
 */
record AmiListing(List<PublicAmis.Entry> catalogue, Optional<String> environment, Optional<String> region,
                  List<Images.Image> built, Optional<Choice> choice) {
    static final String LEGACY = "legacy EMR 5.x on Amazon Linux 1 (Spark 2.4): none of these boots on EMR 7 or runs "
            + "Hail >= 0.2.131";
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** @param amiId empty when deploy would use no custom AMI (or would refuse) */
    record Choice(String source, String amiId, String detail) {
    }

    void text(PrintWriter out, String configFile) {
        out.println("Public AMI catalogue of the original solution (" + LEGACY + "):");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("REGION", "HAIL", "VEP", "EMR", "AMI"));
        sortedCatalogue().forEach(e -> rows.add(List.of(e.region(), e.hailVersion(), e.vepVersion(), e.emrLabel(), e.amiId())));
        table(out, rows);
        if (environment.isEmpty()) {
            out.println();
            out.println("No " + configFile + " here: built AMIs and the one deploy would use need an environment "
                    + "(hailctl init writes one).");
            return;
        }
        out.println();
        out.println("AMIs built by environment " + environment.get() + " in " + region.orElse("?") + " (newest first):");
        if (built.isEmpty()) {
            out.println("  none yet (hailctl build-ami builds one)");
        } else {
            List<List<String>> b = new ArrayList<>();
            b.add(List.of("AMI", "CREATED (UTC)", "HAIL", "VEP", "EMR", "STATE", "BUILD"));
            built.forEach(i -> b.add(List.of(i.id(), CREATED.format(i.created()), i.tag(BuildKey.TAG_HAIL),
                    i.tag(BuildKey.TAG_VEP), i.tag(BuildKey.TAG_EMR), i.state(), i.tag(BuildKey.TAG_BUILD_ID))));
            table(out, b);
        }
        choice.ifPresent(c -> {
            out.println();
            out.println("deploy would use (ami.source: " + c.source() + "): " + c.detail());
        });
    }

    void json(PrintWriter out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("environment", environment);
        doc.put("region", region);
        List<Object> cat = new ArrayList<>();
        for (PublicAmis.Entry e : sortedCatalogue()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("region", e.region());
            m.put("hailVersion", e.hailVersion());
            m.put("vepVersion", e.vepVersion());
            m.put("emrRelease", e.emrLabel());
            m.put("amiId", e.amiId());
            m.put("legacy", true);
            m.put("note", e.note().isEmpty() ? LEGACY : e.note());
            cat.add(m);
        }
        doc.put("catalogue", cat);
        List<Object> mine = new ArrayList<>();
        for (Images.Image i : built) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("amiId", i.id());
            m.put("name", i.name());
            m.put("state", i.state());
            m.put("created", i.created().toString());
            m.put("hailVersion", i.tag(BuildKey.TAG_HAIL));
            m.put("vepVersion", i.tag(BuildKey.TAG_VEP));
            m.put("emrRelease", i.tag(BuildKey.TAG_EMR));
            m.put("buildId", i.tag(BuildKey.TAG_BUILD_ID));
            m.put("packerBundle", i.tag(BuildKey.TAG_BUNDLE));
            mine.add(m);
        }
        doc.put("built", mine);
        doc.put("deployWouldUse", choice.map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", c.source());
            m.put("amiId", c.amiId());
            m.put("detail", c.detail());
            return (Object) m;
        }));
        out.println(Json.write(doc));
    }

    private List<PublicAmis.Entry> sortedCatalogue() {
        List<PublicAmis.Entry> sorted = new ArrayList<>(catalogue);
        sorted.sort(Comparator.comparing(PublicAmis.Entry::region));
        return sorted;
    }

    private static void table(PrintWriter out, List<List<String>> rows) {
        int[] width = new int[rows.get(0).size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < r.size(); i++) {
                line.append(' ').append(String.format("%-" + width[i] + "s", r.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}

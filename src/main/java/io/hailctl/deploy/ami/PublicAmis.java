package io.hailctl.deploy.ami;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The public AMI catalogue of the original solution (catalog/public-amis.csv): region × Hail × VEP
 * × EMR release → AMI id. Every entry is a legacy EMR 5.x (Amazon Linux 1) image: EMR 7 only boots
 * custom AMIs built on Amazon Linux 2023, so an entry whose EMR major release differs from
 * {@code emr.releaseLabel} is refused with that reason rather than handed to EMR to fail on.
 * Columns are found by their header names, so the file may order them as it likes.
 */
public final class PublicAmis {
    /** What ami.source may be instead (shown with every refusal). */
    static final String ALTERNATIVES = "Use ami.source: default (Hail installed at boot) or build (hailctl build-ami).";

    private final List<Entry> entries;

    public PublicAmis(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** One row: {@code vepVersion} is "none" for Hail-only AMIs; {@code emrRelease} as written (emr-5.29.0). */
    public record Entry(String region, String hailVersion, String vepVersion, String emrRelease, String amiId,
                        String note) {

        /** "Hail 0.2.32 + VEP 99 on emr-5.29.0 (ami-…)". */
        public String describe() {
            return "Hail " + hailVersion + ("none".equals(vepVersion) ? " without VEP" : " + VEP " + vepVersion)
                    + " on " + emrLabel() + " (" + amiId + ")";
        }

        /** The release as a label, whichever way the catalogue writes it: emr-5.29.0. */
        public String emrLabel() {
            return emrRelease.startsWith("emr-") ? emrRelease : "emr-" + emrRelease;
        }

        /** The EMR major release: 5 for "5.29.0" or "emr-5.29.0". */
        public String emrMajor() {
            return major(emrRelease);
        }
    }

    public static PublicAmis parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : csv.split("\r?\n")) {
            lineNo++;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            rows.add(fields(line, lineNo));
        }
        if (rows.isEmpty()) {
            return new PublicAmis(List.of());
        }
        Map<String, Integer> col = columns(rows.get(0));
        List<Entry> entries = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            entries.add(new Entry(get(r, col, "region"), get(r, col, "hail"), vep(get(r, col, "vep")),
                    get(r, col, "emr"), get(r, col, "ami"), col.containsKey("note") ? get(r, col, "note") : ""));
        }
        return new PublicAmis(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<Entry> inRegion(String region) {
        return entries.stream().filter(e -> e.region().equals(region)).toList();
    }

    /**
     * The catalogue AMI for these versions in {@code region}, or a refusal naming what the catalogue
     * has there, or why the match cannot run with {@code releaseLabel}.
     */
    public Entry resolve(String region, String hailVersion, String vepVersion, String releaseLabel) {
        Optional<Entry> match = entries.stream()
                .filter(e -> e.region().equals(region) && e.hailVersion().equals(hailVersion)
                        && e.vepVersion().equals(vepVersion))
                .max(Comparator.comparing(Entry::emrRelease));
        if (match.isEmpty()) {
            List<Entry> here = inRegion(region);
            String has = here.isEmpty()
                    ? "it has no AMIs in " + region + " at all (regions: " + String.join(", ", regions()) + ")"
                    : "in " + region + " it has only legacy EMR 5.x AMIs: "
                            + String.join(", ", here.stream().map(Entry::describe).toList());
            throw new HailctlException(ExitCode.REFUSED, "ami.source = public: the public AMI catalogue has no AMI for Hail "
                    + hailVersion + ("none".equals(vepVersion) ? " without VEP" : " with VEP " + vepVersion) + " in "
                    + region + "; " + has, ALTERNATIVES);
        }
        Entry e = match.get();
        String wanted = major(releaseLabel);
        if (!e.emrMajor().equals(wanted)) {
            throw new HailctlException(ExitCode.REFUSED, "ami.source = public: " + e.amiId() + " (Hail " + e.hailVersion()
                    + ", VEP " + e.vepVersion() + ") is a legacy AMI for " + e.emrLabel() + "; emr.releaseLabel = "
                    + releaseLabel + " cannot boot it (EMR " + wanted + " needs a custom AMI built for its own release line"
                    + ("7".equals(wanted) ? ", on Amazon Linux 2023" : "") + ")", ALTERNATIVES);
        }
        return e;
    }

    private List<String> regions() {
        return List.copyOf(new TreeSet<>(entries.stream().map(Entry::region).toList()));
    }

    private static String major(String release) {
        String r = release.startsWith("emr-") ? release.substring(4) : release;
        int dot = r.indexOf('.');
        return dot < 0 ? r : r.substring(0, dot);
    }

    private static String vep(String v) {
        String t = v.strip();
        return t.isEmpty() || t.equals("-") || t.equalsIgnoreCase("none") ? "none" : t;
    }

    /** Header name → column: "region", "hail", "vep", "emr", "ami" and optionally "note" (any spelling around them). */
    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> col = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            for (String name : List.of("region", "hail", "vep", "emr", "ami", "note", "legacy")) {
                if (h.startsWith(name) && !col.containsKey(name)) {
                    col.put(name.equals("legacy") ? "note" : name, i);
                    break;
                }
            }
        }
        for (String needed : List.of("region", "hail", "vep", "emr", "ami")) {
            if (!col.containsKey(needed)) {
                throw new HailctlException(ExitCode.INTERNAL, "the bundled public AMI catalogue has no '" + needed
                        + "' column (header: " + String.join(",", header) + ")");
            }
        }
        return col;
    }

    private static String get(List<String> row, Map<String, Integer> col, String name) {
        int i = col.get(name);
        return i < row.size() ? row.get(i).strip() : "";
    }

    /** One CSV line (RFC 4180 quoting: "a, b" and doubled quotes). */
    private static List<String> fields(String line, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new HailctlException(ExitCode.INTERNAL, "the bundled public AMI catalogue has an unclosed quote on line " + lineNo);
        }
        out.add(cur.toString());
        return out;
    }
}

package io.hailctl.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusterNamesTest {
    @Test
    void theClustersListGivesItsEntriesNamesInOrder() {
        assertEquals(List.of("hail", "big-one", "qc2"), ClusterNames.of("""
                environment: demo
                clusters:
                  - name: hail
                    coreCount: 2
                  - name: big-one
                    coreType: r5.2xlarge
                  - name: qc2
                """));
    }

    @Test
    void theLegacyEmrBlockGivesItsNameOrHail() {
        assertEquals(List.of("legacy"), ClusterNames.of("""
                environment: demo
                emr:
                  name: legacy
                  coreCount: 3
                """));
        assertEquals(List.of("hail"), ClusterNames.of("""
                environment: demo
                emr:
                  coreCount: 3
                """));
    }

    @Test
    void neitherIsTheDefaultClusterAndAnEmptyListIsNone() {
        assertEquals(List.of("hail"), ClusterNames.of("environment: demo\n"));
        assertEquals(List.of(), ClusterNames.of("environment: demo\nclusters: []\n"));
    }

    /** Completion only offers what a command would accept, and never fails. */
    @Test
    void invalidNamesDuplicatesAndUnreadableFilesGiveNothingForThem(@TempDir Path dir) {
        assertEquals(List.of("ok"), ClusterNames.of("""
                clusters:
                  - name: Bad_Name
                  - name: ok
                  - name: ok
                  - coreCount: 2
                  - name: [not, text]
                """));
        assertEquals(List.of(), ClusterNames.of("clusters: [\n"), "YAML syntax error");
        assertEquals(List.of(), ClusterNames.of("- a list\n- at the top\n"));
        assertEquals(List.of(), ClusterNames.in(dir.resolve("missing.yaml")));
        assertEquals(List.of(), ClusterNames.in(dir), "a directory");
    }
}

package io.hailctl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hailctl.HailctlException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StarterConfigTest {
    private final ConfigLoader loader = new ConfigLoader(new Precedence(Map.of()));

    @Test
    void theStarterFileLoadsCleanlyWithTheDefaults() {
        HailctlConfig config = loader.parse(StarterConfig.placeholder().text(), "hailctl.yaml", Overrides.none());

        assertEquals("dev", config.environment());
        assertEquals(Optional.of("us-east-1"), config.region());
        assertEquals(new Network("vpc-0123456789abcdef0", "subnet-0123456789abcdef0"), config.network());
        assertEquals(new Buckets("my-org-dev-hail", "my-org-dev-logs", "my-org-dev-jupyter"), config.buckets());
        assertEquals(NotebookDefaults.DEFAULTS, config.notebooks());
        assertEquals(List.of(), config.users());
        assertEquals(Optional.empty(), config.efs());
        assertEquals(AmiSpec.DEFAULTS, config.ami());
        assertEquals(EmrSpec.DEFAULTS, config.clusters().get(0));
        assertEquals(Map.of(), config.tags());
    }

    @Test
    void everySettingIsInTheFileSetOrCommentedOut() {
        String text = StarterConfig.placeholder().text();
        Stream.of(ConfigReader.ROOT_KEYS, ConfigReader.NETWORK_KEYS, ConfigReader.BUCKET_KEYS,
                        ConfigReader.NOTEBOOK_KEYS, ConfigReader.USER_KEYS, ConfigReader.EFS_KEYS, ConfigReader.AMI_KEYS,
                        ConfigReader.EMR_KEYS)
                .flatMap(List::stream)
                .forEach(key -> assertTrue(text.contains(" " + key + ":") || text.contains("\n" + key + ":"),
                        key + " is missing from the starter file"));
    }

    @Test
    void everyCommentedSettingStillValidatesWhenUncommented() {
        String uncommented = StarterConfig.placeholder().text()
                .replaceAll("(?m)^(\\s*)# (\\w+: \\S+)(\\s+#.*)?$", "$1$2")
                .replaceAll("(?m)^# (efs|tags):$", "$1:")
                .replaceAll("(?m)^#  ( (fileSystemId|team): .*)$", " $1")
                .replaceAll("(?m)^# (region|profile|legacySsmParameters): ", "$1: ")
                .replace("region: us-east-1\nprofile", "profile");

        HailctlConfig config = loader.parse(uncommented, "hailctl.yaml", Overrides.none());

        assertEquals(Optional.of(new EfsSpec("fs-0123456789abcdef0")), config.efs());
        assertEquals(Map.of("team", "genomics"), config.tags());
        assertEquals(Optional.of("default"), config.profile());
        assertEquals(EmrSpec.DEFAULTS, config.clusters().get(0));
        assertEquals(NotebookDefaults.DEFAULTS, config.notebooks());
    }

    @Test
    void environmentAndRegionAreFilledIn() {
        HailctlConfig config = loader.parse(new StarterConfig("genomics-eu", Optional.of("eu-west-1")).text(),
                "hailctl.yaml", Overrides.none());
        assertEquals("genomics-eu", config.environment());
        assertEquals(Optional.of("eu-west-1"), config.region());
        assertEquals("my-org-genomics-eu-jupyter", config.buckets().jupyter());

        String withoutRegion = new StarterConfig("dev", Optional.empty()).text();
        assertTrue(withoutRegion.contains("\n# region: us-east-1\n"), withoutRegion);
        assertEquals(Optional.empty(), loader.parse(withoutRegion, "hailctl.yaml", Overrides.none()).region());
    }

    @Test
    void badInputsAreRefusedBeforeAnythingIsWritten() {
        assertEquals("environment \"Dev\": environment names are 2 to 20 lowercase letters, digits and single"
                        + " hyphens, starting with a letter and ending with a letter or digit (they prefix every stack"
                        + " name)",
                assertThrows(HailctlException.class, () -> new StarterConfig("Dev", Optional.empty())).getMessage());
        assertEquals("region \"mars\": not an AWS region name like us-east-1 or eu-west-2",
                assertThrows(HailctlException.class, () -> new StarterConfig("dev", Optional.of("mars")))
                        .getMessage());
    }
}

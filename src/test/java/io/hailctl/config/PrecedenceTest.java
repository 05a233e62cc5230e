package io.hailctl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrecedenceTest {
    private static final Optional<String> NONE = Optional.empty();

    @Test
    void regionFlagBeatsEverything() {
        Precedence p = new Precedence(Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "eu-west-2"));

        assertEquals(Optional.of(new Setting("us-east-2", Setting.Source.FLAG, "--region")),
                p.region(Optional.of("us-east-2"), Optional.of("eu-west-3"), "hailctl.yaml"));
    }

    @Test
    void awsRegionBeatsAwsDefaultRegionWhichBeatsTheFile() {
        Precedence both = new Precedence(Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "eu-west-2"));
        Precedence defaultOnly = new Precedence(Map.of("AWS_DEFAULT_REGION", "eu-west-2"));

        assertEquals(Optional.of(new Setting("eu-west-1", Setting.Source.ENVIRONMENT, "AWS_REGION")),
                both.region(NONE, Optional.of("eu-west-3"), "hailctl.yaml"));
        assertEquals(Optional.of(new Setting("eu-west-2", Setting.Source.ENVIRONMENT, "AWS_DEFAULT_REGION")),
                defaultOnly.region(NONE, Optional.of("eu-west-3"), "hailctl.yaml"));
    }

    @Test
    void theFileIsTheLastSourceAndNothingIsEmpty() {
        Precedence p = new Precedence(Map.of());

        assertEquals(Optional.of(new Setting("eu-west-3", Setting.Source.FILE, "conf/x.yaml")),
                p.region(NONE, Optional.of("eu-west-3"), "conf/x.yaml"));
        assertEquals(Optional.empty(), p.region(NONE, NONE, "hailctl.yaml"));
        assertEquals(Optional.empty(), p.profile(NONE, NONE, "hailctl.yaml"));
    }

    @Test
    void blankVariablesCountAsUnset() {
        Precedence p = new Precedence(Map.of("AWS_REGION", "", "AWS_DEFAULT_REGION", " ", "AWS_PROFILE", "",
                "HAILCTL_CONFIG", ""));

        assertEquals(Optional.of(new Setting("eu-west-3", Setting.Source.FILE, "hailctl.yaml")),
                p.region(NONE, Optional.of("eu-west-3"), "hailctl.yaml"));
        assertEquals(Optional.empty(), p.profile(NONE, NONE, "hailctl.yaml"));
        assertEquals(Path.of("hailctl.yaml"), p.configFile(Optional.empty()));
    }

    @Test
    void profileFlagBeatsAwsProfileWhichBeatsTheFile() {
        Precedence p = new Precedence(Map.of("AWS_PROFILE", "env"));

        assertEquals(Optional.of(new Setting("flag", Setting.Source.FLAG, "--profile")),
                p.profile(Optional.of("flag"), Optional.of("file"), "hailctl.yaml"));
        assertEquals(Optional.of(new Setting("env", Setting.Source.ENVIRONMENT, "AWS_PROFILE")),
                p.profile(NONE, Optional.of("file"), "hailctl.yaml"));
        assertEquals(Optional.of(new Setting("file", Setting.Source.FILE, "hailctl.yaml")),
                new Precedence(Map.of()).profile(NONE, Optional.of("file"), "hailctl.yaml"));
    }

    @Test
    void configFileFlagBeatsHailctlConfigWhichBeatsTheDefault() {
        Precedence p = new Precedence(Map.of("HAILCTL_CONFIG", "/etc/hailctl/prod.yaml"));

        assertEquals(Path.of("mine.yaml"), p.configFile(Optional.of(Path.of("mine.yaml"))));
        assertEquals(Path.of("/etc/hailctl/prod.yaml"), p.configFile(Optional.empty()));
        assertEquals(Path.of("hailctl.yaml"), new Precedence(Map.of()).configFile(Optional.empty()));
    }
}

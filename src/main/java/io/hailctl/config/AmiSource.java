package io.hailctl.config;

import java.util.Objects;

/** Where the EMR cluster's AMI comes from ({@code ami.source}). */
public sealed interface AmiSource permits AmiSource.DefaultAmi, AmiSource.PublicCatalogue, AmiSource.Build,
        AmiSource.Explicit {

    /** The value as written in {@code hailctl.yaml}. */
    String yamlValue();

    /** EMR's own Amazon Linux 2023 AMI; Hail is installed by a bootstrap action at boot. */
    record DefaultAmi() implements AmiSource {
        @Override
        public String yamlValue() {
            return "default";
        }
    }

    /** A pre-built AMI from the original solution's public catalogue (EMR 5.x era). */
    record PublicCatalogue() implements AmiSource {
        @Override
        public String yamlValue() {
            return "public";
        }
    }

    /** An AMI built by {@code hailctl build-ami} (CodeBuild running Packer). */
    record Build() implements AmiSource {
        @Override
        public String yamlValue() {
            return "build";
        }
    }

    /** An AMI the user already has. */
    record Explicit(String amiId) implements AmiSource {
        public Explicit {
            Objects.requireNonNull(amiId, "amiId");
        }

        @Override
        public String yamlValue() {
            return amiId;
        }
    }
}

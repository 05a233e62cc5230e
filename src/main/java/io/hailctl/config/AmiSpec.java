package io.hailctl.config;

import java.util.Objects;
import java.util.OptionalInt;

/** The AMI choice and the Hail and VEP versions installed on it (or at boot, for the default AMI). */
public record AmiSpec(AmiSource source, String hailVersion, String vepVersion) {
    public static final String NO_VEP = "none";
    public static final AmiSpec DEFAULTS = new AmiSpec(new AmiSource.DefaultAmi(), "0.2.139", NO_VEP);

    public AmiSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(hailVersion, "hailVersion");
        Objects.requireNonNull(vepVersion, "vepVersion");
    }

    /** The Ensembl release to install, empty for {@value #NO_VEP}. */
    public OptionalInt vepRelease() {
        return NO_VEP.equals(vepVersion) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(vepVersion));
    }
}

package io.hailctl.deploy.ami;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.bundle.Bundle;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PublicAmisTest {
    /** The shipped catalogue (catalog/public-amis.csv). */
    private final PublicAmis bundled = PublicAmis.parse(new Bundle().text("catalog/public-amis.csv"));

    @Test
    void theBundledCatalogueHasTheOriginalsEighteenAmisAllLegacyEmr5() {
        assertEquals(18, bundled.entries().size());
        assertEquals(6, bundled.inRegion("us-east-1").size());
        assertEquals(new PublicAmis.Entry("us-east-1", "0.2.32", "99", "emr-5.29.0", "ami-070a61a0df447c1f9",
                "legacy EMR 5.x (Amazon Linux 1; Spark 2.4); not usable with EMR 7 or Hail >= 0.2.131"),
                bundled.entries().get(0));
        assertEquals("none", bundled.entries().stream().filter(e -> e.amiId().equals("ami-081a850d47216fdf9"))
                .findFirst().orElseThrow().vepVersion(), "Hail-only rows");
        bundled.entries().forEach(e -> assertEquals("5", e.emrMajor(), e.toString()));
    }

    @Test
    void noMatchNamesWhatTheCatalogueHasInTheRegion() {
        HailctlException e = assertThrows(HailctlException.class,
                () -> bundled.resolve("us-west-2", "0.2.139", "none", "emr-7.12.0"));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("ami.source = public: the public AMI catalogue has no AMI for Hail 0.2.139 without VEP in us-west-2; "
                + "in us-west-2 it has only legacy EMR 5.x AMIs: Hail 0.2.32 + VEP 99 on emr-5.29.0 (ami-00ec4cab7cfc07ebc), "
                + "Hail 0.2.31 + VEP 99 on emr-5.29.0 (ami-0af36d6360120ea35), Hail 0.2.29 + VEP 98 on emr-5.28.0 "
                + "(ami-0aa2d49e3149759e9), Hail 0.2.32 without VEP on emr-5.29.0 (ami-0c5bedc3759e69114), Hail 0.2.31 "
                + "without VEP on emr-5.29.0 (ami-07fc30be8fe168cdb), Hail 0.2.29 without VEP on emr-5.28.0 "
                + "(ami-0d8c99d07ae2ebc5b)", e.getMessage());
        assertEquals("Use ami.source: default (Hail installed at boot) or build (hailctl build-ami).", e.hint().orElseThrow());
    }

    @Test
    void aRegionWithoutAnyEntryNamesTheRegionsThatHaveSome() {
        HailctlException e = assertThrows(HailctlException.class,
                () -> bundled.resolve("eu-west-1", "0.2.139", "116", "emr-7.12.0"));
        assertEquals("ami.source = public: the public AMI catalogue has no AMI for Hail 0.2.139 with VEP 116 in eu-west-1; "
                + "it has no AMIs in eu-west-1 at all (regions: us-east-1, us-east-2, us-west-2)", e.getMessage());
    }

    @Test
    void aLegacyMatchIsRefusedWithTheReasonWhenTheClusterIsEmr7() {
        HailctlException e = assertThrows(HailctlException.class,
                () -> bundled.resolve("us-east-1", "0.2.32", "99", "emr-7.12.0"));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("ami.source = public: ami-070a61a0df447c1f9 (Hail 0.2.32, VEP 99) is a legacy AMI for emr-5.29.0; "
                + "emr.releaseLabel = emr-7.12.0 cannot boot it (EMR 7 needs a custom AMI built for its own release line, "
                + "on Amazon Linux 2023)", e.getMessage());
    }

    @Test
    void aMatchForTheSameEmrReleaseLineIsUsed() {
        assertEquals("ami-081a850d47216fdf9", bundled.resolve("us-east-1", "0.2.32", "none", "emr-5.29.0").amiId());
        PublicAmis future = PublicAmis.parse("""
                # columns in another order, quoted notes
                ami_id,region,emr_release,vep_version,hail_version,legacy_note
                ami-0123456789abcdef0,eu-west-1,emr-7.12.0,,0.2.139,"AL2023, EMR 7"
                """);
        PublicAmis.Entry e = future.resolve("eu-west-1", "0.2.139", "none", "emr-7.12.0");
        assertEquals(new PublicAmis.Entry("eu-west-1", "0.2.139", "none", "emr-7.12.0", "ami-0123456789abcdef0",
                "AL2023, EMR 7"), e);
    }
}

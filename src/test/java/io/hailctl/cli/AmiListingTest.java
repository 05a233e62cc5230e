package io.hailctl.cli;

import io.hailctl.deploy.ami.Images;
import io.hailctl.deploy.ami.PublicAmis;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AmiListingTest {
    private static final List<PublicAmis.Entry> CATALOGUE = List.of(
            new PublicAmis.Entry("us-west-2", "0.2.32", "99", "emr-5.29.0", "ami-00ec4cab7cfc07ebc", "legacy"),
            new PublicAmis.Entry("us-east-1", "0.2.32", "none", "emr-5.29.0", "ami-081a850d47216fdf9", "legacy"));

    @Test
    void textShowsTheLegacyCatalogueTheBuiltAmisAndDeploysChoice() {
        Images.Image built = new Images.Image("ami-0aaaaaaaaaaaaaaa1", "hail-0.2.139-vep-none", "available",
                Instant.parse("2026-11-25T12:34:56Z"), Map.of("hail-version", "0.2.139", "vep-version", "none",
                "emr-release", "emr-7.12.0", "hailctl:build-id", "demo-hail-ami:b1"));
        AmiListing listing = new AmiListing(CATALOGUE, Optional.of("demo"), Optional.of("us-east-1"), List.of(built),
                Optional.of(new AmiListing.Choice("build", "ami-0aaaaaaaaaaaaaaa1", "ami-0aaaaaaaaaaaaaaa1, built for Hail "
                        + "0.2.139, VEP none, emr-7.12.0, bundle 3f9a0c1b2d4e")));
        StringWriter out = new StringWriter();
        listing.text(new PrintWriter(out, true), "hailctl.yaml");
        assertEquals("""
                Public AMI catalogue of the original solution (legacy EMR 5.x on Amazon Linux 1 (Spark 2.4): none of these boots on EMR 7 or runs Hail >= 0.2.131):
                  REGION    HAIL   VEP  EMR        AMI
                  us-east-1 0.2.32 none emr-5.29.0 ami-081a850d47216fdf9
                  us-west-2 0.2.32 99   emr-5.29.0 ami-00ec4cab7cfc07ebc

                AMIs built by environment demo in us-east-1 (newest first):
                  AMI                   CREATED (UTC)    HAIL    VEP  EMR        STATE     BUILD
                  ami-0aaaaaaaaaaaaaaa1 2026-11-25 12:34 0.2.139 none emr-7.12.0 available demo-hail-ami:b1

                deploy would use (ami.source: build): ami-0aaaaaaaaaaaaaaa1, built for Hail 0.2.139, VEP none, emr-7.12.0, bundle 3f9a0c1b2d4e
                """, out.toString());
    }

    @Test
    void withoutAnEnvironmentOnlyTheCatalogueAndWhy() {
        StringWriter out = new StringWriter();
        new AmiListing(CATALOGUE, Optional.empty(), Optional.empty(), List.of(), Optional.empty())
                .text(new PrintWriter(out, true), "hailctl.yaml");
        assertEquals("No hailctl.yaml here: built AMIs and the one deploy would use need an environment (hailctl init "
                + "writes one).", out.toString().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void jsonMarksEveryCatalogueEntryLegacy() {
        StringWriter out = new StringWriter();
        new AmiListing(CATALOGUE.subList(1, 2), Optional.of("demo"), Optional.of("us-east-1"), List.of(),
                Optional.of(new AmiListing.Choice("default", "", "EMR's default AMI"))).json(new PrintWriter(out, true));
        assertEquals("{\"environment\":\"demo\",\"region\":\"us-east-1\",\"catalogue\":[{\"region\":\"us-east-1\","
                + "\"hailVersion\":\"0.2.32\",\"vepVersion\":\"none\",\"emrRelease\":\"emr-5.29.0\",\"amiId\":"
                + "\"ami-081a850d47216fdf9\",\"legacy\":true,\"note\":\"legacy\"}],\"built\":[],\"deployWouldUse\":"
                + "{\"source\":\"default\",\"amiId\":\"\",\"detail\":\"EMR's default AMI\"}}\n", out.toString());
    }
}

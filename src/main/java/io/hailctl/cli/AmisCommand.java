package io.hailctl.cli;

import io.hailctl.HailctlException;
import io.hailctl.config.AmiSource;
import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.ami.BuildKey;
import io.hailctl.deploy.ami.BuiltAmis;
import io.hailctl.deploy.ami.Images;
import io.hailctl.deploy.ami.PublicAmis;
import io.hailctl.deploy.preflight.Ec2Facts;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

@Command(name = "amis", description = "The public AMI catalogue (legacy EMR 5.x), AMIs built by this environment, and which one `deploy` would use.")
final class AmisCommand extends CommandBase {
    AmisCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        Invocation inv = invocation();
        Wiring wiring = new Wiring(inv);
        PublicAmis catalogue = wiring.publicAmis();
        AmiListing listing;
        // The catalogue needs no environment: without hailctl.yaml it is all there is to show.
        if (!Files.exists(inv.configPath())) {
            listing = new AmiListing(catalogue.entries(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
        } else {
            HailctlConfig config = inv.config();
            String region = inv.aws().region();
            BuiltAmis built = wiring.builtAmis();
            listing = new AmiListing(catalogue.entries(), Optional.of(config.environment()), Optional.of(region),
                    built.inEnvironment(config.environment()), Optional.of(choice(config, region, wiring, built)));
        }
        if (inv.json()) {
            listing.json(inv.host().out());
        } else {
            listing.text(inv.host().out(), inv.configPath().getFileName().toString());
        }
        inv.host().out().flush();
        return 0;
    }

    /** What `deploy` would do about the AMI, decided the way the AMI step decides it, without writing. */
    private static AmiListing.Choice choice(HailctlConfig config, String region, Wiring wiring, BuiltAmis built) {
        AmiSource source = config.ami().source();
        String hail = config.ami().hailVersion();
        String vep = config.ami().vepVersion();
        String release = config.clusterDefaults().releaseLabel();
        if (source instanceof AmiSource.DefaultAmi) {
            return new AmiListing.Choice(source.yamlValue(), "", "EMR's default AMI for " + release + ", Hail " + hail
                    + " installed at boot");
        }
        if (source instanceof AmiSource.Explicit explicit) {
            Optional<Ec2Facts.Image> image = wiring.ec2().image(explicit.amiId());
            return image.map(i -> new AmiListing.Choice(source.yamlValue(), i.id(), i.id() + " (" + i.name() + ", " + i.state() + ")"))
                    .orElse(new AmiListing.Choice(source.yamlValue(), "", "none: " + explicit.amiId()
                            + " does not exist in " + region + " (deploy refuses)"));
        }
        if (source instanceof AmiSource.PublicCatalogue) {
            try {
                PublicAmis.Entry e = wiring.publicAmis().resolve(region, hail, vep, release);
                return new AmiListing.Choice(source.yamlValue(), e.amiId(), e.describe());
            } catch (HailctlException refused) {
                return new AmiListing.Choice(source.yamlValue(), "", "none, deploy refuses: " + refused.getMessage());
            }
        }
        BuildKey key = new BuildKey(config.environment(), hail, vep, release, wiring.packerBundle().sha256());
        Optional<Images.Image> match = built.matching(key);
        if (match.isPresent()) {
            return new AmiListing.Choice(source.yamlValue(), match.get().id(), match.get().id() + ", built for " + key.describe());
        }
        Optional<Images.Image> latest = built.recorded(BuiltAmis.latestParameter(config.environment()));
        String none = "none built for " + key.describe() + " yet: deploy all (or build-ami) builds one";
        return latest.map(l -> new AmiListing.Choice(source.yamlValue(), l.id(), none + "; until then deploy emr uses the "
                        + "latest built, " + l.id() + " (Hail " + l.tag(BuildKey.TAG_HAIL) + ", VEP " + l.tag(BuildKey.TAG_VEP)
                        + ", " + l.tag(BuildKey.TAG_EMR) + ")"))
                .orElse(new AmiListing.Choice(source.yamlValue(), "", none));
    }
}

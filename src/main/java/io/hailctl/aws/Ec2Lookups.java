package io.hailctl.aws;

import io.hailctl.deploy.preflight.Ec2Facts;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LocationType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@link Ec2Facts} on EC2. */
public final class Ec2Lookups implements Ec2Facts {
    private final Ec2Client ec2;
    private final Optional<SubnetTagsSeen> tagsSeen;

    public Ec2Lookups(Ec2Client ec2) {
        this(ec2, Optional.empty());
    }

    /** Telling {@code tagsSeen} the tags of every subnet it reads (the subnet-tag step's answer, for free). */
    public Ec2Lookups(Ec2Client ec2, Optional<SubnetTagsSeen> tagsSeen) {
        this.ec2 = ec2;
        this.tagsSeen = tagsSeen;
    }

    @Override
    public Optional<String> defaultVpc() {
        return AwsCalls.call(() -> ec2.describeVpcs(b -> b.filters(filter("is-default", "true"))).vpcs().stream()
                .map(v -> v.vpcId()).findFirst());
    }

    @Override
    public Optional<Ec2Facts.Subnet> subnet(String subnetId) {
        try {
            return ec2.describeSubnets(b -> b.subnetIds(subnetId)).subnets().stream().map(this::toSubnet).findFirst();
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && "InvalidSubnetID.NotFound".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public List<Ec2Facts.Subnet> subnets(String vpcId) {
        return AwsCalls.call(() -> {
            List<Ec2Facts.Subnet> out = new ArrayList<>();
            ec2.describeSubnetsPaginator(b -> b.filters(filter("vpc-id", vpcId))).subnets()
                    .forEach(s -> out.add(toSubnet(s)));
            return out;
        });
    }

    @Override
    public List<Ec2Facts.Subnet> defaultSubnets() {
        return AwsCalls.call(() -> {
            List<Ec2Facts.Subnet> out = new ArrayList<>();
            ec2.describeSubnetsPaginator(b -> b.filters(filter("default-for-az", "true"))).subnets()
                    .forEach(s -> out.add(toSubnet(s)));
            return out;
        });
    }

    @Override
    public Set<String> offeredInstanceTypes(String availabilityZone, Collection<String> types) {
        return AwsCalls.call(() -> {
            Set<String> out = new TreeSet<>();
            ec2.describeInstanceTypeOfferingsPaginator(b -> b.locationType(LocationType.AVAILABILITY_ZONE)
                            .filters(filter("location", availabilityZone),
                                    Filter.builder().name("instance-type").values(types).build()))
                    .instanceTypeOfferings().forEach(o -> out.add(o.instanceTypeAsString()));
            return out;
        });
    }

    @Override
    public Optional<Ec2Facts.Image> image(String amiId) {
        try {
            List<software.amazon.awssdk.services.ec2.model.Image> images = ec2.describeImages(b -> b.imageIds(amiId)).images();
            return images.stream().findFirst().map(i -> new Ec2Facts.Image(i.imageId(), i.name(), i.stateAsString(),
                    i.architectureAsString()));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if ("InvalidAMIID.NotFound".equals(code) || "InvalidAMIID.Malformed".equals(code)) {
                return Optional.empty();
            }
            throw AwsCalls.translated(e);
        }
    }

    private Ec2Facts.Subnet toSubnet(software.amazon.awssdk.services.ec2.model.Subnet s) {
        tagsSeen.ifPresent(seen -> {
            java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
            s.tags().forEach(t -> tags.put(t.key(), t.value()));
            seen.saw(s.subnetId(), tags);
        });
        return new Ec2Facts.Subnet(s.subnetId(), s.vpcId(), s.availabilityZone(), Boolean.TRUE.equals(s.defaultForAz()));
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}

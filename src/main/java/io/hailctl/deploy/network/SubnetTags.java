package io.hailctl.deploy.network;

import java.util.Map;

/** Tags of a subnet (port). */
public interface SubnetTags {
    Map<String, String> tags(String subnetId);

    void add(String subnetId, Map<String, String> tags);
}

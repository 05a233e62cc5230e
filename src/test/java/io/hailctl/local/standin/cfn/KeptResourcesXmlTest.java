package io.hailctl.local.standin.cfn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** moto's answers after an UpdateStack that dropped the cluster (as moto 5.2.5 writes them), corrected. */
class KeptResourcesXmlTest {
    private static final String NS = "xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"";
    private static final String ID = "arn:aws:cloudformation:us-east-1:123456789012:stack/s/8d26";

    @Test
    void describeStacksGainsOnlyTheOutputsItLost() {
        String moto = "<DescribeStacksResponse " + NS + "><DescribeStacksResult><Stacks><member><StackId>" + ID
                + "</StackId><Outputs><member><OutputKey>Other</OutputKey><OutputValue>x-5</OutputValue></member></Outputs>"
                + "</member><member><StackId>other</StackId></member></Stacks></DescribeStacksResult></DescribeStacksResponse>";
        String fixed = KeptResourcesXml.withOutputs(moto, id -> id.equals(ID)
                ? Optional.of(Map.of("ClusterId", "j-ABC", "Other", "recomputed")) : Optional.empty());
        assertTrue(fixed.contains("<member><OutputKey>ClusterId</OutputKey><OutputValue>j-ABC</OutputValue></member>"), fixed);
        assertTrue(fixed.contains("<OutputValue>x-5</OutputValue>"), "moto's own outputs are kept: " + fixed);
        assertFalse(fixed.contains("recomputed"), fixed);
        assertEquals(1, fixed.split("<OutputKey>ClusterId").length - 1, "only the stack that kept resources: " + fixed);
    }

    @Test
    void resourceListingsNameTheDroppedResourcesAgain() {
        String moto = "<ListStackResourcesResponse " + NS + "><ListStackResourcesResult><StackResourceSummaries>"
                + "<member><LogicalResourceId/><PhysicalResourceId/><ResourceType/><ResourceStatus>CREATE_COMPLETE</ResourceStatus></member>"
                + "<member><LogicalResourceId>Role</LogicalResourceId><PhysicalResourceId>r-1</PhysicalResourceId>"
                + "<ResourceType>AWS::IAM::Role</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus></member>"
                + "</StackResourceSummaries></ListStackResourcesResult></ListStackResourcesResponse>";
        String fixed = KeptResourcesXml.withResources(moto, "StackResourceSummaries",
                List.of(new KeptResourcesXml.Resource("Cluster", "j-ABC", "AWS::EMR::Cluster")));
        assertTrue(fixed.contains("<member><LogicalResourceId>Cluster</LogicalResourceId><PhysicalResourceId>j-ABC</PhysicalResourceId>"
                + "<ResourceType>AWS::EMR::Cluster</ResourceType><ResourceStatus>UPDATE_COMPLETE</ResourceStatus></member>"), fixed);
        assertTrue(fixed.contains("<PhysicalResourceId>r-1</PhysicalResourceId>"), fixed);
        assertFalse(fixed.contains("<LogicalResourceId/>"), fixed);
    }
}

package io.hailctl.local.standin.cfn;

import io.hailctl.bundle.Bundle;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled templates resolved as CloudFormation would, and each intrinsic function on its own. */
class IntrinsicsTest {
    private static final Map<String, String> PSEUDO = Map.of("AWS::Region", "us-east-1", "AWS::AccountId", "123456789012",
            "AWS::StackName", "demo-ami", "AWS::Partition", "aws", "AWS::URLSuffix", "amazonaws.com");

    @Test
    @SuppressWarnings("unchecked")
    void theAmiStacksBuildProjectResolvesToItsSettings() {
        CfnTemplate t = CfnTemplate.parse(new Bundle().template("hail-ami.yml"));
        Map<String, String> params = new HashMap<>(t.parameterDefaults());
        params.putAll(Map.of("EnvironmentName", "demo", "HailBucket", "demo-hail", "VpcId", "vpc-1", "SubnetId", "subnet-1"));
        Map<String, String> physical = Map.of("BuildRole", "demo-ami-BuildRole-ABC", "BuildLogGroup", "/aws/codebuild/demo-hail-ami",
                "BuildSecurityGroup", "sg-1", "PackerInstanceProfile", "demo-ami-PackerInstanceProfile-X");
        Map<String, String> types = Map.of("BuildRole", "AWS::IAM::Role");
        Intrinsics in = new Intrinsics(t, StackFacts.of(params, PSEUDO, physical, types, Map.of()));

        assertEquals(List.of("BuildProject"), t.resourcesOfType("AWS::CodeBuild::Project"));
        Map<String, Object> p = in.properties("BuildProject");
        assertEquals("demo-hail-ami", p.get("Name"));
        assertEquals("arn:aws:iam::123456789012:role/demo-ami-BuildRole-ABC", p.get("ServiceRole"));
        Map<String, Object> source = (Map<String, Object>) p.get("Source");
        assertEquals("demo-hail/" + params.get("PackerBundleKey"), source.get("Location"));
        List<Map<String, Object>> vars = (List<Map<String, Object>>) ((Map<String, Object>) p.get("Environment")).get("EnvironmentVariables");
        assertTrue(vars.contains(Map.of("Name", "AMI_PARAMETER_PREFIX", "Value", "/hail/demo/ami")), vars.toString());
        assertTrue(vars.contains(Map.of("Name", "BUILD_SECURITY_GROUP_ID", "Value", "sg-1")), vars.toString());
    }

    @Test
    void theClusterTemplatesConditionsFollowItsParameters() {
        CfnTemplate t = CfnTemplate.parse(new Bundle().template("hail-emr.yml"));
        Map<String, String> params = new HashMap<>(t.parameterDefaults());
        params.put("TaskInstanceMax", "4");
        params.put("ScalingMode", "rules");
        Intrinsics in = new Intrinsics(t, StackFacts.of(params, PSEUDO, Map.of(), Map.of(), Map.of()));
        assertTrue(in.condition("HasTaskGroup"));
        assertTrue(in.condition("UseScalingRules"));
        assertFalse(in.condition("UseManagedScaling"));

        params.put("TaskInstanceMax", "0");
        Intrinsics none = new Intrinsics(t, StackFacts.of(params, PSEUDO, Map.of(), Map.of(), Map.of()));
        assertFalse(none.condition("UseScalingRules"), "rules need a task group");
        String taskGroup = t.resourcesOfType("AWS::EMR::InstanceGroupConfig").get(0);
        assertFalse(none.created(taskGroup));
    }

    @Test
    void eachFunction() {
        CfnTemplate t = CfnTemplate.parse("""
                Parameters:
                  Env: {Type: String, Default: dev}
                  List: {Type: CommaDelimitedList, Default: "a,b,c"}
                Mappings:
                  Sizes: {dev: {Nodes: "2"}}
                Conditions:
                  IsDev: !Equals [!Ref Env, dev]
                  NotDev: !Not [!Condition IsDev]
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      Name: !Sub "${Env}-${AWS::Region}-${!Literal}"
                      Pair: !Sub ["${A}/${Bucket.Arn}", {A: !Ref Env}]
                      Joined: !Join ["-", [x, !Ref Env]]
                      Second: !Select [1, !Ref List]
                      Split: !Split [",", "p,q"]
                      Nodes: !FindInMap [Sizes, !Ref Env, Nodes]
                      Maybe: !If [NotDev, yes, !Ref AWS::NoValue]
                      Items: [one, !If [IsDev, two, !Ref AWS::NoValue]]
                      Encoded: !Base64 hi
                """);
        Intrinsics in = new Intrinsics(t, StackFacts.of(Map.of("Env", "dev", "List", "a,b,c"), PSEUDO,
                Map.of("Bucket", "dev-bucket"), Map.of("Bucket", "AWS::S3::Bucket"), Map.of()));
        Map<String, Object> p = in.properties("Bucket");
        assertEquals("dev-us-east-1-${Literal}", p.get("Name"));
        assertEquals("dev/arn:aws:s3:::dev-bucket", p.get("Pair"));
        assertEquals("x-dev", p.get("Joined"));
        assertEquals("b", p.get("Second"));
        assertEquals(List.of("p", "q"), p.get("Split"));
        assertEquals("2", p.get("Nodes"));
        assertFalse(p.containsKey("Maybe"), "AWS::NoValue removes the key");
        assertEquals(List.of("one", "two"), p.get("Items"));
        assertEquals("aGk=", p.get("Encoded"));
    }

    @Test
    void whatCannotBeResolvedIsNamed() {
        CfnTemplate t = CfnTemplate.parse("Resources:\n  A:\n    Type: X\n    Properties:\n      V: !GetAtt B.Nope\n");
        Intrinsics in = new Intrinsics(t, StackFacts.of(Map.of(), PSEUDO, Map.of(), Map.of(), Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.properties("A"));
        assertEquals("cannot resolve Fn::GetAtt B.Nope", e.getMessage());
    }
}

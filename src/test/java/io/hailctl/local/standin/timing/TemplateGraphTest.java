package io.hailctl.local.standin.timing;

import io.hailctl.local.standin.cfn.CfnTemplate;
import io.hailctl.local.timing.Resource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TemplateGraphTest {
    private static final CfnTemplate TEMPLATE = CfnTemplate.parse("""
            Parameters:
              Extra: {Type: String, Default: "false"}
            Conditions:
              WithExtra: !Equals [!Ref Extra, "true"]
            Resources:
              Bucket: {Type: AWS::S3::Bucket}
              Role: {Type: AWS::IAM::Role, DependsOn: [Bucket]}
              Param:
                Type: AWS::SSM::Parameter
                Properties:
                  Value: !Sub "${Bucket}/${Role.Arn}/${AWS::Region}/${!Literal}"
                  Name: !GetAtt [Role, RoleId]
              Extra:
                Type: AWS::SSM::Parameter
                Condition: WithExtra
                Properties: {Value: !Ref Param}
            """);

    @Test
    void dependenciesComeFromDependsOnRefGetAttAndSubAndConditionsLeaveResourcesOut() {
        List<Resource> plain = TemplateGraph.resources(TEMPLATE, Map.of());
        assertEquals(List.of("Bucket", "Role", "Param"), plain.stream().map(Resource::logicalId).toList());
        assertEquals(Set.of("Bucket"), plain.get(1).dependsOn());
        assertEquals(Set.of("Bucket", "Role", "AWS::Region"), plain.get(2).dependsOn());
        List<Resource> extra = TemplateGraph.resources(TEMPLATE, Map.of("Extra", "true"));
        assertEquals(new Resource("Extra", "AWS::SSM::Parameter", Set.of("Param")), extra.get(3));
    }
}

package io.hailctl.local.standin.codebuild;

import io.hailctl.local.standin.cfn.DeployedStack;
import io.hailctl.local.standin.cfn.Materialiser;

import java.util.Map;

/**
 * The CodeBuild project a stack declares, which moto's CloudFormation skips: created (or replaced)
 * in the emulator's CodeBuild with the template's resolved settings when the stack is created or
 * updated, deleted with the stack.
 */
public final class ProjectMaterialiser implements Materialiser {
    private final Projects projects;

    public ProjectMaterialiser(Projects projects) {
        this.projects = projects;
    }

    @Override
    public String resourceType() {
        return TemplateProject.TYPE;
    }

    @Override
    public void created(DeployedStack stack, String logicalId, Map<String, Object> properties) {
        ProjectSettings wanted = TemplateProject.settings(stack.name(), logicalId, properties);
        // An update that changes nothing of the project leaves it alone (CloudFormation would too).
        if (projects.find(wanted.name()).filter(wanted::equals).isEmpty()) {
            projects.put(wanted);
        }
    }

    @Override
    public void deleted(DeployedStack stack, String logicalId, Map<String, Object> properties) {
        String name = TemplateProject.settings(stack.name(), logicalId, properties).name();
        if (projects.find(name).isPresent()) {
            projects.delete(name);
        }
    }
}

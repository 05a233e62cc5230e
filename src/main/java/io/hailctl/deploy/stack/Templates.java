package io.hailctl.deploy.stack;

/** The bundled CloudFormation templates, by file name. */
@FunctionalInterface
public interface Templates {
    String body(String file);
}

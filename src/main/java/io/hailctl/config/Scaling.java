package io.hailctl.config;

import java.util.Locale;

/**
 * How the task group scales ({@code emr.scaling}): EMR managed scaling, or the original solution's three
 * CloudWatch-driven rules.
 */
public enum Scaling {
    MANAGED,
    RULES;

    public String yamlValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

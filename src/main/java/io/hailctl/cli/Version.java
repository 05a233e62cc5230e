package io.hailctl.cli;

import picocli.CommandLine.IVersionProvider;

/** The version string, read from the jar manifest (set by Maven) so it is never out of step. */
public final class Version implements IVersionProvider {
    private static final String FALLBACK = "development";

    public static String number() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? FALLBACK : v;
    }

    public static String line() {
        return "hailctl " + number() + " (Hail on Amazon EMR; Java " + Runtime.version().feature() + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }
}

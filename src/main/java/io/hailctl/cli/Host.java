package io.hailctl.cli;

import io.hailctl.aws.CallObserver;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the process was given by the machine: its streams, environment variables and folders.
 * Injected so tests run commands in-process with their own streams and environment.
 *
 * @param interactive true when a person is at a terminal (prompts and live progress are allowed)
 * @param awsCalls    told about every AWS call (tests count them; `-v` adds its own printer)
 * @param interrupts  the process's Ctrl-C ({@link Interrupts#NONE} in-process)
 */
public record Host(PrintWriter out, PrintWriter err, BufferedReader in, Map<String, String> env,
                   Path workingDir, Path home, boolean interactive, CallObserver awsCalls, Interrupts interrupts) {

    public Host(PrintWriter out, PrintWriter err, BufferedReader in, Map<String, String> env,
                Path workingDir, Path home, boolean interactive, CallObserver awsCalls) {
        this(out, err, in, env, workingDir, home, interactive, awsCalls, Interrupts.NONE);
    }

    public Host(PrintWriter out, PrintWriter err, BufferedReader in, Map<String, String> env,
                Path workingDir, Path home, boolean interactive) {
        this(out, err, in, env, workingDir, home, interactive, CallObserver.NONE);
    }

    public String env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}

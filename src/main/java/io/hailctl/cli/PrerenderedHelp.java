package io.hailctl.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code hailctl --help} without building picocli's model of 23 commands (about 90 ms of reflection
 * on a 2-core machine; see BENCHMARKS.md). The texts are picocli's own rendering of the root usage,
 * plain and with ANSI styles, kept as resources; {@code PrerenderedHelpTest} renders both with
 * picocli and fails when either differs (it also shows how to regenerate them), so they cannot drift.
 *
 * <p>They are used only where picocli would print exactly them: when the width picocli picks is
 * {@link #WIDTH} (always without a terminal: pipes, scripts, CI; at a terminal only if it is 80 columns
 * wide, as picocli wraps the long command descriptions to the terminal's width), with {@link Cli}'s
 * own colour decision. Anything else is rendered by picocli as before.
 */
public final class PrerenderedHelp {
    /** The width the texts were rendered at: picocli's default when there is no terminal. */
    static final int WIDTH = 80;
    static final String PLAIN = "help.txt";
    static final String STYLED = "help.ansi.txt";

    private PrerenderedHelp() {
    }

    /** The root usage for this process, or empty when picocli would render it at another width. */
    public static Optional<String> forThisProcess(String noColorEnv) {
        boolean noColor = noColorEnv != null && !noColorEnv.isBlank();
        // The same width picocli's usageHelpAutoWidth would pick (it asks the terminal only when there is one).
        int width = new CommandLine.Model.UsageMessageSpec().autoWidth(true).width();
        if (width != WIDTH) {
            return Optional.empty();
        }
        boolean styled = Cli.ansi(noColor, System.console() != null).enabled();
        return Optional.of(text(styled ? STYLED : PLAIN));
    }

    static String text(String resource) {
        try (InputStream in = PrerenderedHelp.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            // Stored with \n; picocli renders %n as the platform's line separator.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\n", System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

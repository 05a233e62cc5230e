package io.hailctl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pre-rendered root usage is exactly what picocli prints for {@code hailctl --help}, plain and
 * styled, at the width the fast path serves. After changing a command or option, regenerate with
 * {@code ./mvnw -o test -Dtest=PrerenderedHelpTest -Dhailctl.help.regenerate=true}.
 */
class PrerenderedHelpTest {
    private static final Path SOURCE = Path.of("src/main/resources/io/hailctl/cli");

    /** picocli's output for `--help` through the real command line, at this width and with these styles. */
    private static String picocli(int width, CommandLine.Help.Ansi ansi) {
        StringWriter out = new StringWriter();
        PrintWriter pw = new PrintWriter(out, true);
        Host host = new Host(pw, pw, new BufferedReader(new StringReader("")), Map.of(), Path.of(""), Path.of(""), false);
        CommandLine cl = Cli.create(host);
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(width);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
        assertEquals(0, cl.execute("--help"));
        return out.toString();
    }

    @Test
    void plainTextIsPicocliOwn() throws IOException {
        regenerateIfAsked();
        assertEquals(picocli(PrerenderedHelp.WIDTH, CommandLine.Help.Ansi.OFF), PrerenderedHelp.text(PrerenderedHelp.PLAIN),
                "help.txt is out of date; see this test's comment to regenerate it");
    }

    @Test
    void styledTextIsPicocliOwn() throws IOException {
        regenerateIfAsked();
        String styled = PrerenderedHelp.text(PrerenderedHelp.STYLED);
        assertEquals(picocli(PrerenderedHelp.WIDTH, CommandLine.Help.Ansi.ON), styled,
                "help.ansi.txt is out of date; see this test's comment to regenerate it");
        assertNotEquals(PrerenderedHelp.text(PrerenderedHelp.PLAIN), styled, "the styled text has ANSI styles");
    }

    /** picocli wraps to the terminal's width, so only width 80 may be served from the resources. */
    @ParameterizedTest
    @ValueSource(ints = {79, 81, 120})
    void otherWidthsRenderOtherTexts(int width) {
        assertNotEquals(PrerenderedHelp.text(PrerenderedHelp.PLAIN), picocli(width, CommandLine.Help.Ansi.OFF));
    }

    @Test
    void withoutATerminalTheFastPathServesThePlainText() {
        // The test JVM has no console: picocli would pick width 80 and no colour, as the fast path does.
        assertTrue(System.console() == null);
        assertEquals(PrerenderedHelp.text(PrerenderedHelp.PLAIN), PrerenderedHelp.forThisProcess(null).orElseThrow());
        assertEquals(PrerenderedHelp.text(PrerenderedHelp.PLAIN), PrerenderedHelp.forThisProcess("1").orElseThrow());
    }

    private static void regenerateIfAsked() throws IOException {
        if (Boolean.getBoolean("hailctl.help.regenerate")) {
            Files.writeString(SOURCE.resolve(PrerenderedHelp.PLAIN), picocli(PrerenderedHelp.WIDTH, CommandLine.Help.Ansi.OFF));
            Files.writeString(SOURCE.resolve(PrerenderedHelp.STYLED), picocli(PrerenderedHelp.WIDTH, CommandLine.Help.Ansi.ON));
        }
    }
}

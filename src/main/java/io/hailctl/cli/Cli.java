package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.aws.CallObserver;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** The composition root: builds the configured picocli {@link CommandLine} for main and for tests. */
public final class Cli {
    private Cli() {
    }

    /** For the real process: its streams, environment and folders, and Ctrl-C through {@code interrupts}. */
    public static CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> env, Interrupts interrupts) {
        boolean tty = System.console() != null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Path cwd = Path.of("").toAbsolutePath();
        Path home = Path.of(System.getProperty("user.home"));
        return create(new Host(out, err, in, env, cwd, home, tty, CallObserver.NONE, interrupts));
    }

    public static CommandLine create(Host host) {
        CommandLine cl = new CommandLine(new HailctlCommand(), new Factory(host));
        cl.setOut(host.out());
        cl.setErr(host.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new ErrorReporter(host));
        cl.setParameterExceptionHandler(new UsageErrorReporter());
        cl.setExitCodeExceptionMapper(t -> ExitCode.INTERNAL.code());
        cl.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (CommandLine.ExecutionException e) {
                // A refused write may surface wrapped (an upload batch, a step): the refusal is the one line to show.
                for (CommandLine c : parsed.asCommandLineList()) {
                    if (c.getCommand() instanceof CommandBase command && command.lockRefusal().isPresent()) {
                        throw new CommandLine.ExecutionException(c, e.getMessage(), command.lockRefusal().get());
                    }
                }
                throw e;
            } finally {
                // Success, failure or exception: the environment lock goes back before the exit.
                for (CommandLine c : parsed.asCommandLineList()) {
                    if (c.getCommand() instanceof CommandBase command) {
                        command.finish();
                    }
                }
            }
        });
        // `cluster submit NAME SCRIPT.py --chrom 22`: options hailctl does not know are the script's arguments.
        cl.getSubcommands().get("cluster").getSubcommands().get("submit").setUnmatchedOptionsArePositionalParams(true);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(ansi(host.env("NO_COLOR") != null, host.interactive())));
        return cl;
    }

    /** Colour only for a person at a terminal who has not set NO_COLOR (picocli then decides from TERM etc.). */
    static CommandLine.Help.Ansi ansi(boolean noColor, boolean interactive) {
        return !noColor && interactive ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF;
    }

    /** Constructor injection for commands: a command that declares a {@link Host} parameter gets it. */
    private record Factory(Host host) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                Class<?>[] types = c.getParameterTypes();
                if (types.length == 1 && types[0] == Host.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(host));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}

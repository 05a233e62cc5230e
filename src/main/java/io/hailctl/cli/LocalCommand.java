package io.hailctl.cli;

import io.hailctl.local.LocalEmulator;
import io.hailctl.progress.Json;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "local",
        description = "Manage the local AWS emulator (a pinned moto server on 127.0.0.1, behind hailctl's stand-in "
                + "that fills the emulator's gaps) for rehearsing deployments without an AWS account. `--local` on any command uses it (starting it if needed). "
                + "The emulator is in-memory: `local down` forgets everything deployed into it.",
        subcommands = {LocalCommand.Up.class, LocalCommand.Down.class, LocalCommand.Status.class})
final class LocalCommand extends CommandGroup {

    @Command(name = "up", description = "Install (once) and start the emulator; print its endpoint.")
    static final class Up extends CommandBase {
        @picocli.CommandLine.Option(names = "--timings", description = "Time-true mode for benchmarks and tests: 'aws' makes "
                + "stack operations take AWS's typical durations (see BENCHMARKS.md); 'none' (default): instant.")
        String timings;

        @picocli.CommandLine.Option(names = "--time-scale", description = "Multiplies every duration of --timings, "
                + "e.g. 0.05 (twenty times faster).")
        String timeScale;

        Up(Host host) {
            super(host);
        }

        @Override
        public Integer call() {
            LocalEmulator emulator = invocation().emulator();
            java.util.List<String> standInArgs = new java.util.ArrayList<>();
            if (timings != null || timeScale != null) {
                StandInCommand.withTimings(host.env(), timings, timeScale); // checked here: a bad value starts nothing
                if (emulator.status().running()) {
                    throw new io.hailctl.HailctlException(io.hailctl.ExitCode.USAGE, "the emulator is running already "
                            + "(its timings are fixed when it starts): `hailctl local down` first, then `hailctl local up` with them");
                }
                if (timings != null) {
                    standInArgs.addAll(java.util.List.of("--timings", timings));
                }
                if (timeScale != null) {
                    standInArgs.addAll(java.util.List.of("--time-scale", timeScale));
                }
            }
            LocalEmulator.Running server = emulator.up(standInArgs);
            if (invocation().json()) {
                host.out().println(Json.write(describe(true, server, emulator)));
            } else {
                host.out().println("Local AWS emulator running at " + server.endpoint() + " (stand-in pid "
                        + server.standIn().pid() + ", in front of moto at " + server.moto().endpoint() + ", pid "
                        + server.moto().pid() + ")");
                host.out().println("Use it with --local, e.g.: hailctl --local deploy all --config examples/local.yaml");
            }
            return 0;
        }
    }

    @Command(name = "down", description = "Stop the emulator (by its recorded PID) and forget its state.")
    static final class Down extends CommandBase {
        Down(Host host) {
            super(host);
        }

        @Override
        public Integer call() {
            boolean was = invocation().emulator().down();
            if (invocation().json()) {
                host.out().println(Json.write(Map.of("stopped", was)));
            } else {
                host.out().println(was ? "Local AWS emulator stopped." : "Local AWS emulator was not running.");
            }
            return 0;
        }
    }

    @Command(name = "status", description = "Say whether the emulator runs, where, and where its log is.")
    static final class Status extends CommandBase {
        Status(Host host) {
            super(host);
        }

        @Override
        public Integer call() {
            LocalEmulator emulator = invocation().emulator();
            LocalEmulator.Status s = emulator.status();
            if (invocation().json()) {
                host.out().println(Json.write(describe(s.running(), s.server().orElse(null), emulator)));
            } else if (s.running()) {
                LocalEmulator.Running m = s.server().orElseThrow();
                host.out().println("running at " + m.endpoint() + " (stand-in pid " + m.standIn().pid() + "; moto at "
                        + m.moto().endpoint() + ", pid " + m.moto().pid() + "), logs " + s.logFile() + ", "
                        + emulator.standInLogFile());
            } else {
                host.out().println("not running" + (s.installed() ? "" : " (not installed yet: `hailctl local up` installs it)"));
            }
            return 0;
        }
    }

    private static Map<String, Object> describe(boolean running, LocalEmulator.Running server, LocalEmulator emulator) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", running);
        m.put("endpoint", server == null ? null : server.endpoint().toString());
        m.put("pid", server == null ? null : server.standIn().pid());
        m.put("port", server == null ? null : server.standIn().port());
        m.put("moto", server == null ? null : Map.of("endpoint", server.moto().endpoint().toString(),
                "pid", server.moto().pid(), "port", server.moto().port()));
        m.put("emulator", LocalEmulator.MOTO_REQUIREMENT);
        m.put("log", emulator.logFile().toString());
        m.put("standInLog", emulator.standInLogFile().toString());
        return m;
    }
}

package io.hailctl.cli;

import io.hailctl.local.LocalEmulator;
import io.hailctl.local.MotoServer;
import io.hailctl.progress.Json;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "local",
        description = "Manage the local AWS emulator (a pinned moto server on 127.0.0.1) for rehearsing "
                + "deployments without an AWS account. `--local` on any command uses it (starting it if needed). "
                + "The emulator is in-memory: `local down` forgets everything deployed into it.",
        subcommands = {LocalCommand.Up.class, LocalCommand.Down.class, LocalCommand.Status.class})
final class LocalCommand extends CommandGroup {

    @Command(name = "up", description = "Install (once) and start the emulator; print its endpoint.")
    static final class Up extends CommandBase {
        Up(Host host) {
            super(host);
        }

        @Override
        public Integer call() {
            LocalEmulator emulator = invocation().emulator();
            MotoServer server = emulator.up();
            if (invocation().json()) {
                host.out().println(Json.write(describe(true, server, emulator)));
            } else {
                host.out().println("Local AWS emulator running at " + server.endpoint() + " (pid " + server.pid() + ")");
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
                MotoServer m = s.server().orElseThrow();
                host.out().println("running at " + m.endpoint() + " (pid " + m.pid() + "), log " + s.logFile());
            } else {
                host.out().println("not running" + (s.installed() ? "" : " (not installed yet: `hailctl local up` installs it)"));
            }
            return 0;
        }
    }

    private static Map<String, Object> describe(boolean running, MotoServer server, LocalEmulator emulator) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", running);
        m.put("endpoint", server == null ? null : server.endpoint().toString());
        m.put("pid", server == null ? null : server.pid());
        m.put("port", server == null ? null : server.port());
        m.put("emulator", LocalEmulator.MOTO_REQUIREMENT);
        m.put("log", emulator.logFile().toString());
        return m;
    }
}

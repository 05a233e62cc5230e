package io.hailctl.local;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The local AWS emulator behind `hailctl local` and `--local`: a pinned moto server in a virtual
 * environment under the user's cache folder, and in front of it the emulator's stand-in
 * ({@link StandInProcess}: fills moto's gaps), both bound to 127.0.0.1 on free ports, with their PIDs
 * and ports recorded so later commands find them and `local down` stops exactly those processes.
 * Clients talk to the stand-in.
 */
public final class LocalEmulator {
    /** Pinned: the emulator's behaviour (and its known limits) is version-specific. */
    public static final String MOTO_REQUIREMENT = "moto[server]==5.2.5";

    private final Path home;
    private final PythonVenv venv;
    private final Consumer<String> log;

    /**
     * @param home the emulator's folder (venv, state file, log)
     * @param log  where progress lines go ("Creating a Python virtual environment ...")
     */
    public LocalEmulator(Path home, String python, Consumer<String> log) {
        this.home = home;
        this.venv = new PythonVenv(home.resolve("venv"), python);
        this.log = log;
    }

    public static LocalEmulator forUser(Map<String, String> env, Path userHome, Consumer<String> log) {
        return new LocalEmulator(CacheDir.of(env, userHome).resolve("emulator"),
                env.getOrDefault("HAILCTL_PYTHON", "python3"), log);
    }

    /** The running emulator: moto, and the stand-in in front of it that clients talk to. */
    public record Running(MotoServer moto, StandInProcess standIn) {
        /** Where clients send their requests: the stand-in. */
        public java.net.URI endpoint() {
            return standIn.endpoint();
        }

        boolean alive() {
            return moto.alive() && standIn.alive();
        }

        boolean answers() {
            return moto.answers() && standIn.answers();
        }
    }

    public record Status(boolean running, Optional<Running> server, Path logFile, Path venv, boolean installed) {
    }

    public Status status() {
        Optional<Running> server = running();
        return new Status(server.isPresent(), server, logFile(), venv.dir(), venv.satisfies(List.of(MOTO_REQUIREMENT)));
    }

    /** The emulator if it is running and answering. */
    public Optional<Running> running() {
        return readState().filter(s -> s.alive() && s.answers());
    }

    /** Starts the emulator unless it runs already; installs it first if needed. */
    public Running up() {
        return up(List.of());
    }

    /**
     * As {@link #up()}, with options for a stand-in it starts (e.g. {@code --timings aws}); a running
     * emulator is returned as it is. The stand-in also reads HAILCTL_STANDIN_* from the environment it inherits.
     */
    public Running up(List<String> standInArgs) {
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "Cannot create " + home + ": " + e.getMessage());
        }
        // A file lock, so two hailctl processes started together share one emulator.
        try (FileChannel ch = FileChannel.open(home.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            Optional<Running> existing = running();
            if (existing.isPresent()) {
                return existing.get();
            }
            // A half-running pair (one crashed) is stopped, so no orphan keeps a port.
            readState().ifPresent(this::stop);
            venv.ensure(List.of(MOTO_REQUIREMENT), log);
            MotoServer moto = MotoServer.start(venv.bin("moto_server"), logFile(), Map.of(), Duration.ofSeconds(60));
            StandInProcess standIn;
            try {
                standIn = StandInProcess.start(moto.endpoint(), standInLogFile(), standInArgs, Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                moto.stop();
                throw e;
            }
            Running running = new Running(moto, standIn);
            writeState(running);
            return running;
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "Cannot lock " + home.resolve("lock") + ": " + e.getMessage());
        }
    }

    /** Stops the recorded emulator process; false when none was running. */
    public boolean down() {
        Optional<Running> state = readState();
        boolean wasRunning = state.map(r -> r.moto().alive() || r.standIn().alive()).orElse(false);
        state.ifPresent(this::stop);
        try {
            Files.deleteIfExists(stateFile());
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "Cannot remove " + stateFile() + ": " + e.getMessage());
        }
        return wasRunning;
    }

    private void stop(Running r) {
        if (r.standIn().alive()) {
            r.standIn().stop();
        }
        if (r.moto().alive()) {
            r.moto().stop();
        }
    }

    public Path logFile() {
        return home.resolve("moto.log");
    }

    /** The stand-in's own log: each gap's problems, one line each. */
    public Path standInLogFile() {
        return home.resolve("stand-in.log");
    }

    private Path stateFile() {
        return home.resolve("server.properties");
    }

    private Optional<Running> readState() {
        Path f = stateFile();
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
            return Optional.of(new Running(
                    new MotoServer(Long.parseLong(p.getProperty("pid")), Integer.parseInt(p.getProperty("port"))),
                    new StandInProcess(Long.parseLong(p.getProperty("standin.pid")), Integer.parseInt(p.getProperty("standin.port")))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void writeState(Running running) throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(running.moto().pid()));
        p.setProperty("port", Integer.toString(running.moto().port()));
        p.setProperty("standin.pid", Long.toString(running.standIn().pid()));
        p.setProperty("standin.port", Integer.toString(running.standIn().port()));
        p.setProperty("started", Instant.now().toString());
        p.setProperty("requirement", MOTO_REQUIREMENT);
        Path tmp = stateFile().resolveSibling("server.properties.tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "hailctl local emulator");
        }
        Files.move(tmp, stateFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}

package io.hailctl.local.standin.emr;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Which local Python runs a step's script in the stand-in: the one {@code HAILCTL_STANDIN_PYTHON}
 * names; else {@code python3} when it can import hail; else none (a step then succeeds after a short
 * delay with a stdout line saying that no local Hail was found: there is no Spark here).
 *
 * @param command the interpreter's command, empty when there is none
 */
public record StepPython(Optional<List<String>> command) {
    public static final String VARIABLE = "HAILCTL_STANDIN_PYTHON";

    public static StepPython of(String executable) {
        return new StepPython(Optional.of(List.of(executable)));
    }

    public static StepPython none() {
        return new StepPython(Optional.empty());
    }

    public static StepPython fromEnvironment(Map<String, String> env) {
        String given = env.get(VARIABLE);
        if (given != null && !given.isBlank()) {
            return of(given.trim());
        }
        return importsHail("python3") ? of("python3") : none();
    }

    private static boolean importsHail(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import hail").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package io.hailctl.fidelity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one job of an /etc/cron.d file: its variables, schedule, user and command. */
record CronEntry(Map<String, String> variables, String schedule, String user, String command) {
    private static final Pattern VARIABLE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)$");
    private static final Pattern JOB = Pattern.compile("^(\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+)\\s+(\\S+)\\s+(.+)$");

    static CronEntry parse(String file) {
        Map<String, String> vars = new LinkedHashMap<>();
        CronEntry job = null;
        for (String line : file.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher v = VARIABLE.matcher(line);
            Matcher j = JOB.matcher(line);
            if (v.matches()) {
                vars.put(v.group(1), v.group(2));
            } else if (j.matches()) {
                if (job != null) {
                    throw new AssertionError("more than one job:\n" + file);
                }
                job = new CronEntry(vars, j.group(1), j.group(2), j.group(3));
            } else {
                throw new AssertionError("neither a variable nor a job: " + line);
            }
        }
        if (job == null) {
            throw new AssertionError("no job:\n" + file);
        }
        if (!file.endsWith("\n")) {
            throw new AssertionError("cron ignores a last line without its newline:\n" + file);
        }
        return new CronEntry(Map.copyOf(vars), job.schedule, job.user, job.command);
    }

    /** The same job in the format of a user's crontab (no user field), which {@code crontab -n} checks. */
    String asUserCrontab() {
        StringBuilder b = new StringBuilder();
        variables.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.append(String.join(" ", List.of(schedule, command))).append('\n').toString();
    }
}

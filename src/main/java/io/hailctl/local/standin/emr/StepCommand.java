package io.hailctl.local.standin.emr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code command-runner.jar} {@code spark-submit} step runs: the script, its arguments, and the
 * files shipped with it ({@code --files}, {@code --py-files}), all as S3 URIs where they are in S3.
 */
record StepCommand(String script, List<String> args, List<String> files) {
    private static final Set<String> FILE_OPTIONS = Set.of("--files", "--py-files");

    /** The command of a spark-submit step; empty for any other step (the stand-in does not run it). */
    static Optional<StepCommand> of(String jar, List<String> stepArgs) {
        if (!"command-runner.jar".equals(jar) || stepArgs.isEmpty() || !stepArgs.get(0).equals("spark-submit")) {
            return Optional.empty();
        }
        List<String> files = new ArrayList<>();
        int i = 1;
        while (i < stepArgs.size() && stepArgs.get(i).startsWith("--")) {
            String option = stepArgs.get(i);
            if (option.contains("=")) {
                i++;
                continue;
            }
            if (i + 1 < stepArgs.size() && FILE_OPTIONS.contains(option)) {
                for (String f : stepArgs.get(i + 1).split(",")) {
                    if (!f.isEmpty() && !files.contains(f)) {
                        files.add(f);
                    }
                }
            }
            i += 2;
        }
        if (i >= stepArgs.size()) {
            return Optional.empty();
        }
        return Optional.of(new StepCommand(stepArgs.get(i), List.copyOf(stepArgs.subList(i + 1, stepArgs.size())), List.copyOf(files)));
    }

    /** The file name an S3 URI's object gets in the step's folder. */
    static String fileName(String uri) {
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    /** {bucket, key} of an {@code s3://bucket/key} URI. */
    static Optional<String[]> s3(String uri) {
        if (!uri.startsWith("s3://")) {
            return Optional.empty();
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        return slash <= 0 ? Optional.empty() : Optional.of(new String[]{rest.substring(0, slash), rest.substring(slash + 1)});
    }
}

package io.hailctl.cli;

import io.hailctl.aws.CallObserver;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * `-v`'s log of AWS calls on stderr, one line per call, saying what the SDK retried on the way:
 * {@code aws: CloudFormation.DescribeStacks -> 200 in 1320 ms after 2 retries (503, no response)}.
 */
final class VerboseCalls implements CallObserver {
    private final PrintWriter err;

    VerboseCalls(PrintWriter err) {
        this.err = err;
    }

    static String line(String service, String operation, int status, Duration took, List<String> retried) {
        String retries = retried.isEmpty() ? ""
                : " after " + retried.size() + (retried.size() == 1 ? " retry (" : " retries (") + String.join(", ", retried) + ")";
        return "aws: " + service + "." + operation + " -> " + (status == 0 ? "no response" : status)
                + " in " + took.toMillis() + " ms" + retries;
    }

    @Override
    public void called(String service, String operation, int status, Duration took) {
        called(service, operation, status, took, List.of());
    }

    @Override
    public void called(String service, String operation, int status, Duration took, List<String> retried) {
        synchronized (err) {
            err.println(line(service, operation, status, took, retried));
            err.flush();
        }
    }
}

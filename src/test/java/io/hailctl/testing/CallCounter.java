package io.hailctl.testing;

import io.hailctl.aws.CallObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records every AWS call a run makes, to assert e.g. that a second deploy writes nothing. */
public final class CallCounter implements CallObserver {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> retried = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void called(String service, String operation, int httpStatus, Duration took) {
        calls.add(service + "." + operation);
    }

    @Override
    public void called(String service, String operation, int httpStatus, Duration took, List<String> retries) {
        called(service, operation, httpStatus, took);
        if (!retries.isEmpty()) {
            retried.add(service + "." + operation + " " + retries);
        }
    }

    /** The calls the SDK had to retry (each with its failed attempts): a back-off was paid for each. */
    public List<String> retried() {
        synchronized (retried) {
            return List.copyOf(retried);
        }
    }

    public List<String> all() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<String> writes() {
        return all().stream().filter(c -> CallObserver.isWrite(c.substring(c.indexOf('.') + 1))).toList();
    }

    public void clear() {
        calls.clear();
        retried.clear();
    }
}

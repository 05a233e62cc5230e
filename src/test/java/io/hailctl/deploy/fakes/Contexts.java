package io.hailctl.deploy.fakes;

import io.hailctl.deploy.CallBudget;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.StepContext;
import io.hailctl.progress.ProgressEvent;
import io.hailctl.progress.ProgressSink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Step contexts on a fake clock, recording what they report. */
public final class Contexts {
    private Contexts() {
    }

    public static final class Recording implements ProgressSink {
        private final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void emit(ProgressEvent event) {
            events.add(event);
        }

        public List<ProgressEvent> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        public List<String> activities() {
            return events().stream().filter(e -> e instanceof ProgressEvent.StepActivity)
                    .map(e -> (ProgressEvent.StepActivity) e)
                    .map(a -> a.resource() + " " + a.status()).toList();
        }
    }

    public static StepContext on(FakeClock clock, Recording progress, Confirmer confirmer, Cancellation cancellation) {
        return new StepContext("test", progress, clock, clock, cancellation, confirmer,
                CallBudget.standard(clock, clock), true);
    }

    public static StepContext on(FakeClock clock, Recording progress, Confirmer confirmer) {
        return on(clock, progress, confirmer, new Cancellation());
    }
}

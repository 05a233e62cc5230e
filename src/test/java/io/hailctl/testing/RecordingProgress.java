package io.hailctl.testing;

import io.hailctl.deploy.CallBudget;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.StepContext;
import io.hailctl.progress.ProgressEvent;
import io.hailctl.progress.ProgressSink;

import java.util.ArrayList;
import java.util.List;

/** Keeps every progress event, and makes step contexts on a fake clock that report to it. */
public final class RecordingProgress implements ProgressSink {
    private final List<ProgressEvent> events = new ArrayList<>();

    @Override
    public synchronized void emit(ProgressEvent event) {
        events.add(event);
    }

    public synchronized List<ProgressEvent> events() {
        return List.copyOf(events);
    }

    /** The text of every note, in order. */
    public synchronized List<String> notes() {
        return events.stream().filter(e -> e instanceof ProgressEvent.Note).map(e -> ((ProgressEvent.Note) e).text())
                .toList();
    }

    public StepContext context(String step, FakeClock clock, Confirmer confirmer) {
        return new StepContext(step, this, clock, clock.sleeper(), new Cancellation(), confirmer,
                new CallBudget(clock, clock.sleeper(), 1000, 1000), true);
    }

    public List<ProgressEvent> eventsOf(String step) {
        List<ProgressEvent> out = new ArrayList<>();
        for (ProgressEvent e : events()) {
            String s = e instanceof ProgressEvent.StepStarted x ? x.step()
                    : e instanceof ProgressEvent.StepActivity x ? x.step()
                    : e instanceof ProgressEvent.StepFinished x ? x.step()
                    : e instanceof ProgressEvent.StepFailed x ? x.step()
                    : e instanceof ProgressEvent.StepSkipped x ? x.step() : null;
            if (step.equals(s)) {
                out.add(e);
            }
        }
        return out;
    }
}

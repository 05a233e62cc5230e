package io.hailctl.progress;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object per event, one per line (--output json): for programs following a run. */
public final class JsonLinesRenderer implements ProgressSink {
    private final PrintWriter out;

    public JsonLinesRenderer(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void emit(ProgressEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", event.at().toString());
        if (event instanceof ProgressEvent.StepStarted s) {
            m.put("event", "step-started");
            m.put("step", s.step());
            m.put("title", s.title());
            m.put("action", s.action());
        } else if (event instanceof ProgressEvent.StepActivity a) {
            m.put("event", "step-activity");
            m.put("step", a.step());
            m.put("resource", a.resource());
            m.put("status", a.status());
            m.put("reason", a.reason());
        } else if (event instanceof ProgressEvent.StepFinished f) {
            m.put("event", "step-finished");
            m.put("step", f.step());
            m.put("change", f.change());
            m.put("seconds", f.took().toMillis() / 1000.0);
            m.put("outputs", f.outputs());
            m.put("detail", f.detail());
        } else if (event instanceof ProgressEvent.StepFailed f) {
            m.put("event", "step-failed");
            m.put("step", f.step());
            m.put("rootCause", f.rootCause());
            m.put("hint", f.hint());
            m.put("seconds", f.took().toMillis() / 1000.0);
        } else if (event instanceof ProgressEvent.StepSkipped s) {
            m.put("event", "step-skipped");
            m.put("step", s.step());
            m.put("why", s.why());
        } else if (event instanceof ProgressEvent.Note n) {
            m.put("event", "note");
            m.put("text", n.text());
        }
        out.println(Json.write(m));
        out.flush();
    }
}

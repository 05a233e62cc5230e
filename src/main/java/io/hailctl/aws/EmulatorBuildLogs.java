package io.hailctl.aws;

import io.hailctl.local.standin.codebuild.BuildLogSink;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

import java.util.List;

/** {@link BuildLogSink} on the emulator's CloudWatch Logs. For the CodeBuild stand-in only. */
public final class EmulatorBuildLogs implements BuildLogSink {
    private final CloudWatchLogsClient logs;

    public EmulatorBuildLogs(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    @Override
    public void append(String group, String stream, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            logs.createLogGroup(b -> b.logGroupName(group));
        } catch (ResourceAlreadyExistsException e) {
            // made by the AMI stack (its BuildLogGroup), or by an earlier build
        }
        try {
            logs.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
        } catch (ResourceAlreadyExistsException e) {
            // an earlier phase of this build
        }
        List<InputLogEvent> input = events.stream().map(e -> InputLogEvent.builder().timestamp(e.at().toEpochMilli())
                .message(e.message()).build()).toList();
        AwsCalls.run(() -> logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(input)));
    }
}

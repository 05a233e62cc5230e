package io.hailctl.aws;

import io.hailctl.deploy.ami.Build;
import io.hailctl.deploy.ami.BuildLogs;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link BuildLogs} on CloudWatch Logs (GetLogEvents on the build's stream). */
public final class CloudWatchBuildLogs implements BuildLogs {
    private final Supplier<CloudWatchLogsClient> logs;

    public CloudWatchBuildLogs(CloudWatchLogsClient logs) {
        this(() -> logs);
    }

    /** With the client built on first use: a command that never calls CloudWatchLogs never loads its SDK client. */
    public CloudWatchBuildLogs(Supplier<CloudWatchLogsClient> logs) {
        this.logs = logs;
    }

    @Override
    public Page after(Build.LogLocation where, Optional<String> token) {
        try {
            GetLogEventsResponse r = logs().getLogEvents(b -> b.logGroupName(where.group()).logStreamName(where.stream())
                    .startFromHead(true).nextToken(token.orElse(null)));
            return new Page(lines(r.events()), Optional.ofNullable(r.nextForwardToken()));
        } catch (ResourceNotFoundException e) {
            // CodeBuild creates the stream when the container starts: until then there is nothing to read.
            return new Page(List.of(), token);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public List<String> tail(Build.LogLocation where, int lines) {
        try {
            return lines(logs().getLogEvents(b -> b.logGroupName(where.group()).logStreamName(where.stream())
                    .startFromHead(false).limit(lines)).events());
        } catch (ResourceNotFoundException e) {
            return List.of();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    private static List<String> lines(List<OutputLogEvent> events) {
        return events.stream().map(e -> e.message() == null ? "" : e.message().stripTrailing()).toList();
    }

    private CloudWatchLogsClient logs() {
        return logs.get();
    }
}

package io.hailctl.aws;

import io.hailctl.deploy.ami.Build;
import io.hailctl.deploy.ami.BuildLogs;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The build-log adapter on moto's CloudWatch Logs: paging forward by token, the tail, a stream not created yet. */
@ExtendWith(MotoExtension.class)
class CloudWatchBuildLogsIT {
    private static final Build.LogLocation LOG = new Build.LogLocation("/aws/codebuild/demo-hail-ami", "b1");

    private static void put(AwsClients aws, long at, String... lines) {
        List<InputLogEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            events.add(InputLogEvent.builder().timestamp(at + i).message(lines[i] + "\n").build());
        }
        aws.logs().putLogEvents(b -> b.logGroupName(LOG.group()).logStreamName(LOG.stream()).logEvents(events));
    }

    @Test
    void readsNewLinesOnlyOnceAndTheLastLines(Moto moto) {
        try (AwsClients aws = moto.clients()) {
            BuildLogs logs = new CloudWatchBuildLogs(aws.logs());
            assertEquals(new BuildLogs.Page(List.of(), Optional.empty()), logs.after(LOG, Optional.empty()),
                    "before CodeBuild made the stream: nothing, and no error");
            aws.logs().createLogGroup(b -> b.logGroupName(LOG.group()));
            aws.logs().createLogStream(b -> b.logGroupName(LOG.group()).logStreamName(LOG.stream()));
            long now = Instant.now().toEpochMilli();
            put(aws, now, "[Container] Entering phase INSTALL", "packer 1.15.0 verified");
            BuildLogs.Page first = logs.after(LOG, Optional.empty());
            assertEquals(List.of("[Container] Entering phase INSTALL", "packer 1.15.0 verified"), first.lines());
            put(aws, now + 10, "==> amazon-ebs.hail: Creating AMI");
            BuildLogs.Page second = logs.after(LOG, first.next());
            assertEquals(List.of("==> amazon-ebs.hail: Creating AMI"), second.lines(), "only what is new");
            assertEquals(List.of(), logs.after(LOG, second.next()).lines());
            assertEquals(List.of("packer 1.15.0 verified", "==> amazon-ebs.hail: Creating AMI"), logs.tail(LOG, 2));
        }
    }
}

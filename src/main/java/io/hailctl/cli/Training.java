package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;

import java.io.PrintWriter;
import java.net.URI;

/** The code paths the class-data-sharing archive should hold: building clients, parsing config. */
final class Training {
    private Training() {
    }

    static void exercise(Host host, PrintWriter sink) {
        try (AwsClients aws = AwsClients.open(AwsTarget.emulator(URI.create("http://127.0.0.1:9")), host.env())) {
            aws.cloudFormation();
            aws.s3();
            aws.ec2();
            aws.emr();
            aws.sts();
        }
        sink.flush();
    }
}

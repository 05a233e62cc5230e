package io.hailctl.fidelity;

import io.hailctl.testing.Moto;
import io.hailctl.testing.Sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A SageMaker notebook instance's disk in a {@link Sandbox}: ec2-user (uid 1500) and the ML volume at ~/SageMaker. */
final class NotebookMachine {
    static final String HOME = "/home/ec2-user";
    static final String NB = HOME + "/SageMaker";
    static final String EC2_USER_UID = "1500";

    private NotebookMachine() {
    }

    static Sandbox create(Moto moto, String name) {
        Sandbox s = Sandbox.create(name, moto.endpoint());
        s.run(Duration.ofMinutes(1), "bash", "-c", "groupadd -g " + EC2_USER_UID + " ec2-user"
                + " && useradd -u " + EC2_USER_UID + " -g ec2-user -m -d " + HOME + " ec2-user"
                + " && install -d -o ec2-user -g ec2-user " + NB).ok();
        return s;
    }

    /**
     * {@code command} as ec2-user with only {@code variables} (and what the AWS CLI shim needs,
     * where the instance profile would give credentials on AWS) in its environment.
     */
    static Sandbox.Run asEc2User(Sandbox s, Duration limit, Map<String, String> variables, String... command) {
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        variables.forEach((k, v) -> cmd.add(k + "=" + v));
        for (String k : List.of("SANDBOX_REAL_AWS", "SANDBOX_AWS_ENDPOINT", "SANDBOX_REGION", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY", "AWS_EC2_METADATA_DISABLED", "AWS_PAGER", "LANG")) {
            cmd.add(k + "=" + s.env().get(k));
        }
        cmd.addAll(List.of("setpriv", "--reuid=ec2-user", "--regid=ec2-user", "--init-groups"));
        cmd.addAll(List.of(command));
        return s.run(limit, cmd.toArray(String[]::new));
    }
}

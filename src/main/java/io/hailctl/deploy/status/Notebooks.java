package io.hailctl.deploy.status;

import java.time.Instant;
import java.util.Optional;

/** The SageMaker port of `status`: one notebook instance as DescribeNotebookInstance shows it. */
public interface Notebooks {

    /** Empty when there is no such notebook instance. */
    Optional<Notebook> describe(String name);

    /** @param url the console-independent JupyterLab address (https://NAME.notebook.REGION.sagemaker.aws) */
    record Notebook(String name, String status, String instanceType, Optional<String> url,
                    Optional<Instant> lastModified, Optional<String> failureReason) {
    }
}

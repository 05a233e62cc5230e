package io.hailctl.plan;

/** The kinds of part an environment is made of; also the `hailctl:component` stack tag. */
public enum Component {
    S3("s3"), NETWORK("network"), JUPYTER("jupyter"), SEED("seed"), EFS("efs"), AMI("ami"), EMR("emr");

    private final String tag;

    Component(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}

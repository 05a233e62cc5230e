package io.hailctl.deploy.clusters;

import io.hailctl.bundle.Bundle;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkSettingsTest {
    private final Map<String, String> spark = SparkSettings.fromTemplate(new Bundle().template("hail-emr.yml"),
            "acme-hail", "demo-scratch");

    @Test
    void theHailSettingsAreTheTemplatesSparkDefaultsWithItsIntrinsicsResolved() {
        assertEquals("org.apache.spark.serializer.KryoSerializer", spark.get("spark.serializer"));
        assertEquals("is.hail.kryo.HailKryoRegistrator", spark.get("spark.kryo.registrator"));
        assertEquals("local:///usr/lib/hail/hail-all-spark.jar", spark.get("spark.jars"));
        assertEquals("/usr/bin/python3.11", spark.get("spark.pyspark.python"));
        assertEquals("20", spark.get("spark.task.maxFailures"));
        assertEquals("0", spark.get("spark.executorEnv.PYTHONHASHSEED"));
        assertEquals("s3://acme-hail/plots/demo-scratch/", spark.get("spark.yarn.appMasterEnv.HAIL_PLOTS_LOCATION"),
                "!Sub resolved with the cluster's bucket and name");
        String classPath = spark.get("spark.driver.extraClassPath");
        assertTrue(classPath.startsWith("/usr/lib/hail/hail-all-spark.jar:/usr/lib/hadoop-lzo/lib/*:"), classPath);
        assertEquals(classPath, spark.get("spark.executor.extraClassPath"), "!FindInMap resolved from Mappings");
        assertEquals(11, spark.size(), "every key of the template's spark-defaults, no more: " + spark.keySet());
    }

    @Test
    void theStepRunsSparkSubmitInClientModeWithEverySettingThenTheScriptAndItsArguments() {
        List<String> args = SparkSettings.submitArgs(spark, "s3://acme-hail/hailctl/submit/scratch/1/qc.py",
                List.of("s3://acme-hail/hailctl/submit/scratch/1/helpers.py", "s3://acme-hail/hailctl/submit/scratch/1/x.tsv"),
                List.of("--chrom", "22"));
        assertEquals(List.of("spark-submit", "--deploy-mode", "client"), args.subList(0, 3));
        for (Map.Entry<String, String> e : spark.entrySet()) {
            int i = args.indexOf(e.getKey() + "=" + e.getValue());
            assertTrue(i > 0 && args.get(i - 1).equals("--conf"), "--conf " + e.getKey());
        }
        assertEquals(3 + 2 * spark.size(), args.indexOf("--files"));
        assertEquals("s3://acme-hail/hailctl/submit/scratch/1/helpers.py,s3://acme-hail/hailctl/submit/scratch/1/x.tsv",
                args.get(args.indexOf("--files") + 1));
        assertEquals("s3://acme-hail/hailctl/submit/scratch/1/helpers.py", args.get(args.indexOf("--py-files") + 1));
        assertEquals(List.of("s3://acme-hail/hailctl/submit/scratch/1/qc.py", "--chrom", "22"),
                args.subList(args.size() - 3, args.size()));
        assertEquals(List.of("spark-submit", "--deploy-mode", "client", "s3://b/k/a.py"),
                SparkSettings.submitArgs(Map.of(), "s3://b/k/a.py", List.of(), List.of()));
    }
}

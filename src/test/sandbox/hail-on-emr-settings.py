"""Starts PySpark the way Livy starts a session on the EMR master: spark-submit reads
$SPARK_CONF_DIR/spark-defaults.conf (the EMR template's settings, unchanged), except that the master
is local[2] instead of YARN; then Hail on that SparkContext, as the example notebook does
(hl.init(sc)), and a tiny balding_nichols_model. Prints what it saw as one JSON line."""
import json
import sys

from pyspark import SparkContext

sc = SparkContext(master="local[2]", appName="hailctl-fidelity")
import hail as hl  # noqa: E402 (after Spark, like a Livy session)

hl.init(sc, quiet=True, idempotent=True)
mt = hl.balding_nichols_model(3, 10, 50)
rows, cols = mt.count()
conf = dict(sc.getConf().getAll())
print(json.dumps({
    "rows": rows, "cols": cols,
    "hail_version": hl.version(), "hail_module": hl.__file__, "python": sys.executable,
    "java": sc._jvm.System.getProperty("java.version"),
    "conf": {k: conf.get(k) for k in ("spark.serializer", "spark.kryo.registrator", "spark.jars",
                                      "spark.driver.extraClassPath", "spark.executor.extraClassPath",
                                      "spark.pyspark.python", "spark.task.maxFailures")},
}))
hl.stop()

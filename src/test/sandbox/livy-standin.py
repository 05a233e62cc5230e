"""IPython startup file of the local run of the example notebook: what Sparkmagic and Livy give a
notebook, in one local kernel. `sc` is started by spark-submit with $SPARK_CONF_DIR/spark-defaults.conf
(the EMR template's settings) and master local[2] (the only change: no YARN here), as Livy starts a
session's SparkContext on the master; `%%local` runs its cell here, as Sparkmagic runs it in the
notebook instead of on the cluster."""
from IPython import get_ipython
from IPython.core.magic import register_cell_magic
from pyspark import SparkContext

sc = SparkContext(master="local[2]", appName="hail-plotting-example")


@register_cell_magic
def local(line, cell):
    shell = get_ipython()
    exec(compile(cell, "<%%local>", "exec"), shell.user_ns)

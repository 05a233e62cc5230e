"""run-notebook.py IN OUT WORKDIR: executes the notebook IN with nbclient on this Python's own
ipykernel (not the notebook's Sparkmagic kernelspec: see livy-standin.py), in WORKDIR, and writes the
executed notebook to OUT even when a cell fails (nbclient stops at the first error)."""
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

src, out, workdir = sys.argv[1:4]
nb = nbformat.read(src, as_version=4)
client = NotebookClient(nb, kernel_name="python3", timeout=900, startup_timeout=300,
                        resources={"metadata": {"path": workdir}})
status = 0
try:
    client.execute()
except CellExecutionError as e:
    print(e, file=sys.stderr)
    status = 1
nbformat.write(nb, out)
sys.exit(status)

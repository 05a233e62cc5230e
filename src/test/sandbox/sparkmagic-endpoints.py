"""Prints, as JSON, the Livy endpoint each Sparkmagic kernel language would connect to, read the
way Sparkmagic's kernels read it (KernelMagics.refresh_configuration): the config loader of the
real sparkmagic package on $SPARKMAGIC_CONF_DIR/config.json, then its auth and Endpoint classes."""
import json
import os
from argparse import Namespace

import sparkmagic.utils.configuration as conf
from sparkmagic.livyclientlib.endpoint import Endpoint
from sparkmagic.utils.utils import initialize_auth

out = {}
for language in ("python", "python3", "scala"):
    c = getattr(conf, "base64_kernel_" + language + "_credentials")()
    auth = initialize_auth(Namespace(auth=c["auth"], user=c["username"], password=c["password"], url=c["url"]))
    endpoint = Endpoint(c["url"], auth)
    out[language] = {"url": endpoint.url, "auth": type(auth).__name__}
out["other_keys"] = sorted(k for k in json.load(open(os.path.expanduser(conf.path))) if not k.startswith("kernel_"))
print(json.dumps(out))

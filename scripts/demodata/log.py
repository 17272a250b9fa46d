"""Progress on stderr, timed from the start."""

import sys
import time


T0 = time.time()


def log(msg):
    print("[%6.1fs] %s" % (time.time() - T0, msg), file=sys.stderr, flush=True)

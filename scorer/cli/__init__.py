"""The command line (thin: each command parses options, makes one library call and renders)."""
import gc
import os

# numpy's OpenBLAS starts a thread per core when numpy is imported (~35 ms of CPU, more on a busy
# machine: the threads are created and given their buffers at once), though scoring never uses them:
# every prediction runs on one BLAS thread (scorer.model.speed), and so do the HTTP and Dask workers.
# So the command line starts it with one, unless the user set the variable. Set before anything
# below imports numpy; the scoring workers forked from this process inherit it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# Importing the command line (the pipeline, numpy, every signal family) allocates a great deal and
# frees almost nothing: the cyclic garbage collector's passes over it are wasted, about a tenth of
# a one-article command's CPU time. Paused for the import; then what it made is frozen (moved out of
# the collector's generations: it lives as long as the process) before collecting resumes as the
# caller had it. Without the freeze, the first allocation after resuming walked all of it at once
# (~20 ms, seen as this package's own import time in `python -X importtime`).
_collecting = gc.isenabled()
gc.disable()
try:
    from scorer.cli.main import cli
finally:
    gc.freeze()
    if _collecting:
        gc.enable()

__all__ = ["cli"]

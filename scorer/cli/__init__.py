"""The command line (thin: each command parses options, makes one library call and renders)."""
import gc

# Importing the command line (the pipeline, numpy, every signal family) allocates a great deal and
# frees almost nothing: the cyclic garbage collector's passes over it are wasted, about a tenth of
# a one-article command's CPU time. Paused for the import only, then as the caller had it.
_collecting = gc.isenabled()
gc.disable()
try:
    from scorer.cli.main import cli, main
finally:
    if _collecting:
        gc.enable()

__all__ = ["cli", "main"]

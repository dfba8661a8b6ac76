"""The command line (thin: each command parses options, makes one library call and renders)."""
from scorer.cli.main import cli

__all__ = ["cli"]

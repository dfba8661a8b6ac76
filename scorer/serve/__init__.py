"""The HTTP API over the same pipeline."""

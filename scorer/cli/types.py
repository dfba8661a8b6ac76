"""Click parameter types that more than one command reads."""
from __future__ import annotations

import click

from scorer.core.odds import AUTO_PRIOR as AUTO


class Prior(click.ParamType):
    """A share strictly between 0 and 1, or "auto": the batch's own share, estimated from its scores."""

    name = "SHARE|auto"

    def convert(self, value, param, ctx):
        if value == AUTO or isinstance(value, float):
            return value
        try:
            share = float(value)
        except ValueError:
            share = None
        if share is None or not 0.0 < share < 1.0:
            self.fail(f"{value!r} is neither a share strictly between 0 and 1 nor 'auto'", param, ctx)
        return share

"""A click group whose sub-commands are imported only when one of them runs.

`scorer score one.txt` should not pay for what `scorer train`, `scorer serve` or
`scorer compare` import (scikit-learn's training code, scipy.stats, a web stack,
MinHash indexes): each of those commands lives in its own module, named here by
``"module:attribute"`` and imported the first time click asks for it (to run it,
or to list it in ``--help``).
"""
from __future__ import annotations

import importlib
from typing import Mapping

import click


class LazyGroup(click.Group):
    """A :class:`click.Group` with some commands given as ``{name: "module:attribute"}``."""

    def __init__(self, *args, lazy_subcommands: Mapping[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = dict(lazy_subcommands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands and cmd_name not in self.commands:
            self.add_command(self._load(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def _load(self, cmd_name: str) -> click.Command:
        module_name, _, attribute = self.lazy_subcommands[cmd_name].partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}:{attribute} is not a click command")
        return command

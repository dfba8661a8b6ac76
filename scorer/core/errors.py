"""Exceptions with messages fit for a one-line error report naming the input."""
from __future__ import annotations


class ScorerError(Exception):
    """Base class: anything a user can cause with their input or options."""


class InputError(ScorerError):
    """The input could not be read as an article (missing, empty, binary, too large...)."""


class ExtractionError(ScorerError):
    """The page was read but no article text could be found in it."""


class ModelError(ScorerError):
    """A model could not be loaded or does not fit this version's features."""

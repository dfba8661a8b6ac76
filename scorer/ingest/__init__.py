"""Reading input: paths and records in, bytes decoded, HTML extracted, boilerplate removed,
the article date resolved, and the text segmented into an immutable :class:`~scorer.core.document.Article`."""

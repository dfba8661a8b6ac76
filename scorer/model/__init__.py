"""Signals to a probability: the featurizer, learned word lists, the wording model, the
classifier and its calibration, evidence rules, explanations, and the saved-model format."""

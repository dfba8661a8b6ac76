"""What a researcher runs: labelled-set readers, training (one ``TrainSpec``), evaluation metrics and reports."""

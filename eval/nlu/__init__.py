"""The offline engine's understanding benchmark: a labelled utterance set and its scorer."""

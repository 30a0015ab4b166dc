"""The one percentile definition every benchmark reports with, so a p95 means the same in every table.

Linear interpolation between the closest ranks (numpy's default, the same as `statistics.median` at 50),
chosen over nearest-rank because it does not jump with the sample size: a p95 of 40 turns and of 400
turns estimate the same quantity.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def percentile(values: Sequence[float], pct: float) -> float:
    """The `pct`-th percentile (0-100) of `values`; 0.0 when there are none (a run that measured nothing)."""
    if not values:
        return 0.0
    return float(np.percentile(np.asarray(values, dtype=float), pct))

"""Exact splits of whole quantities (half days, cents) over the items of groups, vectorised with numpy.

Items of one group are contiguous and groups appear in ascending order: ``owner[i]`` is the group of item i.
"""

from __future__ import annotations

import numpy as np


def owners_of(counts: np.ndarray) -> np.ndarray:
    """The group index of each item when group g has ``counts[g]`` items."""
    return np.repeat(np.arange(len(counts)), counts)


def rank_within(owner: np.ndarray) -> np.ndarray:
    """Position of each item within its group (0 for the first item)."""
    if len(owner) == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    run_lengths = np.diff(np.r_[starts, len(owner)])
    return np.arange(len(owner)) - np.repeat(starts, run_lengths)


def group_sum(owner: np.ndarray, values: np.ndarray, groups: int) -> np.ndarray:
    """Sum of the items' values per group (exact for integers)."""
    if np.issubdtype(values.dtype, np.integer):
        out = np.zeros(groups, dtype=np.int64)
        np.add.at(out, owner, values)
        return out
    return np.bincount(owner, weights=values, minlength=groups)


def group_max(owner: np.ndarray, values: np.ndarray, groups: int, empty: int) -> np.ndarray:
    """Largest item value per group; ``empty`` for groups without items."""
    out = np.full(groups, empty, dtype=values.dtype)
    np.maximum.at(out, owner, values)
    return out


def split_exactly(
    totals: np.ndarray, owner: np.ndarray, weights: np.ndarray, minimum: int = 0
) -> np.ndarray:
    """Split each group's integer total over its items in proportion to the weights, adding up exactly.

    Every item gets at least ``minimum``; of what rounding down leaves, the first items of the group with
    a weight get one unit each. A total that cannot be split that way is an error, never silently dropped.
    """
    totals = np.asarray(totals, dtype=np.int64)
    groups = len(totals)
    counts = np.bincount(owner, minlength=groups)
    rest = totals - minimum * counts
    if np.any(rest[counts > 0] < 0):
        raise ValueError("A total is smaller than the minimum its items must get.")
    weight_sums = np.bincount(owner, weights=weights, minlength=groups)
    if np.any((rest != 0) & ((counts == 0) | (weight_sums <= 0))):
        raise ValueError("A total has no items with a weight to go to.")
    shares = np.floor(weights / weight_sums[owner] * rest[owner]).astype(np.int64)
    # Rounding down leaves fewer units than items with a weight (float error cannot leave more).
    leftover = rest - group_sum(owner, shares, groups)
    weighted = weights > 0
    running = np.cumsum(weighted)
    group_start = np.arange(len(owner)) - rank_within(owner)
    rank_among_weighted = running - (running[group_start] - weighted[group_start]) - 1
    shares += (weighted & (rank_among_weighted < leftover[owner])).astype(np.int64)
    return shares + minimum

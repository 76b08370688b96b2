"""Expenditure lines: each request's expenditure split pro rata to its activities' days, then by cost
category (docs/definitions.md), adding up to the cent; expert fees go to the assignments."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from socieux.synthetic.activities import Activities
from socieux.synthetic.apportion import rank_within, split_exactly
from socieux.synthetic.assignments import Assignments
from socieux.synthetic.calibration import ACTIVITY_COST_NOISE, EXPERT_ACTIVITY_COSTS, NON_EXPERT_COSTS
from socieux.synthetic.requests import RequestBatch

COST_CATEGORIES = tuple(dict.fromkeys([*EXPERT_ACTIVITY_COSTS, *NON_EXPERT_COSTS]))
NO_ASSIGNMENT = -1


@dataclass(frozen=True)
class ExpenditureLines:
    """One entry per line, grouped by activity; ``line_no`` numbers the lines of an activity."""

    activity: np.ndarray
    assignment: np.ndarray       # NO_ASSIGNMENT for costs of the activity as a whole
    category: np.ndarray         # index into COST_CATEGORIES
    cents: np.ndarray
    date: np.ndarray
    line_no: np.ndarray

    def __len__(self) -> int:
        return len(self.activity)


def _category_table(costs: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    weight = np.zeros(len(COST_CATEGORIES))
    chance = np.zeros(len(COST_CATEGORIES))
    per_expert = np.zeros(len(COST_CATEGORIES), dtype=bool)
    for name, (share, occurs, linked) in costs.items():
        i = COST_CATEGORIES.index(name)
        weight[i], chance[i], per_expert[i] = share, occurs, linked
    return weight, chance, per_expert


_EXPERT_WEIGHT, _EXPERT_CHANCE, PER_EXPERT = _category_table(EXPERT_ACTIVITY_COSTS)
_NON_EXPERT_WEIGHT, _NON_EXPERT_CHANCE, _ = _category_table(NON_EXPERT_COSTS)


def activity_amounts(requests: RequestBatch, activities: Activities, rng: np.random.Generator) -> np.ndarray:
    """Cents of each activity: the request's expenditure pro rata to days with a little noise."""
    request_cents = np.maximum(requests.cents, 0)
    weights = np.maximum(activities.half_days, 1) * rng.lognormal(0.0, ACTIVITY_COST_NOISE, len(activities))
    return split_exactly(request_cents, activities.request, weights)


def category_amounts(activities: Activities, cents: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Cents of each activity by cost category, activity x category; expert fees the largest."""
    with_experts = (activities.half_days > 0)[:, None]
    shape = (len(activities), len(COST_CATEGORIES))
    weight = np.where(with_experts, _EXPERT_WEIGHT, _NON_EXPERT_WEIGHT)
    chance = np.where(with_experts, _EXPERT_CHANCE, _NON_EXPERT_CHANCE)
    weight = weight * (rng.random(shape) < chance) * rng.lognormal(0.0, 0.25, shape)
    owner = np.repeat(np.arange(len(activities)), len(COST_CATEGORIES))
    return split_exactly(cents, owner, weight.reshape(-1)).reshape(shape)


def expenditure_lines(
    requests: RequestBatch, activities: Activities, assignments: Assignments, rng: np.random.Generator
) -> ExpenditureLines:
    """Lines adding up to each request's expenditure exactly; none where it is unknown or zero."""
    by_category = category_amounts(activities, activity_amounts(requests, activities, rng), rng)

    per_expert_categories = np.flatnonzero(PER_EXPERT)
    parts = []
    for category in per_expert_categories:
        cents = split_exactly(by_category[:, category], assignments.activity, assignments.half_days)
        parts.append((assignments.activity, np.arange(len(assignments)), np.full(len(assignments), category),
                      cents))
    # Per-expert costs of an activity without a team stay on the activity.
    teamless = np.bincount(assignments.activity, minlength=len(activities)) == 0
    whole_activity = ~PER_EXPERT[None, :] | teamless[:, None]
    rows, categories = np.nonzero(whole_activity)
    parts.append((rows, np.full(len(rows), NO_ASSIGNMENT), categories, by_category[rows, categories]))

    activity, assignment, category, cents = (np.concatenate(column) for column in zip(*parts))
    kept = cents > 0
    activity, assignment, category, cents = activity[kept], assignment[kept], category[kept], cents[kept]
    order = np.lexsort((assignment, category, activity))
    activity, assignment, category, cents = activity[order], assignment[order], category[order], cents[order]

    # Fees are paid after the mission; travel and per diem at its start.
    fee = category == COST_CATEGORIES.index("Expert fees/FAA")
    cut_off = requests.cut_off[activities.request[activity]]
    date = np.minimum(np.where(fee, activities.end[activity], activities.start[activity]), cut_off)
    return ExpenditureLines(activity, assignment, category, cents, date, rank_within(activity) + 1)

"""Expert assignments: the team of each activity and how the activity's working days divide among it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from socieux.synthetic.activities import TYPE_CODES, Activities
from socieux.synthetic.apportion import owners_of, rank_within, split_exactly
from socieux.synthetic.calibration import (
    EXPERT_ROLES,
    MAX_EXPERT_DAYS_PER_MISSION,
    MAX_EXPERTS_PER_MISSION,
    MIN_EXPERT_DAYS_PER_MISSION,
    TEAM_SIZE_SHARES,
)

PRINCIPAL, TECHNICAL, SPEAKER, FACILITATOR, TRAINER, OTHER_ROLE = range(len(EXPERT_ROLES))
_IS_TRAINING = np.array([code.startswith("TRN") for code in TYPE_CODES])
_IS_EVENT = np.array([code.startswith("EVT") for code in TYPE_CODES])


@dataclass
class Assignments:
    """One entry per expert on an activity, grouped by activity; member 1 is the principal expert."""

    activity: np.ndarray
    member: np.ndarray
    half_days: np.ndarray
    mission_half_days: np.ndarray
    role: np.ndarray
    expert: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.activity)


def team_sizes(activities: Activities, rng: np.random.Generator) -> np.ndarray:
    """Usually two experts per mission, one to three, each with a plausible share of the days;
    an activity without days has no team."""
    days = activities.half_days / 2
    size = 1 + np.searchsorted(np.cumsum(TEAM_SIZE_SHARES), rng.random(len(activities)), side="right")
    fewest = np.ceil(days / MAX_EXPERT_DAYS_PER_MISSION)
    most = np.floor(days / MIN_EXPERT_DAYS_PER_MISSION)
    size = np.clip(np.minimum(np.maximum(size, fewest), most), 1, MAX_EXPERTS_PER_MISSION)
    size = np.minimum(size, activities.half_days)
    return size.astype(np.int64)


def _roles(activity_types: np.ndarray, member: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    draw = rng.random(len(member))
    training = _IS_TRAINING[activity_types]
    event = _IS_EVENT[activity_types]
    role = np.select(
        [training & (draw < 0.6), event & (draw < 0.4), event & (draw < 0.6), draw > 0.9],
        [TRAINER, SPEAKER, FACILITATOR, OTHER_ROLE],
        default=TECHNICAL,
    )
    return np.where(member == 1, PRINCIPAL, role)


def plan_assignments(
    activities: Activities, calendar_days: np.ndarray, rng: np.random.Generator
) -> Assignments:
    """Split each activity's half days over its team exactly; the principal expert has the most days."""
    activity = owners_of(team_sizes(activities, rng))
    half_days = split_exactly(activities.half_days, activity, rng.gamma(6.0, size=len(activity)), minimum=1)
    half_days = half_days[np.lexsort((-half_days, activity))]
    member = rank_within(activity) + 1
    # Days on mission are part of the working days (the rest is preparation and reporting).
    on_mission = np.round(half_days * rng.uniform(0.55, 0.85, len(activity)))
    mission_half_days = np.clip(on_mission, 1, np.minimum(half_days, 2 * calendar_days[activity]))
    role = _roles(activities.type[activity], member, rng)
    return Assignments(activity, member, half_days, mission_half_days.astype(np.int64), role)

"""The pseudonymous expert roster: who is mobilised how often, and attributes calibrated on days."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from socieux.synthetic.assignments import Assignments
from socieux.synthetic.calibration import (
    EXPERT_REGISTRATION_FROM,
    EXPERT_TYPE_SHARES,
    GENDER_SHARES,
    MEDIAN_DAYS_REGISTERED_BEFORE_FIRST_MISSION,
    MEDIAN_EXPERT_DAYS_PER_MISSION,
    NATIONALITY_SHARES,
    ROSTER_INACTIVE_SHARE,
    SOCIEUX_PLUS_START,
    UNMOBILISED_PROFILE_VALIDATED,
)

NATIONALITIES = tuple(NATIONALITY_SHARES)
AREAS_OF_ELIGIBILITY = ("EU", "PC", "Non-Eligible")
NATIONALITY_AREA = np.array([AREAS_OF_ELIGIBILITY.index(area) for _, area in NATIONALITY_SHARES.values()])
EXPERT_TYPES = tuple(EXPERT_TYPE_SHARES)           # (main type, type)
MAIN_TYPES = ("Public", "Private", "Int. Org.")
TYPE_MAIN_TYPE = np.array([MAIN_TYPES.index(main) for main, _ in EXPERT_TYPES])
TYPES = tuple(t for _, t in EXPERT_TYPES)
GENDERS = tuple(GENDER_SHARES)
PROGRAMMES = ("SOCIEUX", "SOCIEUX+")
PUBLIC = MAIN_TYPES.index("Public")
NEVER_MOBILISED = np.iinfo(np.int64).max

_REGISTRATION_FROM = int(np.datetime64(EXPERT_REGISTRATION_FROM, "D").astype(np.int64))
_SOCIEUX_PLUS_START = int(np.datetime64(SOCIEUX_PLUS_START, "D").astype(np.int64))


@dataclass(frozen=True)
class Roster:
    """How likely each registered expert is to be picked for an assignment (0: never mobilised)."""

    propensity: np.ndarray

    def __len__(self) -> int:
        return len(self.propensity)


@dataclass(frozen=True)
class ExpertProfiles:
    """Attributes of every expert on the roster, as indexes into the tuples of this module."""

    nationality: np.ndarray
    expert_type: np.ndarray
    gender: np.ndarray
    registration: np.ndarray
    profile_validated: np.ndarray

    @property
    def main_type(self) -> np.ndarray:
        return TYPE_MAIN_TYPE[self.expert_type]

    @property
    def area_of_eligibility(self) -> np.ndarray:
        return NATIONALITY_AREA[self.nationality]

    @property
    def programme(self) -> np.ndarray:
        return (self.registration >= _SOCIEUX_PLUS_START).astype(np.int64)


def draw_roster(total_half_days: int, assignments_per_expert: float, rng: np.random.Generator) -> Roster:
    """A roster larger than the mobilised set, sized so a mobilised expert has about
    ``assignments_per_expert`` assignments."""
    expected_assignments = max(total_half_days / 2 / MEDIAN_EXPERT_DAYS_PER_MISSION, 1.0)
    # With exponential propensities, active experts mobilised at least once average
    # 1 + assignments per active expert: hence the active pool below.
    active = expected_assignments / max(assignments_per_expert - 1.0, 0.1)
    size = max(20, math.ceil(active / (1.0 - ROSTER_INACTIVE_SHARE)))
    propensity = rng.exponential(1.0, size) * (rng.random(size) >= ROSTER_INACTIVE_SHARE)
    return Roster(propensity)


def pick_experts(assignments: Assignments, roster: Roster, rng: np.random.Generator) -> np.ndarray:
    """Roster index of the expert on each assignment; never the same expert twice on one activity."""
    cumulative = np.cumsum(roster.propensity)

    def draw(count: int) -> np.ndarray:
        picks = np.searchsorted(cumulative, rng.random(count) * cumulative[-1], side="right")
        return np.minimum(picks, len(roster) - 1)

    expert = draw(len(assignments))
    for _ in range(50):
        order = np.lexsort((expert, assignments.activity))
        repeated = np.zeros(len(expert), dtype=bool)
        repeated[order[1:]] = (assignments.activity[order[1:]] == assignments.activity[order[:-1]]) & (
            expert[order[1:]] == expert[order[:-1]]
        )
        if not repeated.any():
            break
        expert[repeated] = draw(int(repeated.sum()))
    return expert


def _share_by_weight(weights: np.ndarray, shares: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Categories whose weighted shares match ``shares`` to within one item's weight (systematic sampling)."""
    order = rng.permutation(len(weights))
    sorted_weights = weights[order]
    midpoints = (np.cumsum(sorted_weights) - sorted_weights / 2) / sorted_weights.sum()
    position = (midpoints + rng.random()) % 1.0
    category = np.empty(len(weights), dtype=np.int64)
    category[order] = np.searchsorted(np.cumsum(shares) / np.sum(shares), position, side="right")
    return np.minimum(category, len(shares) - 1)


def _attribute(days: np.ndarray, shares: tuple[float, ...], rng: np.random.Generator) -> np.ndarray:
    shares = np.asarray(shares, dtype=float)
    mobilised = days > 0
    category = np.searchsorted(np.cumsum(shares) / shares.sum(), rng.random(len(days)), side="right")
    category = np.minimum(category, len(shares) - 1)
    if mobilised.any():
        category[mobilised] = _share_by_weight(days[mobilised].astype(float), shares, rng)
    return category


def profile_experts(
    days_per_expert: np.ndarray, first_mission: np.ndarray, latest_date: int, rng: np.random.Generator
) -> ExpertProfiles:
    """Nationality, type and gender with the facility's shares of working days; registration before
    the first mobilisation."""
    nationality = _attribute(days_per_expert, tuple(s for s, _ in NATIONALITY_SHARES.values()), rng)
    expert_type = _attribute(days_per_expert, tuple(EXPERT_TYPE_SHARES.values()), rng)
    gender = _attribute(days_per_expert, tuple(GENDER_SHARES.values()), rng)

    mobilised = first_mission != NEVER_MOBILISED
    lead = np.round(MEDIAN_DAYS_REGISTERED_BEFORE_FIRST_MISSION * rng.lognormal(0, 0.8, len(first_mission)))
    lead = np.maximum(1, lead)
    before_mission = np.maximum(first_mission - lead, np.minimum(_REGISTRATION_FROM, first_mission - 1))
    any_time = rng.integers(_REGISTRATION_FROM, max(latest_date, _REGISTRATION_FROM + 1), len(first_mission))
    registration = np.where(mobilised, before_mission, any_time).astype(np.int64)
    validated = mobilised | (rng.random(len(first_mission)) < UNMOBILISED_PROFILE_VALIDATED)
    return ExpertProfiles(nationality, expert_type, gender, registration, validated)


def expert_id_width(roster_size: int) -> int:
    """Digits of the expert number in 'EXP-000123'."""
    return max(6, len(str(roster_size)))


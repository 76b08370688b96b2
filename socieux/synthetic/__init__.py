"""Deterministic synthetic demo data: activities, experts, assignments, expenditure lines, feedback forms
and milestones for the requests of a dataset version, labelled ``is_synthetic`` (docs/definitions.md)."""

from socieux.synthetic.generation import GenerationSettings, generate_synthetic, populate_synthetic

__all__ = ["GenerationSettings", "generate_synthetic", "populate_synthetic"]

"""Synthetic types of assistance for the requests the report gives none (docs/definitions.md, "Classifications").

Calibrated to the totals the report publishes: 28 of 145 requests on policy development (A.02.02); among the
84 actions implemented, 32 institutional capacity building, of which 9 legislative and regulatory framework
(A.02.01) and 21 policy development. Published types are kept and count towards these totals.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

SYNTHETIC = "synthetic"

# The report's bases and totals (final report 2016-2020): scaled to the data's own bases.
REPORT_REQUESTS, REPORT_IMPLEMENTED = 145, 84
POLICY_DEVELOPMENT_REQUESTS = 28
# type drawn -> (its quota, the published types that count towards it); 32 institutional in all.
IMPLEMENTED_QUOTAS = {
    "A.02.01": (9, ("A.02.01",)), "A.02.02": (21, ("A.02.02",)), "A.02.03": (32 - 9 - 21, ("A.02", "A.02.03")),
}

# Everything that is not institutional capacity building, in rough shares of the report's other types.
OTHER_TYPES = {
    "A.03.01": 0.24, "A.03": 0.20, "A.03.03": 0.10, "A.03.05": 0.07, "A.03.02": 0.06, "A.03.04": 0.04,
    "A.01": 0.16, "A.00": 0.07, "B.01": 0.04, "D.01": 0.02,
}
# Requests closed before formulation often never got a type: this share stays "not classified".
UNCLASSIFIED_IF_NOT_FORMULATED = 0.5


def _requests(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        """
        SELECT r.code,
               r.status IN (SELECT status FROM status_set WHERE set_name = 'implemented_original') AS implemented,
               r.status IN (SELECT status FROM status_set WHERE set_name = 'not_put_into_formulation')
                   AS not_formulated,
               r.status = 'Fractionated' AS fractioned,
               t.type_code
        FROM request_action r
        LEFT JOIN (
            SELECT code, min(type_code) AS type_code FROM (
                SELECT code, type_code FROM request_type_of_assistance
                UNION ALL
                SELECT code, type_of_assistance FROM request_action WHERE type_of_assistance IS NOT NULL
            ) GROUP BY code
        ) t USING (code)
        ORDER BY r.code
        """
    ).df()


def synthetic_types(requests: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One synthetic type per untyped request (code, type_code), fractioned requests left out."""
    typed = requests["type_code"].notna()
    implemented = requests["implemented"].astype(bool)
    scale_implemented = implemented.sum() / REPORT_IMPLEMENTED
    scale_all = len(requests) / REPORT_REQUESTS

    open_implemented = np.flatnonzero((~typed & implemented).to_numpy())
    open_other = np.flatnonzero((~typed & ~implemented & ~requests["fractioned"].astype(bool)).to_numpy())
    open_implemented = rng.permutation(open_implemented)
    open_other = rng.permutation(open_other)

    assigned = np.full(len(requests), None, dtype=object)
    start = 0
    for type_code, (quota, counted) in IMPLEMENTED_QUOTAS.items():
        already = int((implemented & requests["type_code"].isin(counted)).sum())
        wanted = max(0, round(quota * scale_implemented) - already)
        chosen = open_implemented[start:start + wanted]
        assigned[chosen] = type_code
        start += len(chosen)
    policy_so_far = int((requests["type_code"] == "A.02.02").sum()) + int((assigned == "A.02.02").sum())
    wanted = max(0, round(POLICY_DEVELOPMENT_REQUESTS * scale_all) - policy_so_far)
    assigned[open_other[:wanted]] = "A.02.02"

    rest = np.concatenate([open_implemented[start:], open_other[wanted:]])
    codes, shares = list(OTHER_TYPES), np.array(list(OTHER_TYPES.values()))
    assigned[rest] = rng.choice(codes, size=len(rest), p=shares / shares.sum())
    leave_open = rest[requests["not_formulated"].to_numpy()[rest]]
    assigned[leave_open[rng.random(len(leave_open)) < UNCLASSIFIED_IF_NOT_FORMULATED]] = None

    keep = pd.notna(assigned)
    return pd.DataFrame({"code": requests["code"].to_numpy()[keep], "type_code": assigned[keep].astype(str)})


def add_synthetic_types(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    """Insert synthetic types (source 'synthetic', is_synthetic) for the requests without one."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(101,)))
    types = synthetic_types(_requests(con), rng)
    con.register("synthetic_types", types)
    try:
        con.execute(
            "INSERT INTO request_type_of_assistance (code, type_code, as_given, source, is_synthetic) "
            "SELECT code, type_code, NULL, ?, true FROM synthetic_types",
            [SYNTHETIC],
        )
    finally:
        con.unregister("synthetic_types")

"""A 20,000-row requests sheet with every template column validates in one pass (time printed, not asserted)."""

from __future__ import annotations

import time

from socieux.workbook import read_and_validate, reference_from_connection
from socieux.workbook.sheets import REQUESTS
from tests.workbook_files import AS_OF, bundled_connection, shared_strings_xlsx

# The benchmark validates and loads 200,000 rows and prints the time (docs/performance.md); here a sheet ten times
# smaller (its sheet XML still many times the reader's 1 MiB scan chunk once unzipped) checks the same path.
ROWS = 20_000
COUNTRIES = ("Kenya", "Cabo Verde", "Côte d'Ivoire", "Peru", "Viet Nam", "Cambodia", "Togo")
STATUSES = ("Ongoing", "Completed", "Fractioned", "On hold", "Request", "Closed/Concluded")


def requests(count: int):
    columns = [column.name for column in REQUESTS.columns]
    for i in range(count):
        year = 2014 + i % 7
        received = 41640 + i % 2500          # Excel serial dates, as Excel stores them
        values = {
            "code": f"{year}-{i:06d}", "country": COUNTRIES[i % 7], "partner_institution": f"Ministry {i % 300}",
            "title": f"Support to reform {i}", "general_objective": f"Objective {i % 50}",
            "area_of_work": "SP" if i % 2 else "Labour & Employment", "status": STATUSES[i % 6],
            "gender_relevant": "Yes" if i % 3 else "No", "disability_relevant": "No",
            "date_received": received, "received_on_is_estimate": "No", "reporting_period": f"RP{1 + i % 4}",
            "programme_received": "SOCIEUX+", "legacy": "No", "type_of_assistance": "A.02.02",
            "fields_of_intervention": "E.10.07; A.20.02" if i % 2 else "E - Social Protection", "sdgs": "1.3; 8",
            "status_date": received + 200, "merged_into_code": None, "fractioned_from_code": None,
            "replaced_by_code": None, "working_days": (i % 40) / 2, "mission_days": (i % 20) / 2,
            "expenditure_eur": f"{(i % 900) * 37:,}.50" if i % 4 else "-",
        }
        for step_number, column in enumerate(c for c in columns if c.startswith("date_") and c != "date_received"):
            values[column] = received + 10 * (step_number + 1)
        yield [values[column] for column in columns]


def test_a_20000_row_requests_sheet_validates():
    reference = reference_from_connection(bundled_connection())
    columns = [column.name for column in REQUESTS.columns]
    content = shared_strings_xlsx("requests", columns, requests(ROWS), ROWS)
    started, cpu_started = time.perf_counter(), time.process_time()
    result = read_and_validate(content, "large.xlsx", reference, as_of=AS_OF)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # CPU time is printed too: on a shared machine the wall time also counts other processes' load.
    print(f"\n{ROWS:,} rows x {len(columns)} columns ({len(content) / 1e6:.1f} MB): validated in {elapsed:.1f} s "
          f"(CPU {cpu:.1f} s)")
    assert not result.has_errors, result.errors()[:5]
    assert len(result.tables["request_action"]) == ROWS
    assert len(result.tables["milestone"]) == ROWS * 15
    assert result.tables["request_action"]["status"].isin(["Ongoing", "Completed", "Fractionated", "On-hold",
                                                           "Request"]).all()

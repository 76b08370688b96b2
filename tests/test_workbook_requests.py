"""Rules of the requests sheet and the facility's request-list layout.

docs/definitions.md, "Loading the facility's exports".
"""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from socieux.store import PROJECT_ROOT
from socieux.workbook import read_and_validate, reference_from_connection
from tests.workbook_files import (
    AS_OF,
    REQUEST_HEADER,
    bundled_connection,
    load_into_schema,
    request_row,
    workbook_bytes,
)


@pytest.fixture(scope="module")
def reference():
    return reference_from_connection(bundled_connection())


def validate(reference, rows, header=REQUEST_HEADER, sheet="requests", **extra_sheets):
    content = workbook_bytes({sheet: [header, *rows], **extra_sheets})
    return read_and_validate(content, "upload.xlsx", reference, as_of=AS_OF)


def located(result, severity="error"):
    issues = result.errors() if severity == "error" else result.warnings()
    return {(i.sheet, i.row, i.column, i.value) for i in issues}


def test_a_valid_request_loads_with_normalised_values(reference):
    result = validate(reference, [request_row(country="COTE D'IVOIRE", status="closed/concluded", area_of_work="L&E",
                                              gender_relevant="Oui", disability_relevant="0",
                                              expenditure_eur="12,345.67", working_days="12.5")])
    assert not result.has_errors, result.issues
    row = result.tables["request_action"].iloc[0]
    assert row["country"] == "Côte d'Ivoire"
    assert row["status"] == "Completed"
    assert row["area_of_work"] == "Labour & Employment"
    assert bool(row["gender_relevant"]) is True and bool(row["disability_relevant"]) is False
    assert row["expenditure_eur"] == pytest.approx(12345.67)
    assert row["working_days"] == 12.5
    assert row["programme_received"] == "SOCIEUX+" and row["as_of"] == AS_OF and not row["is_synthetic"]
    con = load_into_schema(result.tables)
    assert con.execute("SELECT count(*) FROM request_action").fetchone()[0] == 1


@pytest.mark.parametrize("code", ["20211-01", "2021-1", "21-01", "2021_01", "2012-01", "2099-01"])
def test_malformed_codes_are_errors_naming_the_cell(reference, code):
    result = validate(reference, [request_row(code)])
    assert ("requests", 2, "code", code) in located(result)


def test_duplicate_codes_are_errors_naming_both_rows(reference):
    result = validate(reference, [request_row("2021-07"), request_row("2021-08"), request_row("2021-07")])
    duplicate = [i for i in result.errors() if "Duplicate" in i.rule]
    assert len(duplicate) == 1 and duplicate[0].row == 4 and duplicate[0].column == "code"
    assert "rows 2 and 4" in duplicate[0].rule


def test_an_unknown_status_is_an_error_listing_the_known_ones(reference):
    result = validate(reference, [request_row(status="Suspended")])
    issue = next(i for i in result.errors() if i.column == "status")
    assert (issue.sheet, issue.row, issue.value) == ("requests", 2, "Suspended")
    assert "Ongoing" in issue.fix and "Fractioned" in issue.fix and "statuses" in issue.fix


def test_a_statuses_sheet_defines_a_new_status(reference):
    result = validate(reference, [request_row(status="suspended")],
                      statuses=[["status", "stage", "closure_type"], ["Suspended", "Action in implementation", None]])
    assert not result.has_errors, result.issues
    assert result.tables["request_action"]["status"].tolist() == ["Suspended"]
    status = result.tables["status"].iloc[0]
    assert (status["status"], status["label"], status["stage"]) == ("Suspended", "Suspended", "action_implementation")
    assert status["sort_order"] == reference.max_status_order + 1


def test_countries_unknown_ineligible_and_aliases(reference):
    result = validate(reference, [request_row("2021-01", country="Atlantis"), request_row("2021-02", country="France"),
                                  request_row("2021-03", country="Ivory Coast"),
                                  request_row("2021-04", country="  viet   nam ")])
    assert ("requests", 2, "country", "Atlantis") in located(result)
    assert ("requests", 3, "country", "France") in located(result, "warning")
    assert not any(i.row in (4, 5) for i in result.issues if i.column == "country")


def test_a_countries_sheet_defines_a_new_country(reference):
    result = validate(reference, [request_row(country="Kosovo")],
                      countries=[["country", "iso3", "region", "income group"],
                                 ["Kosovo", "XKX", "Europe", "Upper-middle income"]])
    assert not result.has_errors, result.issues
    assert result.tables["request_action"]["country"].tolist() == ["Kosovo"]
    country = result.tables["partner_country"].iloc[0]
    assert (country["country"], country["region"], country["income_group"], bool(country["is_eligible"])) == (
        "Kosovo", "Europe", "Upper-middle income", True)
    load_into_schema({"partner_country": result.tables["partner_country"]})


def test_yes_no_days_and_money_rules(reference):
    result = validate(reference, [
        request_row("2021-01", gender_relevant="maybe"),
        request_row("2021-02", working_days=-3),
        request_row("2021-03", working_days=2.25),
        request_row("2021-04", expenditure_eur="12,5"),
        request_row("2021-05", expenditure_eur=-100),
        request_row("2021-06", expenditure_eur="-"),
        request_row("2021-07", expenditure_eur="N.a."),
        request_row("2021-08", expenditure_eur=None),
        request_row("2021-09", gender_relevant="Sí", disability_relevant="FALSE"),
    ])
    errors = located(result)
    assert ("requests", 2, "gender_relevant", "maybe") in errors
    assert ("requests", 3, "working_days", "-3") in errors
    assert ("requests", 4, "working_days", "2.25") in errors
    assert ("requests", 5, "expenditure_eur", "12,5") in errors
    assert ("requests", 6, "expenditure_eur", "-100") in errors
    assert len(errors) == 5
    money = result.tables.get("request_action")
    assert money is None  # errors: nothing to load
    ok = validate(reference, [request_row("2021-06", expenditure_eur="-"),
                              request_row("2021-07", expenditure_eur="N.a."),
                              request_row("2021-08", expenditure_eur=None)])
    assert ok.tables["request_action"]["expenditure_eur"].isna().all()


def test_dates_in_every_accepted_form_and_ambiguity(reference):
    header = REQUEST_HEADER + ["date_received"]
    rows = [request_row("2021-01") + ["2021-03-15"], request_row("2021-02") + ["15/03/2021"],
            request_row("2021-03") + ["15-03-2021"], request_row("2021-04") + [44270],
            request_row("2021-05") + [date(2021, 3, 15)]]
    result = validate(reference, rows, header=header)
    assert not result.has_errors, result.issues
    assert set(result.tables["request_action"]["date_received"]) == {date(2021, 3, 15)}
    assert set(result.tables["milestone"]["step"]) == {"received"}
    bad = validate(reference, [request_row("2021-01") + ["03/15/2021"], request_row("2021-02") + ["15/03/21"],
                               request_row("2021-03") + ["31/02/2021"], request_row("2021-04") + ["March 2021"]],
                   header=header)
    rules = {(i.row, i.value): i.rule for i in bad.errors()}
    assert "ambiguous" in rules[(2, "03/15/2021")] and "ambiguous" in rules[(3, "15/03/21")]
    assert "not a valid calendar date" in rules[(4, "31/02/2021")]
    assert "not a date" in rules[(5, "March 2021")]


def test_milestone_columns_become_milestone_rows(reference):
    header = REQUEST_HEADER + ["received_on", "date_approved", "date_first_mission"]
    result = validate(reference, [request_row() + ["2021-01-10", "01/03/2021", None]], header=header)
    assert not result.has_errors, result.issues
    milestones = result.tables["milestone"].sort_values("step")
    assert list(zip(milestones["step"], milestones["event_date"])) == [
        ("approved", date(2021, 3, 1)), ("received", date(2021, 1, 10))]
    load_into_schema({"milestone": result.tables["milestone"]})


def test_placeholders_and_markup_are_kept_verbatim_with_warnings(reference):
    script = "<script>alert('x')</script> =1+1"
    result = validate(reference, [request_row(title=script, partner_institution="tbc")])
    assert not result.has_errors
    assert result.tables["request_action"]["title"].iloc[0] == script
    warnings = {(i.column, i.rule.split(" ")[0]) for i in result.warnings()}
    assert ("title", "Text") in warnings and ("partner_institution", "Placeholder") in warnings
    markup = next(i for i in result.warnings() if i.column == "title")
    assert (markup.row, markup.value) == (2, script) and "markup" in markup.rule


def test_days_on_cancelled_requests_are_warned(reference):
    result = validate(reference, [request_row(status="Cancelled", working_days=10)])
    issue = next(i for i in result.warnings() if "Cancelled" in i.rule)
    assert (issue.row, issue.column, issue.value) == (2, "working_days", "10")


def test_missing_required_columns_are_errors(reference):
    header = [c for c in REQUEST_HEADER if c != "status"]
    result = validate(reference, [request_row()[:5] + request_row()[6:]], header=header)
    issue = next(i for i in result.errors() if i.column == "status")
    assert issue.sheet == "requests" and issue.row == 1 and "missing" in issue.rule


def test_blank_required_cells_are_errors(reference):
    result = validate(reference, [request_row(title=None)])
    assert ("requests", 2, "title", None) in located(result)


def test_the_facility_request_list_layout(reference):
    header = ["Code", "Country", "Partner Institution", "Title", "General Objective", "Area of work",
              "Gender Relevant", "Inclusive Disability Relevant", "Total Effective Working Days",
              "Expenditure [in €]", "Status", "Action manager"]
    rows = [
        ["SOCIEUX+ requests received 2016-2020", None, None],
        ["Data as of 28 September 2020", None],
        [],
        header,
        ["2016-11", "Cambodia", "MoSAVY", "Allowances", "Objective", "SP", "No", "Yes", 35, "24,604.55", "Stopped",
         "Action manager 2"],
        ["2016-14", "Perú", "MTPE", "Employment", None, "LE", "Yes", "No", 0, "-", "Merged", None],
    ]
    content = workbook_bytes({"Sheet1": rows})
    result = read_and_validate(content, "list.xlsx", reference, as_of=date(2020, 9, 28))
    assert not result.has_errors, result.issues
    requests = result.tables["request_action"]
    assert requests["code"].tolist() == ["2016-11", "2016-14"]
    assert requests["country"].tolist() == ["Cambodia", "Peru"]
    assert requests["expenditure_eur"].iloc[0] == pytest.approx(24604.55) and requests["expenditure_eur"].isna().iloc[1]
    assert requests["status"].tolist() == ["Stopped", "Merged"]
    assert json.loads(requests["extra"].iloc[0]) == {"Action manager": "Action manager 2"}
    assert requests["extra"].iloc[1] is None
    assert result.extra_columns == {"Sheet1": ["Action manager"]}
    load_into_schema(result.tables)


def test_the_facility_layout_with_the_misread_euro_sign_and_spacing(reference):
    header = ["CODE", "country", "Partner  Institution", "TITLE", "Área of Work", "Gender relevant",
              "Inclusive disability relevant", "Total effective working days", "Expenditure [in C]", "Status"]
    row = ["2019-03", "Togo", "CNSS", "Pensions", "Social Protection", "Y", "N", "4.5", "1 200.00", "On hold"]
    result = read_and_validate(workbook_bytes({"Request list": [header, row]}), "x.xlsx", reference, as_of=AS_OF)
    assert not result.has_errors, result.issues
    request = result.tables["request_action"].iloc[0]
    assert (request["expenditure_eur"], request["working_days"], request["status"]) == (1200.0, 4.5, "On-hold")


def test_as_of_from_an_as_of_column(reference):
    content = workbook_bytes({"requests": [REQUEST_HEADER + ["as_of"], request_row() + ["2021-06-30"]]})
    result = read_and_validate(content, "x.xlsx", reference)
    assert result.as_of == date(2021, 6, 30)
    assert result.tables["request_action"]["as_of"].tolist() == [date(2021, 6, 30)]


def test_unrecognised_sheets_are_ignored_with_a_warning(reference):
    content = workbook_bytes({"requests": [REQUEST_HEADER, request_row()], "notes": [["Some notes"], ["text"]]})
    result = read_and_validate(content, "x.xlsx", reference, as_of=AS_OF)
    assert not result.has_errors
    assert any(i.sheet == "notes" and "not recognised" in i.rule for i in result.warnings())


def test_issue_lists_are_capped_per_rule(reference):
    rows = [request_row(f"2021-{i:04d}", gender_relevant="perhaps") for i in range(1, 1201)]
    result = validate(reference, rows)
    gender = [i for i in result.errors() if i.column == "gender_relevant"]
    assert len(gender) == 1001
    assert "and 200 more" in gender[-1].rule


def test_month_first_dates_only_by_column_setting(reference):
    content = workbook_bytes({"requests": [REQUEST_HEADER + ["date_received"], request_row() + ["03/15/2021"]]})
    day_first = read_and_validate(content, "x.xlsx", reference, as_of=AS_OF)
    assert any(i.column == "date_received" and "ambiguous" in i.rule for i in day_first.errors())
    month_first = read_and_validate(content, "x.xlsx", reference, as_of=AS_OF, month_first=["requests.date_received"])
    assert not month_first.has_errors
    assert month_first.tables["request_action"]["date_received"].tolist() == [date(2021, 3, 15)]


def test_links_written_as_text_in_the_status(reference):
    result = validate(reference, [request_row("2016-14", status="Merged with 2016-11"),
                                  request_row("2016-15", status="Withdrawn, replaced by 2016-16")])
    assert not result.has_errors, result.errors()
    requests = result.tables["request_action"]
    assert requests["status"].tolist() == ["Merged", "Withdrawn"]
    assert requests["merged_into_code"].tolist()[0] == "2016-11"
    assert requests["replaced_by_code"].tolist()[1] == "2016-16"
    assert json.loads(requests["extra"].iloc[0]) == {"status (as written)": "Merged with 2016-11"}


def test_the_report_list_of_145_requests_validates_cleanly(reference):
    with (PROJECT_ROOT / "data" / "bundled" / "requests_2016_2020.csv").open(encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    header = ["Code", "Country", "Partner Institution", "Title", "General Objective", "Area of work",
              "Gender Relevant", "Inclusive Disability Relevant", "Total Effective Working Days",
              "Expenditure [in €]", "Status"]
    fields = ["code", "country", "partner_institution", "title", "general_objective", "area_of_work",
              "gender_relevant", "disability_relevant", "working_days", "expenditure_eur", "status"]
    rows = [["List of requests received by SOCIEUX+"], header] + [[r[f] or None for f in fields] for r in records]
    result = read_and_validate(workbook_bytes({"Requests": rows}), "report_list.xlsx", reference,
                               as_of=date(2020, 9, 28))
    assert not result.has_errors, result.errors()[:5]
    loaded = result.tables["request_action"]
    assert len(loaded) == 145
    assert loaded["working_days"].sum() == pytest.approx(sum(float(r["working_days"]) for r in records))


def test_two_spellings_of_one_country_in_the_countries_sheet_are_a_duplicate(reference):
    result = validate(reference, [request_row()], countries=[["country", "region"], ["Ivory Coast", "Africa"],
                                                              ["Côte d'Ivoire", "Africa"]])
    issue = next(i for i in result.errors() if "Duplicate" in i.rule)
    assert (issue.sheet, issue.row, issue.column) == ("countries", 3, "country") and "rows 2 and 3" in issue.rule

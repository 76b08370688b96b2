"""The sheets of the upload template: for each, the table it fills and its columns (kind, required, meaning)."""

from __future__ import annotations

from dataclasses import dataclass

from socieux.processing_steps import PROCESSING_STEPS, STEP_LABELS

# The processing steps, in order (data/reference/processing_steps.csv): a date column per step but receipt.
MILESTONE_STEPS = PROCESSING_STEPS


@dataclass(frozen=True)
class Column:
    name: str
    kind: str          # text | code | code_link | bool | days | money | number | int | date | status | area | country
    #                    | activity_no | nationality | stage | region | income_group | period
    required: bool = False
    meaning: str = ""
    example: str = ""


@dataclass(frozen=True)
class SheetSpec:
    name: str
    table: str
    columns: tuple[Column, ...]
    purpose: str

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


# One Column a line, in the template's order: the sheets read alike by design (declarations, left unfolded).
C = Column
REQUESTS = SheetSpec("requests", "request_action", (
    C("code", "code", True, "Request code: year of receipt, dash, order within the year", "2021-07"),
    C("country", "country", True, "Partner country (facility spelling or a usual alias)", "Cabo Verde"),
    C("partner_institution", "text", True, "Partner institution: English name [original name] (ACRONYM)",
      "Ministry of Labour (MoL)"),
    C("title", "text", True, "Title of the request/action", "Support to the social protection strategy"),
    C("general_objective", "text", False, "General objective", "Strengthen social protection"),
    C("area_of_work", "area", True, "Social Protection or Labour & Employment (SP, L&E)", "Social Protection"),
    C("status", "status", True, "Status of the request/action at the as-of date", "Ongoing"),
    C("gender_relevant", "bool", True, "Gender relevant: Yes or No", "Yes"),
    C("disability_relevant", "bool", True, "Inclusive disability relevant: Yes or No", "No"),
    C("date_received", "date", False, "Date the request was received (also the 'received' milestone)", "2021-03-15"),
    C("received_on_is_estimate", "bool", False, "Is the receipt date an estimate? Yes or No", "No"),
    C("reporting_period", "period", False, "Reporting period of receipt (RP1 ...); derived from the date if empty",
      "RP5"),
    C("programme_received", "text", False, "SOCIEUX or SOCIEUX+ (default SOCIEUX+)", "SOCIEUX+"),
    C("legacy", "bool", False, "SOCIEUX request processed under SOCIEUX+: Yes or No", "No"),
    C("type_of_assistance", "text", False, "Type of assistance code; several separated by ';'", "A.02.02"),
    C("fields_of_intervention", "text", False, "Fields of intervention (ILO taxonomy codes), separated by ';'",
      "E.10.07; A.20.02"),
    C("sdgs", "text", False, "SDGs and targets, separated by ';'", "01.03.; 08.05."),
    C("status_date", "date", False, "Date of the last status update ('Update' in the PMT)", "2021-09-01"),
    C("merged_into_code", "code_link", False, "For Merged records: the surviving code", "2021-03"),
    C("fractioned_from_code", "code_link", False, "For Fractioned records: the parent code", "2020-11"),
    C("replaced_by_code", "code_link", False, "For Withdrawn records: the replacing code", "2021-09"),
    C("working_days", "days", False, "Total expert working days (half days allowed)", "35.5"),
    C("mission_days", "days", False, "Total mission days (half days allowed)", "20"),
    C("expenditure_eur", "money", False, "Action expenditure in euro; empty or '-' = not known", "24604.55"),
    *(C(f"date_{step}", "date", False, f"Date of the processing step '{STEP_LABELS[step]}'", "2021-04-01")
      for step in MILESTONE_STEPS if step != "received"),
), "One row per request/action code.")

ACTIVITIES = SheetSpec("activities", "activity", (
    C("code", "code", True, "Request/action code the activity belongs to", "2021-07"),
    C("activity_no", "activity_no", True, "0 = fact-finding; 1-4; sub-activities 2.1", "1"),
    C("title", "text", True, "Title of the activity", "Training of labour inspectors"),
    C("start_date", "date", True, "Start date", "2021-05-10"),
    C("end_date", "date", False, "End date", "2021-05-21"),
    C("activity_type", "text", False, "Type of activity (ADV.1, TRN.1, STV.1 study visit, FFM ...)", "TRN.1"),
    C("is_fact_finding", "bool", False, "Fact-finding mission? Yes or No (default: Yes for activity 0)", "No"),
    C("modality", "text", False, "On-site mission, Distance/remote or Mixed", "On-site mission"),
    C("status", "text", False, "Planned, Implemented, Cancelled or Postponed", "Implemented"),
    C("working_days", "days", False, "Expert working days of the activity", "20"),
    C("mission_days", "days", False, "Mission days of the activity", "10"),
    C("participants_total", "int", False, "Number of participants", "25"),
), "One row per activity of an action (fact-finding included).")

ASSIGNMENTS = SheetSpec("assignments", "expert_assignment", (
    C("code", "code", True, "Request/action code", "2021-07"),
    C("activity_no", "activity_no", True, "Activity number", "1"),
    C("expert_id", "text", True, "Pseudonymous expert id (never a name or e-mail)", "EXP-00123"),
    C("working_days", "days", True, "Effective working days of this expert on this activity", "10"),
    C("assignment_id", "text", False, "Id of the assignment (generated when empty)", "A-0001"),
    C("role", "text", False, "Principal expert, Technical expert, Speaker, Trainer ...", "Technical expert"),
    C("start_date", "date", False, "Start date", "2021-05-10"),
    C("end_date", "date", False, "End date", "2021-05-21"),
    C("mission_days", "days", False, "Mission days", "8"),
    C("main_type", "text", False, "Public, Private or Int. Org. (at the assignment)", "Public"),
    C("type", "text", False, "Civil Servant, Freelance, Retired-Public ...", "Civil Servant"),
    C("area_of_eligibility", "text", False, "EU, PC or Non-Eligible", "EU"),
    C("nationality", "nationality", False, "Nationality (country name)", "France"),
    C("gender", "text", False, "male or female", "female"),
), "One row per expert per activity.")

EXPERTS = SheetSpec("experts", "expert", (
    C("expert_id", "text", True, "Pseudonymous expert id (never a name or e-mail)", "EXP-00123"),
    C("gender", "text", True, "male or female", "female"),
    C("nationality", "nationality", True, "Nationality (country name)", "Spain"),
    C("area_of_eligibility", "text", True, "EU, PC or Non-Eligible", "EU"),
    C("main_type", "text", True, "Public, Private or Int. Org.", "Public"),
    C("type", "text", True, "Civil Servant, Freelance, Retired-Public ...", "Civil Servant"),
    C("registration_date", "date", False, "Registration date in the PMT", "2019-02-01"),
    C("profile_validated", "bool", False, "Profile validated by the FMT? Yes or No", "Yes"),
    C("programme_registered", "text", False, "SOCIEUX or SOCIEUX+", "SOCIEUX+"),
), "One row per expert of the (pseudonymised) roster.")

EXPENDITURE = SheetSpec("expenditure", "expenditure_line", (
    C("code", "code", True, "Request/action code", "2021-07"),
    C("amount_eur", "money", True, "Amount in euro", "1250.00"),
    C("line_id", "text", False, "Id of the line (generated when empty)", "E-0001"),
    C("activity_no", "activity_no", False, "Activity number", "1"),
    C("assignment_id", "text", False, "Assignment id, if the cost belongs to one expert", "A-0001"),
    C("cost_category", "text", False, "Expert fees/FAA, Per diem ..., Travel ..., Other, Total (default Total)",
      "Expert fees/FAA"),
    C("expense_date", "date", False, "Date of the expense", "2021-05-21"),
    C("budget_type", "text", False, "Actual or ABE estimate (default Actual)", "Actual"),
), "One row per expenditure line; with totals per action only, one line 'Total' per code.")

TARGETS = SheetSpec("targets", "target", (
    C("indicator_id", "text", True, "Indicator id of the logframe", "LF-O8"),
    C("period_code", "period", True, "Reporting period code", "RP5"),
    C("target_value", "number", True, "Target value", "30"),
    C("baseline_value", "number", False, "Baseline value", "0"),
    C("source", "text", False, "Where the target comes from", "Extension plan 2020"),
), "Logframe targets, one row per indicator and period.")

STATUSES = SheetSpec("statuses", "status", (
    C("status", "text", True, "New status, as written in the data", "Suspended"),
    C("stage", "stage", True, "request, action_preparation, action_implementation or closed", "action_implementation"),
    C("closure_type", "text", False, "For closed statuses: rejected, merged, cancelled, stopped, completed, withdrawn",
      ""),
    C("meaning", "text", False, "What the status means", "Activities suspended by the partner"),
), "Statuses not yet known to the dashboard, with the stage they belong to.")

COUNTRIES = SheetSpec("countries", "partner_country", (
    C("country", "text", True, "Country name as it will appear in the data", "Kosovo"),
    C("iso3", "text", False, "ISO 3166 alpha-3 code", "XKX"),
    C("region", "region", False, "Africa, Asia, Caribbean, Latin America, Middle East, Pacific, Europe", "Europe"),
    C("income_group", "income_group", False, "World Bank income group", "Upper-middle income"),
    C("eligibility", "text", False, "DCI, ENI, EDF or OCT", "ENI"),
    C("income_group_source", "text", False, "Source of the income group", "World Bank classification FY2021"),
    C("is_eligible", "bool", False, "Eligible partner country? Yes or No (default Yes)", "Yes"),
), "Partner countries not yet known to the dashboard (or corrections of region, income group, eligibility).")

EVALUATIONS = SheetSpec("evaluations", "evaluation", (
    C("evaluation_id", "text", True, "Id of the evaluation", "SOCIEUX-MTE-2019"),
    C("title", "text", True, "Title of the evaluation report", "Mid-Term Evaluation of SOCIEUX+"),
    C("organisation", "text", True, "Who responds to the evaluation", "SOCIEUX+ Facility Management Team (FMT)"),
    C("is_facility_own", "bool", False, "The facility's own evaluation? Yes or No (default Yes); No = another "
      "programme's record, shown only as an example", "Yes"),
    C("programme", "text", False, "Programme evaluated", "SOCIEUX+ 2016-2020"),
    C("evaluation_type", "text", False, "ROM, mid-term, final, ex-post ...", "mid-term evaluation (external)"),
    C("commissioned_by", "text", False, "Who commissioned it", "DG DEVCO"),
    C("evaluator", "text", False, "Evaluator, as stated (roles or firms, never a person's name)", "external team"),
    C("evaluation_date", "text", False, "When it took place, as printed", "January-May 2019"),
    C("evaluation_year", "int", False, "Year of the evaluation", "2019"),
    C("response_date", "text", False, "Date of the management response: yyyy, yyyy-mm or yyyy-mm-dd", "2018-11"),
    C("approved_by", "text", False, "Who approved the response", "SOCIEUX+ Steering Committee (PSC)"),
    C("approval_date", "text", False, "Date of approval: yyyy, yyyy-mm or yyyy-mm-dd", "2018-11"),
    C("overall_response", "text", False, "General reply of management", ""),
    C("source", "text", False, "Document and pages the record comes from", "Final report, Annexe P"),
    C("notes", "text", False, "Notes", ""),
), "One row per evaluation whose recommendations are followed up.")

RECOMMENDATIONS = SheetSpec("recommendations", "recommendation", (
    C("evaluation_id", "text", True, "Evaluation the recommendation belongs to", "SOCIEUX-MTE-2019"),
    C("recommendation_id", "text", True, "Id of the recommendation within its evaluation", "MTE-I-1"),
    C("text", "text", True, "The recommendation, as printed", "Strengthen the monitoring of cross-cutting issues"),
    C("sequence", "int", False, "Order in the document (default: row order)", "1"),
    C("number_as_printed", "text", False, "Number as printed", "R1"),
    C("section_as_printed", "text", False, "Section or table it is printed under", "Immediate"),
    C("title", "text", False, "Short title", ""),
    C("addressed_to", "text", False, "Who the recommendation is addressed to", "EF and partners"),
    C("timeframe", "text", False, "immediate, short, medium, long or short to medium", "short"),
    C("timeframe_as_printed", "text", False, "Timeframe as printed", "Short term"),
    C("priority", "text", False, "Priority", "High"),
    C("resource_implication", "text", False, "Resource implication", ""),
    C("related_findings", "text", False, "Findings it follows from, ';'-separated", "C2;C3"),
    C("response", "text", False, "Management's position as printed (Agree, Partially agree, High relevance ...)",
      "Agree"),
    C("response_text", "text", False, "Management's reply", ""),
    C("considerations_text", "text", False, "Considerations, where printed apart", ""),
    C("source_line", "text", False, "Where in the source document", ""),
    C("notes", "text", False, "Notes", ""),
), "One row per recommendation, with management's response.")

KEY_ACTIONS = SheetSpec("key_actions", "key_action", (
    C("evaluation_id", "text", True, "Evaluation", "SOCIEUX-MTE-2019"),
    C("recommendation_id", "text", True, "Recommendation the action answers", "MTE-I-1"),
    C("action_id", "text", True, "Id of the key action within its recommendation", "MTE-I-1-A1"),
    C("text", "text", True, "The key action, as printed", "Revise the feedback forms"),
    C("sequence", "int", False, "Order within the recommendation (default: row order)", "1"),
    C("responsible", "text", False, "Who is responsible (roles or units, never a person's name)", "FMT"),
    C("responsible_basis", "text", False, "'as printed', or how the responsible was set", "as printed"),
    C("period_text", "text", False, "Period as printed", "2021-2022"),
    C("period_start", "date", False, "Start of the period, where the text allows", "2021-01-01"),
    C("period_end", "date", False, "End of the period, where the text allows (overdue after it)", "2022-12-31"),
    C("section_as_printed", "text", False, "Heading it is printed under (proposed measures, considerations ...)",
      "FMT's proposed measures"),
    C("source_line", "text", False, "Where in the source document", ""),
    C("notes", "text", False, "Notes", ""),
), "One row per key action of a recommendation.")

UPDATES = SheetSpec("updates", "followup_update", (
    C("evaluation_id", "text", True, "Evaluation", "SOCIEUX-MTE-2019"),
    C("recommendation_id", "text", True, "Recommendation the update concerns", "MTE-I-1"),
    C("update_id", "text", True, "Id of the update within its evaluation", "MTE-I-1-U1"),
    C("as_of_date", "date", True, "Date of the update", "2020-09-04"),
    C("status", "text", True, "Not started, In progress, Done, Dropped, or No status reported", "In progress"),
    C("action_id", "text", False, "Key action it concerns; empty = the whole recommendation", "MTE-I-1-A1"),
    C("as_of", "text", False, "The update's period as printed", "RP4"),
    C("text", "text", False, "What was done, as reported", "The forms were revised in RP4."),
    C("sequence", "int", False, "Order within the recommendation (default: row order)", "1"),
    C("section_as_printed", "text", False, "Heading it is printed under", "Follow-up in RP4"),
    C("source_line", "text", False, "Where in the source document", ""),
), "One row per follow-up update of a recommendation or one of its key actions.")


STATUS_HISTORY = SheetSpec("status_history", "status_event", (
    C("code", "code", True, "Request/action code", "2021-07"),
    C("status", "status", True, "Status the request had from that date on", "Eligible"),
    C("valid_from", "date", True, "Date the request took this status", "2021-04-02"),
), "The statuses each request went through, one row per change (gives the stocks at each period end).")


REQUEST_FIELDS = SheetSpec("request_fields", "request_field", (
    C("code", "code", True, "Request/action code", "2021-07"),
    C("field_code", "text", True, "Field of intervention code (several separated by ';')", "E.10.07"),
), "Fields of intervention of each request, one row per request and field.")

REQUEST_TYPES = SheetSpec("request_types", "request_type_of_assistance", (
    C("code", "code", True, "Request/action code", "2021-07"),
    C("type_code", "text", True, "Type of assistance code (several separated by ';')", "A.02.02"),
), "Types of assistance of each request, one row per request and type.")

REQUEST_SDGS = SheetSpec("request_sdgs", "request_sdg", (
    C("code", "code", True, "Request/action code", "2021-07"),
    C("sdg_code", "text", True, "SDG or target (several separated by ';')", "01.03."),
), "SDGs of each request, one row per request and SDG.")

FOCAL_POINTS = SheetSpec("focal_points", "focal_point", (
    C("fp_id", "text", True, "Pseudonymous focal point id (never a name or e-mail)", "FP-001"),
    C("country", "text", True, "EU Member State (UK counted)", "France"),
    C("sex", "text", True, "female or male", "female"),
    C("institution", "text", False, "Institution", "Ministry of Labour"),
    C("main_type", "text", False, "public or private", "public"),
    C("level", "text", False, "national or institution", "national"),
    C("active", "bool", False, "Active? Yes or No", "Yes"),
    C("registration_date", "date", False, "Registration date", "2018-03-01"),
), "EU Member State focal points, one row each (no names or contacts).")

CALLS = SheetSpec("calls", "call_for_experts", (
    C("call_id", "text", True, "Id of the call for experts", "CALL-2019-001"),
    C("code", "code", True, "Request/action code", "2019-07"),
    C("activity_no", "activity_no", True, "Activity number", "1"),
    C("published_date", "date", True, "Date the call was published", "2019-03-01"),
    C("profile", "text", False, "Profile sought", "Pension actuary"),
    C("deadline", "date", False, "Deadline for applications", "2019-03-21"),
    C("languages", "text", False, "Languages required (EN, ES, FR, PT ...; separated by ';')", "EN; FR"),
    C("status", "text", False, "Status of the call", "closed"),
), "Calls for experts, one per activity (from May 2018).")

APPLICATIONS = SheetSpec("applications", "application", (
    C("call_id", "text", True, "Id of the call", "CALL-2019-001"),
    C("expert_id", "text", True, "Pseudonymous expert id", "EXP-00123"),
    C("applied_date", "date", False, "Date of the application", "2019-03-10"),
    C("long_listed", "bool", False, "Long-listed? Yes or No", "Yes"),
    C("short_listed", "bool", False, "Short-listed? Yes or No", "Yes"),
    C("selected", "bool", False, "Selected? Yes or No", "No"),
), "Applications of experts to calls, one row per expert and call.")

EVENTS = SheetSpec("events", "event", (
    C("event_id", "text", True, "Id of the event", "EV-2019-03"),
    C("type", "text", True, "regional peer-to-peer meeting, EDD session, awareness event or webinar", "webinar"),
    C("start_date", "date", True, "Date of the event", "2019-06-18"),
    C("title", "text", False, "Title", "Social protection in the Sahel"),
    C("country", "text", False, "Country where it took place", "Senegal"),
    C("status", "text", False, "held or cancelled", "held"),
), "Awareness and knowledge-development events, one row each.")

EVENT_PARTICIPANTS = SheetSpec("event_participants", "event_participant", (
    C("event_id", "text", True, "Id of the event", "EV-2019-03"),
    C("sex", "text", True, "female or male", "male"),
    C("participant_no", "int", False, "Number of the participant within the event (generated when empty)", "1"),
    C("institution", "text", False, "Institution (never a name)", "CNSS"),
    C("country", "text", False, "Country of the institution", "Senegal"),
    C("attended_pct", "number", False, "Share of the event attended, in % (counted from 50 %)", "100"),
), "Participants of events, one row each (no names or contacts).")


def survey_spec(form: str) -> SheetSpec:
    return SheetSpec(form.lower(), "survey_response", (
        C("response_id", "text", True, "Id of the response (never a name)", f"{form}-0001"),
        C("code", "code", True, "Request/action code", "2021-07"),
        C("submitted_date", "date", True, "Date the form was submitted", "2021-06-01"),
        C("activity_no", "activity_no", False, "Activity number (e.g. #3.1)", "1"),
        C("respondent_role", "text", False, "EXF: role in the activity; PAF: type of activity", ""),
        C("respondent_sex", "text", False, "PAF: female, male or empty", ""),
    ), f"{form} answers, one row per response, one column per closed question (Q01 ...).")


SURVEY_FORMS = ("PIF", "EXF", "PAF")
SHEETS: dict[str, SheetSpec] = {
    spec.name: spec
    for spec in (REQUESTS, STATUS_HISTORY, REQUEST_FIELDS, REQUEST_TYPES, REQUEST_SDGS,
                 ACTIVITIES, ASSIGNMENTS, EXPERTS, EXPENDITURE,
                 *(survey_spec(form) for form in SURVEY_FORMS), TARGETS, STATUSES, COUNTRIES,
                 FOCAL_POINTS, CALLS, APPLICATIONS, EVENTS, EVENT_PARTICIPANTS,
                 EVALUATIONS, RECOMMENDATIONS, KEY_ACTIONS, UPDATES)
}
# Sheets of the template that hold no data.
IGNORED_SHEETS = ("instructions", "lists", "readme")

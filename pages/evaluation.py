"""Evaluation follow-up: recommendations, management's responses, key actions and how far they got."""

from datetime import date

import streamlit as st

from socieux.access import is_staff, staff_identity
from socieux.amounts import MISSING
from socieux.charts.evaluation import PROGRESS_NOTE
from socieux.dataset_load import UploadRefused
from socieux.evaluation_updates import TRACKING_STATUSES, KeyActionUpdate, record_update
from socieux.exports import date_stamp, file_stem
from socieux.filters import Filters
from socieux.management_response import EXAMPLE_LABEL, follow_up_matrix_xlsx, management_response_docx
from socieux.store import Store, store_dir
from socieux.ui.data import arrow_of, current_version, dataset_info, query, shared_query
from socieux.ui.evaluation_tables import evaluation_sections
from socieux.ui.layout import provenance_line, show_chart
from socieux.ui.markdown import escape_markdown


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATES = {name: st.column_config.DateColumn(format="DD MMM YYYY")
         for name in ("As of", "Period start", "Period end", "Status as of")}
NO_FILTER = Filters()  # the sidebar's request filters do not apply to evaluations

info = dataset_info()
st.title("Evaluation follow-up")
st.markdown(
    "The recommendations of the facility's evaluations, management's response to each, the key actions "
    "planned (who, when) and how far they got: done, in progress, overdue, or no status reported."
)
st.caption(escape_markdown(provenance_line(info)) + "  \nThe sidebar filters (requests) do not apply to this page.")

# -- settings ---------------------------------------------------------------------------------------------------
options = query("evaluation_options")


def offered(dimension: str) -> list[str]:
    return options.loc[options["dimension"] == dimension, "value"].tolist()


labels = dict(zip(options["value"], options["label"]))
left, middle, right = st.columns(3)
organisations = left.multiselect(
    "Organisation", offered("organisation"), format_func=lambda v: labels.get(v, v), key="organisation",
    bind="query-params", accept_new_options=True, placeholder="SOCIEUX+ (the facility's own)",
    help="Empty: the facility's own evaluations. Other programmes' management responses are examples of the "
         "same kind of follow-up, not SOCIEUX+ data.",
)
evaluations = middle.multiselect(
    "Evaluation", offered("evaluation"), format_func=lambda v: labels.get(v, v), key="evaluation",
    bind="query-params", accept_new_options=True, placeholder="Every evaluation of the organisations",
)
as_of = right.date_input(
    "Overdue as of", value="today", key="as_of", bind="query-params", format="DD/MM/YYYY",
    help="A key action is overdue when its period ends before this date and it is neither done nor dropped.",
) or date.today()
left, middle, right = st.columns(3)
responsibles = left.multiselect("Responsible", offered("responsible"), key="responsible", bind="query-params",
                                accept_new_options=True, placeholder="Anyone")
responses = middle.multiselect("Response", offered("response"), key="response", bind="query-params",
                               accept_new_options=True, placeholder="Any response",
                               help="Management's position as printed (agree, partially agree, relevance ...).")
statuses = right.multiselect("Status", offered("status"), key="status", bind="query-params",
                             accept_new_options=True, placeholder="Any status",
                             help="Latest stated status of the key action; Overdue as defined above.")
search = st.text_input(
    "Search", key="q", bind="query-params", placeholder="Words of a recommendation, response or key action",
    help="Not case or accent sensitive: 'economie' finds 'économie'.",
)
unknown = [v for v, known in ((v, offered(d)) for d, chosen in (
    ("organisation", organisations), ("evaluation", evaluations), ("responsible", responsibles),
    ("response", responses), ("status", statuses)) for v in chosen) if v not in known]
if unknown:
    st.warning("Not in the data, so nothing matches: " + "; ".join(f"“{escape_markdown(v)}”" for v in unknown),
               icon=":material/warning:")
scope = {"as_of": as_of, "organisations": organisations, "evaluations": evaluations,
         "responsibles": responsibles, "responses": responses, "statuses": statuses, "search": search or ""}

# -- data -------------------------------------------------------------------------------------------------------
summary = query("evaluation_summary", **scope)
recommendations = query("evaluation_recommendations", **scope)
key_actions = query("evaluation_key_actions", **scope)
if recommendations.empty:
    st.info("No recommendation matches these settings. Clear the search or a filter above, or choose another "
            "organisation or evaluation.", icon=":material/search:")
    st.stop()

examples = summary[summary["Data"] != "SOCIEUX+"]
if not examples.empty:
    st.warning(f"**{EXAMPLE_LABEL}:** " + escape_markdown(", ".join(examples["Evaluation"])) + ". These are other "
               "organisations' management responses, shown as examples of the same follow-up.",
               icon=":material/attach_file:")

# -- show -------------------------------------------------------------------------------------------------------
st.subheader("Progress")
totals = summary[["Recommendations", "Key actions", "Done", "In progress", "Overdue", "No status reported"]].sum()
for column, (label, value) in zip(st.columns(len(totals)), totals.items()):
    column.metric(label, f"{int(value):,}", border=True)
st.caption(f"Cards and table: key actions by their latest stated status; **Overdue** counts those whose period "
           f"ended before {as_of:%d %b %Y} and that are neither done nor dropped (they also count under their "
           f"status). Charts: {PROGRESS_NOTE} No status is ever guessed: where the follow-up states none, the key "
           "action counts as **No status reported**.")
st.dataframe(arrow_of(shared_query("evaluation_summary", **scope)), hide_index=True, placeholder=MISSING)
left, right = st.columns(2)
with left:
    if not key_actions.empty:
        show_chart("evaluation-progress", NO_FILTER, **scope)
with right:
    if not key_actions.empty:
        show_chart("evaluation-timeline", NO_FILTER, **scope)

st.subheader("Progress per recommendation")
st.dataframe(arrow_of(shared_query("evaluation_recommendation_progress", **scope)), hide_index=True, placeholder=MISSING)
if not key_actions.empty:
    show_chart("evaluation-recommendation-progress", NO_FILTER, **scope)

st.subheader("Overdue key actions")
overdue = shared_query("evaluation_overdue", **scope)
if overdue.empty:
    st.caption(f"No key action in view is overdue as of {as_of:%d %b %Y}.")
else:
    st.dataframe(arrow_of(overdue), hide_index=True, placeholder=MISSING, column_config=DATES)

st.subheader("Recommendations, responses and key actions")
sections = evaluation_sections(scope)
for section in sections:
    with st.expander(section.heading, expanded=len(summary) <= 2):
        if section.is_example:
            st.warning(EXAMPLE_LABEL, icon=":material/attach_file:")
        st.caption(section.facts)
        if section.overall_response:
            st.markdown(section.overall_response)
        if section.findings is not None:
            st.dataframe(arrow_of(section.findings), hide_index=True, placeholder=MISSING)
        st.dataframe(arrow_of(section.recommendations), hide_index=True, placeholder=MISSING)
        if section.key_actions is None:
            st.caption("No key actions recorded for this evaluation.")
        else:
            st.dataframe(arrow_of(section.key_actions), hide_index=True, placeholder=MISSING, column_config=DATES)
            if section.mixes_considerations:
                st.caption("Rows under “FMT's proposed measures and consideration” mix proposed measures with "
                           "the facility's considerations and rejections, as the document prints them; rows under "
                           "“FMT's proposed measures” are measures only.")

st.subheader("Follow-up updates")
updates = shared_query("evaluation_updates", **scope)
if updates.empty:
    st.caption("No follow-up update recorded for the recommendations in view.")
else:
    st.dataframe(arrow_of(updates), hide_index=True, placeholder=MISSING, column_config=DATES)

st.subheader("Downloads")
stem = file_stem("evaluation", "follow-up", date_stamp(as_of))
context = ["Evaluation follow-up matrix", f"Overdue as of {as_of:%Y-%m-%d}", provenance_line(info)]
left, right, _ = st.columns([1, 1, 2])
left.download_button(
    "Follow-up matrix (Excel)", lambda: follow_up_matrix_xlsx(key_actions, recommendations.drop(
        columns="is_facility_own"), context), f"{stem}.xlsx", XLSX, key="evaluation-matrix", on_click="ignore",
    icon=":material/download:",
)
right.download_button(
    "Management response (Word)", lambda: management_response_docx(
        query("evaluation_details", **scope), recommendations, key_actions, as_of=f"{as_of:%d %b %Y}"),
    file_stem("evaluation", "management-response", date_stamp(as_of)) + ".docx", DOCX,
    key="evaluation-docx", on_click="ignore", icon=":material/download:",
)

# -- staff: record an update ---------------------------------------------------------------------------------------
if not is_staff():
    st.stop()


def record_the_update(seen_version: int) -> None:
    """Publish the update as a new version; runs before the page is drawn again, so the page shows it."""
    if not is_staff():  # checked again on the server right before acting
        st.session_state["_update_refused"] = "Only facility staff can record an update."
        return
    evaluation_id, recommendation_id, action_id = st.session_state["update_action"]
    update = KeyActionUpdate(evaluation_id, recommendation_id, action_id, st.session_state["update_status"],
                             st.session_state["update_date"], st.session_state["update_text"] or "")
    try:
        version = record_update(Store(store_dir()), update, seen_version=seen_version, recorded_by=staff_identity())
    except UploadRefused as refused:
        st.session_state["_update_refused"] = str(refused)
        return
    st.session_state["_update_recorded"] = (action_id, version.version_id)
    st.session_state["update_text"] = ""


st.subheader("Record an update (staff)")
refused = st.session_state.pop("_update_refused", None)
if refused:
    st.error(escape_markdown(refused), icon=":material/block:")
recorded = st.session_state.pop("_update_recorded", None)
if recorded:
    st.success(f"Update of {escape_markdown(recorded[0])} recorded as version {recorded[1]}; the Data history page "
               "can roll it back.", icon=":material/check_circle:")
if key_actions.empty:
    st.caption("No key action in view to update.")
    st.stop()
choices = {
    (row["Evaluation"], row["Recommendation"], row["Key action"]):
        f"{row['Evaluation']} · {row['Key action']}: {row['Text'][:90]}"
    for row in key_actions.to_dict("records")
}
with st.form("record_update"):
    st.selectbox("Key action", list(choices), format_func=choices.get, key="update_action")
    left, right = st.columns(2)
    left.selectbox("Status", TRACKING_STATUSES, key="update_status")
    right.date_input("As of", value=date.today(), key="update_date", format="DD/MM/YYYY")
    st.text_area("What was done", key="update_text", max_chars=2000)
    st.form_submit_button("Record the update", type="primary", on_click=record_the_update,
                          args=(current_version().version_id,))
st.caption(f"Publishes a new dataset version, recorded as loaded by {escape_markdown(staff_identity())}; "
           "refused if the data changed since this page was drawn.")

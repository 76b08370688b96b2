"""Interim report pack: every chart of the dashboard for one reporting period, as images and data, in one ZIP."""

import streamlit as st

from socieux.charts import CATALOGUE
from socieux.filters import Filters
from socieux.report_pack import build_version_pack, pack_file_name, pack_filters
from socieux.ui.context import active_filters
from socieux.ui.data import current_version, query
from socieux.ui.layout import page_header
from socieux.ui.markdown import escape_markdown


_PACK_KEY = "_report_pack"
IMAGE_CHOICES = {"PNG and SVG": ("png", "svg"), "PNG only": ("png",), "SVG only": ("svg",),
                 "No images (data and index)": ()}

filters = active_filters()
info = page_header(
    "Interim report pack",
    f"All {len(CATALOGUE)} charts of the dashboard for one reporting period, ready for the interim report: "
    "each as PNG and SVG (or either, or none: see Images) with its title, filters, data date and source; "
    "their data in one Excel workbook; "
    "and an index with the definitions used.",
    filters,
    estimates_note=False,
)

options = query("filter_options")
periods = options.loc[options["dimension"] == "period", "value"].tolist()
if not periods:
    st.info("The dataset has no requests yet, so there is no reporting period to report on.",
            icon=":material/search:")
    st.stop()

left, right = st.columns([1, 2])
period = left.selectbox(
    "Reporting period", periods, index=len(periods) - 1, key="pack_period",
    help="Only the reporting periods with requests in the data are offered.",
)
with right:
    use_sidebar = st.toggle(
        "Also apply the sidebar filters", value=False, key="pack_use_filters",
        help="Off: every request of the period. On: only the requests the sidebar filters select "
        "(their reporting period is replaced by the one chosen here).",
    )
scope_filters = filters if use_sidebar else Filters()
scope = pack_filters(scope_filters, period)
st.caption(f"**The pack covers:** {escape_markdown(scope.describe())}")
images = st.radio(
    "Images", list(IMAGE_CHOICES), index=0, key="pack_images", horizontal=True,
    help="PNG for Word and PowerPoint, SVG for print; without images the pack (data workbook and index) "
    "is ready in seconds.",
)

version = current_version()
wanted = (str(version.path), scope, images)
if st.button("Build the report pack", type="primary", icon=":material/folder_zip:"):
    progress_bar = st.progress(0.0, text="Starting ...")
    pack = build_version_pack(
        version, period=period, filters=scope_filters, image_formats=IMAGE_CHOICES[images],
        progress=lambda fraction, message: progress_bar.progress(min(fraction, 1.0), text=message),
    )
    st.session_state[_PACK_KEY] = (wanted, pack_file_name(period, scope_filters, info["as_of"]), pack)

built = st.session_state.get(_PACK_KEY)
if built and built[0] == wanted:
    _, file_name, pack = built
    st.success(f"The report pack is ready ({len(pack) / 1_000_000:.1f} MB).", icon=":material/check_circle:")
    st.download_button(
        "Download the report pack (ZIP)", pack, file_name, "application/zip",
        key="pack_download", on_click="ignore", icon=":material/download:", type="primary",
    )
elif built:
    st.caption("The period, the filters, the images or the data changed since the last pack: build it again.")

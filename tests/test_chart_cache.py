"""Each catalogue chart is built once per dataset version, filters and options, and shared by every session."""

from __future__ import annotations

from socieux.filters import Filters
from socieux.ui import layout
from socieux.ui.data import current_version
from tests.test_pages import open_page


def test_a_chart_is_built_once_per_version_filters_and_options(app_env):
    layout._chart_figure.clear()
    path = str(current_version().path)
    everyone, all_rows = layout._chart_figure(path, "overview-region", Filters(), ())
    assert layout._chart_figure(path, "overview-region", Filters(), ())[0] is everyone
    africa, africa_rows = layout._chart_figure(path, "overview-region", Filters(regions=("Africa",)), ())
    assert africa is not everyone
    # 145 requests in all, 66 of them from Africa (the bundled list).
    assert all_rows["requests"].sum() == 145 and africa_rows["requests"].sum() == 66
    left_out = layout._chart_figure(path, "overview-region", Filters(fractioned=False), ())[1]
    assert left_out["requests"].sum() == 143
    # An option is part of the key, lists included.
    split = layout._frozen({"dimension": "region", "show": "share"})
    assert layout._chart_figure(path, "requests-period-dimension", Filters(), split)[0] is not \
        layout._chart_figure(path, "requests-period-dimension", Filters(), layout._frozen({"dimension": "area"}))[0]
    assert layout._frozen({"nationalities": ["France"]}) == (("nationalities", (("France",), True)),)


def test_sessions_drawing_a_shared_figure_leave_it_as_built(app_env):
    layout._chart_figure.clear()
    open_page()
    shared, _ = layout._chart_figure(str(current_version().path), "overview-region", Filters(), ())
    before = shared.to_json()
    open_page()
    open_page(region="Africa")
    assert layout._chart_figure(str(current_version().path), "overview-region", Filters(), ())[0] is shared
    assert shared.to_json() == before

"""Results shared by every session of a process: one computation per version and the parameters it uses."""

from __future__ import annotations

import threading

from socieux.filters import Filters
from socieux.shared_cache import shared_cache
from socieux.ui import data, layout
from socieux.ui.data import current_version, derived, query


def test_the_shared_cache_computes_once_and_drops_the_least_recently_used():
    calls = []

    @shared_cache(max_entries=2)
    def square(n):
        calls.append(n)
        return [n * n]

    first = square(3)
    assert square(3) is first and calls == [3]
    square(4)
    square(3)      # 3 used again: 4 is now the least recently used
    square(5)      # a third key: 4 goes
    assert square.size() == 2
    square(3)
    square(4)
    assert calls == [3, 4, 5, 4]
    square.clear()
    square(3)
    assert calls == [3, 4, 5, 4, 3]


def test_many_sessions_asking_at_once_share_one_computation():
    started, release, calls = threading.Event(), threading.Event(), []

    @shared_cache(max_entries=4)
    def slow(n):
        calls.append(n)
        started.set()
        release.wait(5)
        return [n]

    results = []
    first = threading.Thread(target=lambda: results.append(slow(1)))
    first.start()
    started.wait(5)
    others = [threading.Thread(target=lambda: results.append(slow(1))) for _ in range(5)]
    for thread in others:
        thread.start()
    release.set()
    for thread in [first, *others]:
        thread.join(5)
    assert calls == [1] and len(results) == 6 and all(r is results[0] for r in results)


def test_when_the_first_computation_fails_the_waiting_sessions_compute_for_themselves():
    started, release, calls = threading.Event(), threading.Event(), []

    @shared_cache(max_entries=4)
    def flaky(n):
        calls.append(n)
        if len(calls) == 1:
            started.set()
            release.wait(5)
            raise RuntimeError("the first one fails")
        return n

    errors, results = [], []
    first = threading.Thread(target=lambda: errors.append(_raised(flaky, 7)))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: results.append(flaky(7)))
    second.start()
    release.set()
    first.join(5)
    second.join(5)
    assert errors == ["the first one fails"] and results == [7] and calls == [7, 7]


def _raised(function, *args) -> str | None:
    try:
        function(*args)
    except RuntimeError as error:
        return str(error)
    return None


def test_a_query_result_is_keyed_by_the_parameters_the_query_uses(app_env):
    data._cached_query.clear()
    query("status_sets", Filters())
    # status_sets takes no filter: any selection answers from the one result.
    query("status_sets", Filters(regions=("Africa",), fractioned=False))
    assert data._cached_query.size() == 1
    # kpi_totals takes the filters: Africa is a result of its own (66 of the 145 requests).
    assert query("kpi_totals", Filters()).iloc[0]["received"] == 145
    assert query("kpi_totals", Filters(regions=("Africa",))).iloc[0]["received"] == 66
    assert data._cached_query.size() == 3


def test_a_page_changing_its_result_leaves_the_shared_one_as_it_was(app_env):
    mine = query("kpi_totals", Filters())
    mine["received"] = 0
    mine.loc[0, "closed"] = -1
    again = query("kpi_totals", Filters())
    # 145 requests, 97 closed (the bundled data).
    assert (again.iloc[0]["received"], again.iloc[0]["closed"]) == (145, 97)


def _requests_in(filters: Filters) -> int:
    return int(query("kpi_totals", filters).iloc[0]["received"])


def test_derived_work_runs_once_per_version_and_key(app_env):
    data._derived.clear()
    calls = []

    def counted(filters):
        calls.append(filters)
        return _requests_in(filters)

    assert derived(counted, Filters(regions=("Africa",))) == 66
    assert derived(counted, Filters(regions=("Africa",))) == 66
    assert derived(counted, Filters()) == 145
    assert len(calls) == 2


def test_a_chart_no_filter_changes_is_built_once_for_every_selection(app_env):
    layout._chart_figure.clear()
    path = str(current_version().path)
    # The evaluation charts read the evaluation records, which no sidebar filter narrows.
    everyone = layout._shared_chart("evaluation-progress", Filters(), {})[0]
    assert layout._shared_chart("evaluation-progress", Filters(regions=("Africa",), periods=("RP2",)), {})[0] \
        is everyone
    # A chart whose query takes the region is built again for it.
    overview = layout._shared_chart("overview-region", Filters(), {})[0]
    assert layout._shared_chart("overview-region", Filters(regions=("Africa",)), {})[0] is not overview
    assert layout._chart_figure(path, "overview-region", Filters(), ())[0] is overview


def test_prefetched_queries_answer_the_calls_that_follow(app_env, monkeypatch):
    monkeypatch.setenv("SOCIEUX_QUERY_THREADS", "2")
    data._cached_query.clear()
    ran, threads = [], set()
    real = data.run_query

    def counted(con, name, params=None):
        ran.append(name)
        threads.add(threading.current_thread().name)
        return real(con, name, params)

    monkeypatch.setattr(data, "run_query", counted)
    africa = Filters(regions=("Africa",))
    calls = [("kpi_totals", {}), ("requests_by_region", {}), ("kpi_totals", {})]  # the same call twice: run once
    data.prefetch(africa, calls)
    assert sorted(ran) == ["kpi_totals", "requests_by_region"]
    assert all(name.startswith("socieux-prefetch") for name in threads)
    # Asked one after the other, every result comes from the cache: 66 of the 145 requests are in Africa.
    assert int(query("kpi_totals", africa).iloc[0]["received"]) == 66
    assert int(query("requests_by_region", africa)["requests"].sum()) == 66
    assert len(ran) == 2


def test_prefetch_does_nothing_with_one_query_thread(app_env, monkeypatch):
    monkeypatch.setenv("SOCIEUX_QUERY_THREADS", "1")
    data._cached_query.clear()
    data.prefetch(Filters(), [("kpi_totals", {}), ("requests_by_region", {})])
    assert data._cached_query.size() == 0

"""What many viewers at once get: sessions of Streamlit's own browser protocol against a running dashboard.

Each session opens a connection as a browser does (an HTTP request, then the websocket /_stcore/stream),
asks for a random page with random sidebar filters (a ``rerun_script`` message carrying the page name and
the query string, as a shared link does), waits for the run to finish and asks again; after a few reruns
it hangs up and connects anew. It runs for a bounded time, talks to 127.0.0.1 only, and prints sessions,
reruns, errors, median and 95th-percentile rerun time, reruns per second and the server's CPU per rerun
(docs/performance.md).

    .venv/bin/python scripts/load_test.py --url http://127.0.0.1:8080 --sessions 50 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

# The viewers' pages (url_path in app.py; the default page, Overview, opens at "/"); the staff pages
# need a sign-in and are left out.
PAGES = ("", "requests", "expert_days", "feedback", "indicators", "processing", "evaluation")
FILTER_KEYS = ("period", "region", "income_group", "area", "country", "stage")
RERUN_TIMEOUT_SECONDS = 120
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Tally:
    sessions: int = 0
    connections: int = 0
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    by_page: dict[str, list[float]] = field(default_factory=dict)  # the seconds of each page's views


def filter_values(store: Path | None) -> dict[str, list[str]]:
    """The values the sidebar offers, read from the store's current version (none: pages without filters)."""
    from socieux.queries import run_query  # noqa: PLC0415 (the project is on the path only from here)
    from socieux.store import Store, connect, store_dir

    current = Store(store or store_dir()).current()
    if current is None:
        return {}
    con = connect(current)
    try:
        options = run_query(con, "filter_options")
    finally:
        con.close()
    return {key: options.loc[options["dimension"] == key, "value"].tolist() for key in FILTER_KEYS}


def random_view(rng: random.Random, values: dict[str, list[str]]) -> tuple[str, str]:
    """A page and the query string of zero to two filters (a third of the views open unfiltered)."""
    page = rng.choice(PAGES)
    offered = [key for key in FILTER_KEYS if values.get(key)]
    chosen = rng.sample(offered, k=min(len(offered), rng.choice((0, 1, 1, 2))))
    return page, urlencode([(key, rng.choice(values[key])) for key in chosen])


def rerun_message(page: str, query_string: str, url: str, *, first: bool) -> bytes:
    """The message the browser sends to run a page: on a later view the address bar's filters win (as on Back)."""
    message = BackMsg()
    state = message.rerun_script
    state.page_name = page
    state.query_string = query_string
    state.is_history_navigation = not first
    state.context_info.timezone = "Europe/Brussels"
    state.context_info.locale = "en-GB"
    state.context_info.url = f"{url}/{page}" + (f"?{query_string}" if query_string else "")
    return message.SerializeToString()


def problem_in(message: ForwardMsg) -> str | None:
    """What a message says went wrong for the viewer, if anything."""
    kind = message.WhichOneof("type")
    if kind == "page_not_found":
        return "page not found"
    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        element = message.delta.new_element
        if element.WhichOneof("type") == "exception":
            return f"exception: {element.exception.type}: {element.exception.message[:120]}"
    if kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
        return "script did not compile"
    return None


async def one_rerun(socket, page: str, query_string: str, url: str, *, first: bool) -> tuple[float, str | None]:
    """Send one rerun and read until the page's run has finished; (seconds, problem or None)."""
    started = time.perf_counter()
    await socket.send(rerun_message(page, query_string, url, first=first))
    problem = None
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(socket.recv(), RERUN_TIMEOUT_SECONDS))
        problem = problem or problem_in(message)
        # A run that ends early for a rerun (the page's own st.rerun) is followed by the real one.
        if message.WhichOneof("type") == "script_finished" and message.script_finished in (
            ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR
        ):
            return time.perf_counter() - started, problem


def healthy(url: str) -> bool:
    """Whether the dashboard at ``url`` answers its health check (a server started, a proxy passing it on)."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def _session_cookie(url: str) -> str:
    """Fetch what a browser fetches first, keeping the cookies the proxy sets (its sticky-session route)."""
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=30) as answer:
        cookies = answer.headers.get_all("Set-Cookie") or []
    return "; ".join(cookie.split(";", 1)[0] for cookie in cookies)


async def viewer(url: str, deadline: float, rng: random.Random, values: dict, per_connection: int,
                 think: float, tally: Tally, link: tuple[str, str] | None = None) -> None:
    """One viewer: connect, look at a few random views, hang up, connect again, until the deadline.

    ``link`` (page, query string): the viewer's first view, as when a meeting's chair shares one link.
    """
    tally.sessions += 1
    ws_url = "ws" + url[len("http"):] + "/_stcore/stream"
    while time.perf_counter() < deadline:
        try:
            cookie = await asyncio.to_thread(_session_cookie, url)
            async with websockets.connect(
                ws_url, subprotocols=["streamlit"], origin=url, max_size=None, open_timeout=30,
                ping_interval=None,  # a browser does not ping: a busy server would be cut off for answering late
                additional_headers={"Cookie": cookie} if cookie else None,
            ) as socket:
                tally.connections += 1
                for turn in range(rng.randint(1, 2 * per_connection - 1)):
                    if time.perf_counter() >= deadline:
                        break
                    page, query_string = link or random_view(rng, values)
                    link = None
                    seconds, problem = await one_rerun(socket, page, query_string, url, first=turn == 0)
                    tally.seconds.append(seconds)
                    tally.by_page.setdefault(page or "overview", []).append(seconds)
                    if problem:
                        tally.errors.append(f"/{page}?{query_string}: {problem}")
                    if think:  # a pause never runs past the deadline, so the rate counts no idle tail
                        await asyncio.sleep(min(rng.uniform(0, 2 * think), max(0.0, deadline - time.perf_counter())))
        except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as error:
            tally.errors.append(f"connection: {type(error).__name__}: {error}")
            await asyncio.sleep(1)


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU time of each process (all its threads) and of its children, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))

    def own(pid: int) -> float:
        try:
            fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS + sum(own(c) for c in children.get(pid, []))

    return {pid: own(pid) for pid in pids}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def shared_link(link: str | None) -> tuple[str, str] | None:
    """``expert_days?region=Africa`` as (page, query string); the Overview is the empty page name."""
    if link is None:
        return None
    page, _, query_string = link.lstrip("/").partition("?")
    return ("" if page == "overview" else page), query_string


def only_local(url: str) -> str:
    """The URL without a trailing slash, refused unless it is http://127.0.0.1[:port]."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname != "127.0.0.1":
        raise SystemExit(f"The load test talks to http://127.0.0.1 only, not to {url!r}.")
    return url.rstrip("/")


async def run(args: argparse.Namespace) -> dict:
    url = only_local(args.url)
    values = filter_values(args.store)
    pids = [int(p) for p in args.server_pid] + [
        int(line) for line in (Path(args.pids_file).read_text().split() if args.pids_file else [])
    ]
    tally = Tally()
    before = cpu_seconds(pids)
    started = time.perf_counter()
    deadline = started + args.seconds
    await asyncio.gather(*(
        viewer(url, deadline, random.Random(args.seed * 1000 + n), values, args.reruns_per_connection,
               args.think, tally, shared_link(args.link))
        for n in range(args.sessions)
    ))
    wall = time.perf_counter() - started
    after = cpu_seconds(pids)
    reruns = len(tally.seconds)
    cpu = {pid: after[pid] - before[pid] for pid in pids}
    return {
        "sessions": tally.sessions,
        "connections": tally.connections,
        "reruns": reruns,
        "errors": len(tally.errors),
        "p50_s": statistics.median(tally.seconds) if tally.seconds else float("nan"),
        "p95_s": percentile(tally.seconds, 0.95),
        "reruns_per_s": reruns / wall,
        "wall_s": wall,
        "server_cpu_s": cpu,
        "cpu_per_rerun_ms": 1000 * sum(cpu.values()) / reruns if reruns and pids else None,
        "first_errors": tally.errors[:10],
        "pages": {page: {"reruns": len(times), "p50_s": statistics.median(times), "p95_s": percentile(times, 0.95)}
                  for page, times in sorted(tally.by_page.items())},
    }


def printed(result: dict) -> str:
    cpu = result["cpu_per_rerun_ms"]
    rows = [
        ("Sessions", f"{result['sessions']} ({result['connections']} connections)"),
        ("Reruns", str(result["reruns"])),
        ("Errors", str(result["errors"])),
        ("p50", f"{result['p50_s']:.2f} s"),
        ("p95", f"{result['p95_s']:.2f} s"),
        ("Reruns per second", f"{result['reruns_per_s']:.2f}"),
        ("Server CPU per rerun", f"{cpu:.0f} ms" if cpu is not None else "not measured (no --server-pid)"),
    ]
    lines = [f"| {name} | {value} |" for name, value in rows]
    lines += [f"| CPU of process {pid} | {seconds:.1f} s |" for pid, seconds in result["server_cpu_s"].items()]
    lines += [f"error: {e}" for e in result["first_errors"]]
    pages = [f"| {page} | {p['reruns']} | {p['p50_s']:.2f} s | {p['p95_s']:.2f} s |"
             for page, p in result.get("pages", {}).items()]
    return "\n".join(["| Measure | Value |", "|---|---|", *lines, "", "| Page | Reruns | p50 | p95 |",
                      "|---|---|---|---|", *pages])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8501", help="the dashboard (127.0.0.1 only)")
    parser.add_argument("--sessions", type=int, default=50, help="viewers at once")
    parser.add_argument("--seconds", type=float, default=60, help="how long the test runs")
    parser.add_argument("--reruns-per-connection", type=int, default=3,
                        help="a viewer reconnects after 1 to 2n-1 reruns (n on average)")
    parser.add_argument("--think", type=float, default=0,
                        help="mean pause between a viewer's reruns in seconds (0: ask again at once)")
    parser.add_argument("--server-pid", action="append", default=[], help="a server process to measure CPU of")
    parser.add_argument("--pids-file", help="a file listing the server processes (scripts/serve.sh writes one)")
    parser.add_argument("--store", type=Path, help="the store the filter values come from (default: the app's)")
    parser.add_argument("--link", help="every viewer's first view, e.g. 'expert_days?region=Africa' (a meeting's "
                                       "shared link); later views are random")
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args))
    print(json.dumps(result) if args.json else printed(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

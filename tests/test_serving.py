"""Several dashboard processes behind nginx (scripts/serve.sh), measured by the load test, sharing one store."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import duckdb
import pytest
import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from socieux.store import Store

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
from load_test import healthy, rerun_message, shared_link  # noqa: E402 (scripts/ is not a package)

pytestmark = pytest.mark.serving

NEW_SOURCE = "Version published while two processes serve"


def _free_ports(count: int) -> int:
    """The first of ``count`` consecutive free ports of 127.0.0.1."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count > 65535:
            continue
        sockets = []
        try:
            for port in range(first, first + count):
                held = socket.socket()
                sockets.append(held)
                held.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for held in sockets:
                held.close()
    raise RuntimeError("No consecutive free ports found.")


@pytest.fixture(scope="module")
def served(bundled_store_dir, tmp_path_factory):
    """scripts/serve.sh with 2 processes on free ports, on a copy of the bundled store; yields what it started."""
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists() and os.getuid() != 0:
        pytest.skip("Debian's nginx is not installed and only root may install it.")
    work = tmp_path_factory.mktemp("serving")
    store = work / "store"
    shutil.copytree(bundled_store_dir, store)
    port, backend = _free_ports(1), _free_ports(2)
    while port in (backend, backend + 1):
        backend = _free_ports(2)
    env = {**os.environ, "PORT": str(port), "ADDRESS": "127.0.0.1", "BACKEND_PORT": str(backend),
           "RUN_DIR": str(work / "run"), "SOCIEUX_STORE_DIR": str(store), "SOCIEUX_SKIP_SETUP": "1"}
    log = (work / "serve.log").open("w")
    server = subprocess.Popen(["bash", "scripts/serve.sh", "2"], cwd=PROJECT_ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    urls = [f"http://127.0.0.1:{p}" for p in (port, backend, backend + 1)]
    try:
        deadline = time.time() + 60
        while not all(healthy(url) for url in urls):
            assert server.poll() is None, (work / "serve.log").read_text()
            assert time.time() < deadline, "scripts/serve.sh did not answer within 60 s"
            time.sleep(0.3)
        yield {"url": urls[0], "backends": urls[1:], "run_dir": work / "run", "store": store, "server": server}
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


def test_load_test_through_nginx_reaches_both_processes_without_errors(served):
    # A new connection for every view, so the sticky routes spread the viewers over both processes; every viewer
    # opens the same shared link first, as in a meeting.
    answer = subprocess.run(
        [sys.executable, "scripts/load_test.py", "--url", served["url"], "--sessions", "6", "--seconds", "10",
         "--reruns-per-connection", "1", "--link", "expert_days?region=Africa", "--pids-file", str(served["run_dir"] / "pids"),
         "--store", str(served["store"]), "--json"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=True,
    )
    result = json.loads(answer.stdout)
    error_log = (served["run_dir"] / "logs" / "error.log").read_text()[-2000:]
    assert result["errors"] == 0, (result["first_errors"], error_log)
    assert result["reruns"] >= 6, result
    assert len(result["server_cpu_s"]) == 2 and all(seconds > 0 for seconds in result["server_cpu_s"].values())
    # nginx logs each websocket when it closes, with the process it was sent to.
    streams = [line.split() for line in (served["run_dir"] / "logs" / "access.log").read_text().splitlines()
               if "/_stcore/stream" in line]
    reached = {fields[-2] for fields in streams if fields[-3] == "101"}
    assert reached == {b.removeprefix("http://") for b in served["backends"]}, streams


def _route_of(url: str, cookie: str | None = None) -> str:
    """The process nginx names in the sticky cookie of its answer to one request (with ``cookie``, if given)."""
    request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        cookies = answer.headers.get_all("Set-Cookie") or []
    return next(c.split(";", 1)[0].split("=", 1)[1] for c in cookies if c.startswith("socieux_route="))


def test_new_browsers_take_turns_and_each_stays_with_its_process(served):
    backends = {b.removeprefix("http://") for b in served["backends"]}
    firsts = [_route_of(served["url"]) for _ in range(8)]
    # The processes take turns: every other new browser goes to each (a route hashed from a random cookie would
    # give one process five or more of eight three times in four).
    assert all(firsts[i] != firsts[i + 1] for i in range(7)) and set(firsts) == backends, firsts
    for route in backends:  # a browser carrying its cookie is answered by the process it names, every time
        assert {_route_of(served["url"], f"socieux_route={route}") for _ in range(4)} == {route}


async def _views(url: str, query_strings: list[str]) -> list[bytes]:
    """Everything one process sends for the Overview with each query string in turn, on one connection."""
    async with websockets.connect("ws" + url[4:] + "/_stcore/stream", subprotocols=["streamlit"],
                                  origin=url, max_size=None, ping_interval=None) as ws:
        answers = []
        for turn, query_string in enumerate(query_strings):
            await ws.send(rerun_message("", query_string, url, first=turn == 0))
            received = []
            while True:
                received.append(await asyncio.wait_for(ws.recv(), 60))
                message = ForwardMsg()
                message.ParseFromString(received[-1])
                if (message.WhichOneof("type") == "script_finished"
                        and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY):
                    answers.append(b"".join(received))
                    break
        return answers


def test_a_shared_link_is_a_page_and_its_filters():
    assert shared_link("expert_days?region=Africa&period=RP4") == ("expert_days", "region=Africa&period=RP4")
    assert shared_link("/overview") == ("", "") and shared_link(None) is None


def test_the_load_tests_later_views_on_a_connection_apply_their_filters(served):
    unfiltered, filtered = asyncio.run(_views(served["url"], ["", "country=Atlantis"]))
    assert b"Not in the data, so nothing matches" not in unfiltered
    assert "Partner country “Atlantis”".encode() in filtered


def test_a_version_published_in_the_store_shows_in_both_processes(served):
    store = Store(served["store"])
    current = store.current()
    # A new version as a publish leaves it: a new immutable file, then the pointer moved atomically.
    copy = store.versions_dir / f"v{current.version_id + 1:06d}.duckdb"
    shutil.copyfile(current.path, copy)
    con = duckdb.connect(str(copy))
    con.execute("UPDATE dataset_info SET version_id = ?, source = ?", [current.version_id + 1, NEW_SOURCE])
    con.close()
    store.restore(current.version_id + 1)
    for backend in served["backends"]:
        assert NEW_SOURCE.encode() in asyncio.run(_views(backend, [""]))[0], backend


def test_each_process_queries_with_its_share_of_the_cores(served):
    """Two processes on this machine: each gets nproc // 2 DuckDB threads (at least one), not one per core."""
    share = str(max(1, len(os.sched_getaffinity(0)) // 2))  # nproc
    for pid in (served["run_dir"] / "pids").read_text().split():
        environ = dict(item.split("=", 1) for item in
                       (Path("/proc") / pid / "environ").read_bytes().decode().split("\0") if "=" in item)
        assert environ.get("SOCIEUX_QUERY_THREADS") == share, pid


def test_served_reruns_skip_the_full_garbage_collection_and_the_file_watcher():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False
    assert config["server"]["fileWatcherType"] == "none"

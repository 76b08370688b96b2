"""The page-run gate (socieux/run_gate.py): at most N runs at once, the others in order of arrival."""

import threading
import time

import pytest

from socieux.run_gate import RUNS_AT_ONCE_VARIABLE, RunGate, runs_at_once


def _arrive_in_order(gate: RunGate, count: int, hold_seconds: float) -> tuple[list[int], int]:
    """Start ``count`` runs one after another while the gate is full; the order they entered, the most inside."""
    entered, inside, most = [], [0], [0]
    lock = threading.Lock()

    def run(number: int) -> None:
        with gate.held():
            with lock:
                entered.append(number)
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(hold_seconds)
            with lock:
                inside[0] -= 1

    blocker = threading.Event()

    def hold_the_gate() -> None:
        with gate.held():
            blocker.wait(5)

    holders = [threading.Thread(target=hold_the_gate) for _ in range(gate.slots)]
    for thread in holders:
        thread.start()
    while gate.waiting() or sum(1 for t in holders if t.is_alive()) < gate.slots:
        time.sleep(0.01)
    time.sleep(0.05)  # every holder is inside
    runs = []
    for number in range(count):
        runs.append(threading.Thread(target=run, args=(number,)))
        runs[-1].start()
        while gate.waiting() < number + 1:  # this run is queued before the next one arrives
            time.sleep(0.001)
    blocker.set()
    for thread in holders + runs:
        thread.join(10)
    return entered, most[0]


def test_one_slot_takes_the_runs_in_order_of_arrival_one_at_a_time():
    entered, most = _arrive_in_order(RunGate(1), 12, 0.005)
    assert entered == list(range(12))
    assert most == 1


def test_two_slots_let_two_in_at_once_and_keep_the_order():
    entered, most = _arrive_in_order(RunGate(2), 12, 0.02)
    assert sorted(entered) == list(range(12))
    # Two enter together, so neighbours may swap, but no run overtakes one that arrived two places before it.
    assert all(abs(position - number) <= 1 for position, number in enumerate(entered))
    assert most == 2


def test_a_run_that_fails_frees_its_slot():
    gate = RunGate(1)
    with pytest.raises(RuntimeError):
        with gate.held():
            raise RuntimeError("the page failed")
    done = threading.Event()
    thread = threading.Thread(target=lambda: (gate.held().__enter__(), done.set()))
    thread.start()
    assert done.wait(2)


def test_no_limit_never_waits():
    gate = RunGate(0)
    with gate.held(), gate.held(), gate.held():
        assert gate.waiting() == 0


def test_the_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.delenv(RUNS_AT_ONCE_VARIABLE, raising=False)
    assert runs_at_once() == 1
    monkeypatch.setenv(RUNS_AT_ONCE_VARIABLE, "3")
    assert runs_at_once() == 3
    monkeypatch.setenv(RUNS_AT_ONCE_VARIABLE, "0")
    assert runs_at_once() == 0
    for wrong in ("two", "-1"):
        monkeypatch.setenv(RUNS_AT_ONCE_VARIABLE, wrong)
        with pytest.raises(ValueError, match=RUNS_AT_ONCE_VARIABLE):
            runs_at_once()


def test_a_holder_stepping_out_lets_the_next_in_and_queues_again():
    gate = RunGate(1)
    inside = threading.Event()
    with gate.held():
        with gate.outside():
            other = threading.Thread(target=lambda: (gate.held().__enter__(), inside.set(), gate._leave()))
            other.start()
            assert inside.wait(2)  # the next in line ran while this one was outside
            other.join(2)
        assert gate.waiting() == 0
    with gate.outside():  # outside without holding a slot: nothing to give
        pass
    done = threading.Event()
    threading.Thread(target=lambda: (gate.held().__enter__(), done.set())).start()
    assert done.wait(2)

"""How many page runs a server process works on at once, taken in the order they arrive.

Every session's page run is a thread of the same process, and Python runs one thread at a time. When fifty
viewers ask together, letting every run go at once shares the processor between all of them: each view takes
as long as all of them together, and a heavy view (a new filter selection on the Logframe indicators page) far
longer. Taking them one (or a few) at a time in order of arrival keeps the same throughput, and each view waits
only for those that came before it (docs/performance.md, "Page runs in order of arrival"). Long staff work (checking
an uploaded workbook) steps out of the gate, so viewers never wait for it.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

RUNS_AT_ONCE_VARIABLE = "SOCIEUX_RUNS_AT_ONCE"


def runs_at_once() -> int:
    """The runs a process works on at once: SOCIEUX_RUNS_AT_ONCE, else 1 (0: no limit)."""
    value = os.environ.get(RUNS_AT_ONCE_VARIABLE, "").strip()
    if not value:
        return 1
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{RUNS_AT_ONCE_VARIABLE} must be a whole number (0 for no limit), not {value!r}.") from None
    if number < 0:
        raise ValueError(f"{RUNS_AT_ONCE_VARIABLE} must be 0 (no limit) or more, not {number}.")
    return number


class RunGate:
    """At most ``slots`` holders at once; the others wait and enter in the order they asked (first come, first
    served: Python's own locks and semaphores promise no order)."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self._free = slots
        self._waiting: deque[object] = deque()
        self._condition = threading.Condition()
        self._holding = threading.local()

    def _enter(self) -> None:
        ticket = object()
        with self._condition:
            self._waiting.append(ticket)
            while not (self._free > 0 and self._waiting[0] is ticket):
                self._condition.wait()
            self._waiting.popleft()
            self._free -= 1
            self._condition.notify_all()  # the next in line may enter too if a slot is still free
        self._holding.held = True

    def _leave(self) -> None:
        self._holding.held = False
        with self._condition:
            self._free += 1
            self._condition.notify_all()

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold a slot for the block (a whole page run)."""
        if self.slots == 0:
            yield
            return
        self._enter()
        try:
            yield
        finally:
            self._leave()

    @contextmanager
    def outside(self) -> Iterator[None]:
        """Give the slot this thread holds to the next in line for the block, then queue for one again."""
        if not getattr(self._holding, "held", False):
            yield
            return
        self._leave()
        try:
            yield
        finally:
            self._enter()

    def waiting(self) -> int:
        with self._condition:
            return len(self._waiting)


_GATE: RunGate | None = None
_GATE_LOCK = threading.Lock()


def page_run_gate() -> RunGate:
    """The process's gate, made at its first page run."""
    global _GATE
    with _GATE_LOCK:
        if _GATE is None:
            _GATE = RunGate(runs_at_once())
        return _GATE

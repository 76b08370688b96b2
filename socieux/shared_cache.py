"""Results shared by every session of a server process, keyed by the dataset version and the parameters.

Versions are immutable, so a result computed for one can never be out of date. Unlike Streamlit's own caches,
a hit neither hashes its arguments with Streamlit's hasher nor unpickles a copy: it is a dictionary lookup,
which matters when a page asks a hundred questions per rerun (docs/performance.md, "Cheap reruns"). The
results are shared objects: callers treat them as read-only (``query`` hands out a shallow copy of a frame,
which pandas' copy-on-write keeps apart from the cached one).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


def shared_cache(max_entries: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoise a function of hashable positional arguments, least recently used out beyond ``max_entries``.

    A key is computed once even when many sessions ask for it at the same moment (a committee opening one
    link together): the first computes, the others wait for its result. No lock is held while computing, so
    one slow key never holds up the others; if the first fails, each waiting caller computes for itself.
    """

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        entries: OrderedDict[Hashable, Any] = OrderedDict()
        computing: dict[Hashable, threading.Event] = {}
        lock = threading.Lock()

        def stored(args: Hashable) -> tuple[bool, Any]:
            if args in entries:
                entries.move_to_end(args)
                return True, entries[args]
            return False, None

        @functools.wraps(function)
        def cached(*args: Hashable) -> T:
            with lock:
                found, value = stored(args)
                if found:
                    return value
                running = computing.get(args)
                if running is None:
                    computing[args] = done = threading.Event()
            if running is not None:  # another session is computing it: wait for its result
                running.wait()
                with lock:
                    found, value = stored(args)
                return value if found else function(*args)
            try:
                value = function(*args)
                with lock:
                    entries[args] = value
                    entries.move_to_end(args)
                    while len(entries) > max_entries:
                        entries.popitem(last=False)
                return value
            finally:
                with lock:
                    computing.pop(args, None)
                done.set()

        def clear() -> None:
            with lock:
                entries.clear()

        cached.clear = clear  # type: ignore[attr-defined]
        cached.size = lambda: len(entries)  # type: ignore[attr-defined]
        return cached

    return decorate

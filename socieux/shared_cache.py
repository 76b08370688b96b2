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

    Two sessions asking for the same missing key at once may both compute it; both get an equal result, and
    the first stored is kept (no lock is held while computing, so one slow query never blocks other keys).
    """

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        entries: OrderedDict[Hashable, Any] = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(function)
        def cached(*args: Hashable) -> T:
            with lock:
                if args in entries:
                    entries.move_to_end(args)
                    return entries[args]
            value = function(*args)
            with lock:
                value = entries.setdefault(args, value)
                entries.move_to_end(args)
                while len(entries) > max_entries:
                    entries.popitem(last=False)
            return value

        def clear() -> None:
            with lock:
                entries.clear()

        cached.clear = clear  # type: ignore[attr-defined]
        cached.size = lambda: len(entries)  # type: ignore[attr-defined]
        return cached

    return decorate

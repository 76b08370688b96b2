"""Make every page run through app.py, and every page address open its page.

Both need Streamlit internals (``PagesManager``); they live here, and tests/test_entry.py says when
Streamlit no longer needs them.
"""

import functools
from collections.abc import Iterable

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx


def route_every_page_through_app() -> None:
    """Once, where the process starts (socieux/server.py; tests/conftest.py for Streamlit's AppTest): no page
    file is ever run on its own, so the pages need no guard of their own.

    With a ``pages/`` folder beside app.py, Streamlit decides for every new page manager (once per server
    process; on every AppTest run) to run in its legacy multipage mode: until app.py's ``st.navigation`` has run
    once, a deep link such as ``/requests?region=Africa`` runs the page file alone, without the navigation and
    the filters, and an address in another case ("/Requests") is not found. Every page manager now decides
    the present mode instead. tests/test_entry.py says when Streamlit no longer needs this.
    """
    if getattr(PagesManager.__init__, "_routes_through_app", False):
        return
    decide = PagesManager.__init__

    @functools.wraps(decide)  # Streamlit's own decision stays reachable (__wrapped__) for tests/test_entry.py
    def decided_without_legacy_mode(self, *args, **kwargs) -> None:
        decide(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    decided_without_legacy_mode._routes_through_app = True
    PagesManager.__init__ = decided_without_legacy_mode
    PagesManager.uses_pages_directory = False


def canonical_page_name(requested: str, page_paths: Iterable[str], default_path: str) -> str:
    """The page address a typed one means: a page's whatever the case; the default page's own name means the home URL."""
    wanted = requested.strip("/").lower()
    if wanted == default_path.lower():
        return ""
    return next((path for path in page_paths if path.lower() == wanted), requested)


def follow_deep_link(page_paths: Iterable[str], default_path: str) -> None:
    """Before ``st.navigation``: let an address typed in another case, or the default page's name, open its page.

    Streamlit matches a typed address to a page's ``url_path`` letter for letter, and the default page
    only at ``/``; anything else opens the default page behind a "Page not found" dialog.
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    pages_manager = ctx.pages_manager
    requested = pages_manager.intended_page_name
    if requested and not pages_manager.intended_page_script_hash:  # a typed address, not a click
        canonical = canonical_page_name(requested, page_paths, default_path)
        if canonical != requested:
            pages_manager.set_script_intent("", canonical)

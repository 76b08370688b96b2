"""Make every page run through app.py, and every page address open its page.

Both need Streamlit internals (``PagesManager``); they live here, and tests/test_entry.py says when
Streamlit no longer needs them.
"""

from collections.abc import Iterable

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx


def require_app_entry() -> None:
    """Rerun through app.py if Streamlit started this page on its own (each page calls it first).

    A server started by socieux/server.py never does (route_every_page_through_app); this covers a server
    started with plain ``streamlit run app.py`` and Streamlit's AppTest, which decide the mode again on every
    run: until app.py's ``st.navigation`` has run, a page file may run alone, without the navigation and the
    filters. It switches the legacy mode off and reruns, so the same address goes through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def route_every_page_through_app() -> None:
    """Before the server's first session (socieux/server.py): no page file is ever run on its own.

    With a ``pages/`` folder beside app.py, Streamlit starts a process in its legacy multipage mode: until
    app.py's ``st.navigation`` has run once, a deep link such as ``/requests?region=Africa`` runs the page file
    alone, without the navigation and the filters, and an address in another case ("/Requests") is not found.
    Streamlit decides the mode once per process, when the first session starts, and only while it is undecided;
    deciding it here first means every address goes through app.py from the very first visit.
    """
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

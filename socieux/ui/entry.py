"""Make every page run through app.py, and every page address open its page.

Both need Streamlit internals (``PagesManager``); they live here, and tests/test_entry.py says when
Streamlit no longer needs them.
"""

from collections.abc import Iterable

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx


def require_app_entry() -> None:
    """Rerun through app.py if Streamlit started this page on its own.

    With a ``pages/`` folder beside app.py, a fresh server treats a deep link such as
    ``/requests?region=Africa`` the legacy way and runs the page file alone, without app.py's
    navigation and filters. ``st.navigation`` ends that mode for the process; until app.py has
    run once, this switches it off and reruns, so the same URL goes through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


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

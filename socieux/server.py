"""Start the dashboard's Streamlit server with what must be in place before its first visitor (docs/deploy.md).

``python -m socieux.server [options]`` is ``streamlit run app.py [options]`` (any ``streamlit run`` option), served
as the ASGI app of ``socieux/asgi.py`` (app.py with its page HTML naming the server's root, so that a deep link
makes no failing probe), plus what is done in the server process before any session exists:

* every module app.py and the pages import, imported once: else the first runs of a fresh process, one per
  session, would import them in several threads at once, and Python's import locks fail such a run with a
  ``_DeadlockError`` when one thread imports a package while another imports a module of it.

Two more, because done by app.py they would come one run late, for the very first visit of a fresh process:

* the watch for links Streamlit cannot read whole (``socieux/ui/sidebar.py``): else such a link would show
  figures for no filter at all;
* every page run through app.py (``socieux/ui/entry.py``): else a deep link would run its page file alone,
  without the navigation and the filters, and an address in another case would not be found.

``scripts/start.sh`` and ``scripts/serve.sh`` start the server this way; so do the browser tests.
"""

from __future__ import annotations

import ast
import importlib
import logging
import sys

from streamlit.web import cli

from socieux.store import PROJECT_ROOT
from socieux.ui.entry import route_every_page_through_app
from socieux.ui.sidebar import watch_for_unreadable_links


def imported_by_pages() -> dict[str, bool]:
    """The modules app.py and pages/*.py import, wherever in the file (top level or in a function), in order:
    name -> whether it is certain to be a module (``b`` of ``from a import b`` may be a function of ``a``)."""
    names: dict[str, bool] = {}
    for script in (PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "pages").glob("*.py"))):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"), str(script))):
            if isinstance(node, ast.Import):
                names.update((alias.name, True) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module != "__future__":
                names[node.module] = True
                for alias in node.names:
                    names.setdefault(f"{node.module}.{alias.name}", False)
    return names


def import_what_pages_import() -> None:
    """Import every module of ``imported_by_pages`` (and so everything they import) in this thread.

    Streamlit's data cache warns of each ``st.cache_data`` function defined before its runtime exists; the
    cache itself is made at the first call, in the runtime, so the warnings are left unsaid.
    """
    cache_log = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    level = cache_log.level
    cache_log.setLevel(logging.ERROR)
    try:
        for name, certain in imported_by_pages().items():
            try:
                importlib.import_module(name)
            except ModuleNotFoundError as missing:
                if certain or missing.name != name:
                    raise
    finally:
        cache_log.setLevel(level)


def main(argv: list[str]) -> None:
    import_what_pages_import()
    watch_for_unreadable_links()
    route_every_page_through_app()
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "socieux" / "asgi.py"), *argv]
    cli.main()  # Streamlit's own command line: it exits with the server


if __name__ == "__main__":
    main(sys.argv[1:])

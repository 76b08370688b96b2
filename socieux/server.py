"""Start the dashboard's Streamlit server with what must be in place before its first visitor (docs/deploy.md).

``python -m socieux.server [options]`` is ``streamlit run app.py [options]`` (any ``streamlit run`` option), served
as the ASGI app of ``socieux/asgi.py`` (app.py with its page HTML naming the server's root, so that a deep link
makes no failing probe), plus two things done in the server process before any session exists, because done by
app.py they would come one run late, for the very first visit of a fresh process:

* the watch for links Streamlit cannot read whole (``socieux/ui/sidebar.py``): else such a link would show
  figures for no filter at all;
* every page run through app.py (``socieux/ui/entry.py``): else a deep link would run its page file alone,
  without the navigation and the filters, and an address in another case would not be found.

``scripts/start.sh`` and ``scripts/serve.sh`` start the server this way; so do the browser tests.
"""

from __future__ import annotations

import sys

from streamlit.web import cli

from socieux.store import PROJECT_ROOT
from socieux.ui.entry import route_every_page_through_app
from socieux.ui.sidebar import watch_for_unreadable_links


def main(argv: list[str]) -> None:
    watch_for_unreadable_links()
    route_every_page_through_app()
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "socieux" / "asgi.py"), *argv]
    cli.main()  # Streamlit's own command line: it exits with the server


if __name__ == "__main__":
    main(sys.argv[1:])

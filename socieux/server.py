"""Start the dashboard's Streamlit server with what must be in place before its first visitor (docs/deploy.md).

``python -m socieux.server [options]`` is ``streamlit run app.py [options]`` (any ``streamlit run`` option), plus
the watch for links Streamlit cannot read whole (``socieux/ui/sidebar.py``), installed in the server process
before any session exists. Installed by app.py instead, it would come one run late: the very first visit of a
fresh process with such a link would see figures for no filter at all. ``scripts/start.sh`` and
``scripts/serve.sh`` start the server this way.
"""

from __future__ import annotations

import sys

from streamlit.web import cli

from socieux.store import PROJECT_ROOT
from socieux.ui.sidebar import watch_for_unreadable_links


def main(argv: list[str]) -> None:
    watch_for_unreadable_links()
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "app.py"), *argv]
    cli.main()  # Streamlit's own command line: it exits with the server


if __name__ == "__main__":
    main(sys.argv[1:])

"""The dashboard as an ASGI app: Streamlit's own server for app.py, plus one small rewrite of its page HTML.

A page opened at its own address (``/requests``) makes Streamlit's front end probe ``/requests/_stcore/health``
and ``/requests/_stcore/host-config`` before the server's root, so every deep link logged two 404s in the
browser's console. The front end skips the probes when the page names the server's address
(``window.__streamlit.BACKEND_BASE_URL``, which Streamlit reads for pages embedded elsewhere); the page HTML
gets that one line, pointing at the server's root under any ``server.baseUrlPath``. socieux/server.py serves it.
"""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

from socieux.store import PROJECT_ROOT


def _base_url_script() -> bytes:
    base = "/" + config.get_option("server.baseUrlPath").strip("/")
    base = base.rstrip("/") + "/"
    return (f'<script>window.__streamlit = Object.assign(window.__streamlit || {{}}, '
            f'{{BACKEND_BASE_URL: window.location.origin + "{base}"}});</script>').encode()


class NameTheServerRoot:
    """ASGI middleware: the page HTML (any address outside Streamlit's own routes) names the server's root."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or "/_stcore/" in path or "/static/" in path or "/media/" in path \
                or "/component/" in path or path.rsplit("/", 1)[-1].count("."):
            await self.app(scope, receive, send)
            return
        # ask for the page uncompressed, to add one line to it
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]}
        start: dict = {}
        body = bytearray()

        async def rewrite(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body"):
                return
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            html = bytes(body)
            if any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                html = html.replace(b"<head>", b"<head>" + _base_url_script(), 1)
            await send({**start, "headers": [*headers, (b"content-length", str(len(html)).encode())]})
            await send({"type": "http.response.body", "body": html})

        await self.app(scope, receive, rewrite)


app = st.App(str(PROJECT_ROOT / "app.py"), middleware=[Middleware(NameTheServerRoot)])

"""Who may load data and restore versions: facility staff, signed in one of two ways.

* OpenID Connect, when ``.streamlit/secrets.toml`` has an ``[auth]`` section: staff sign in with
  ``st.login()``, and are staff if their e-mail is in ``[staff] emails``.
* Otherwise a staff password, stored only as a salted PBKDF2 hash in ``[staff] password_hash``
  (make one with ``python -m socieux.access hash-password``), entered in the sidebar. Wrong passwords
  back off per session and client address and lock after ``[staff] lockout_failures`` failures in
  ``lockout_minutes`` minutes (or ``SOCIEUX_LOCKOUT_FAILURES`` / ``SOCIEUX_LOCKOUT_MINUTES``), counted
  across every process serving the same store.

With neither configured nobody is staff: the dashboard is read-only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import math
import secrets
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from socieux.settings import secrets_section as _secrets_section
from socieux.settings import whole_number
from socieux.store import store_dir
from socieux.ui.markdown import escape_markdown

HASH_SCHEME = "pbkdf2_sha256"
HASH_ITERATIONS = 600_000
_SESSION_KEY = "_staff_session"  # no widget has this key, so only the sign-in callback can set it
_THROTTLE_KEY = "_sign_in_key"  # a random name for this session's failures: never Streamlit's session id
LOCKOUT_FAILURES, LOCKOUT_MINUTES = 5, 15  # defaults of [staff] lockout_failures / lockout_minutes (README)
FIRST_WAIT_SECONDS = 1  # after the k-th failure the next attempt waits 1, 2, 4 ... seconds
_LOG = logging.getLogger("socieux.access")


# -- Password hashes (no Streamlit) ----------------------------------------------------------------


def hash_password(password: str, *, iterations: int = HASH_ITERATIONS, salt: bytes | None = None) -> str:
    """``pbkdf2_sha256$<iterations>$<salt_b64>$<hash_b64>`` for a password, with a fresh random salt."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return "$".join([HASH_SCHEME, str(iterations), base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def verify_password(password: str, stored: str) -> bool:
    """Whether a password matches a stored hash; a malformed hash matches nothing."""
    try:
        scheme, iterations, salt_b64, hash_b64 = stored.split("$")
        if scheme != HASH_SCHEME or not 1 <= int(iterations) <= 10_000_000:
            return False
        salt, expected = base64.b64decode(salt_b64, validate=True), base64.b64decode(hash_b64, validate=True)
    except (ValueError, AttributeError):
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, int(iterations))
    return hmac.compare_digest(digest, expected)


# -- Configuration ---------------------------------------------------------------------------------


def oidc_configured() -> bool:
    """Whether staff sign in through OpenID Connect (an ``[auth]`` section in the secrets)."""
    return bool(_secrets_section("auth"))


def _staff_emails() -> set[str]:
    emails = _secrets_section("staff").get("emails", [])
    if isinstance(emails, str):
        emails = [emails]
    return {str(e).strip().lower() for e in emails if str(e).strip()}


def _password_hash() -> str | None:
    stored = _secrets_section("staff").get("password_hash")
    return str(stored) if stored else None


def access_mode() -> str:
    """``"oidc"``, ``"password"`` or ``"none"`` (nobody is staff)."""
    if oidc_configured():
        return "oidc"
    if _password_hash():
        return "password"
    return "none"


# -- The current user ------------------------------------------------------------------------------


def _oidc_user() -> dict:
    try:
        return dict(st.user.to_dict())
    except Exception:
        return {}


def is_staff() -> bool:
    """Whether the person in this session may load data and restore versions (checked on the server)."""
    mode = access_mode()
    if mode == "oidc":
        user = _oidc_user()
        email = str(user.get("email") or "").strip().lower()
        return bool(user.get("is_logged_in")) and bool(email) and email in _staff_emails()
    if mode == "password":
        session = st.session_state.get(_SESSION_KEY)
        # Tied to the configured hash: changing the password signs every session out.
        return isinstance(session, dict) and hmac.compare_digest(session.get("hash", ""), _password_hash() or "")
    return False


def staff_identity() -> str:
    """Who is recorded as having loaded or restored data: the e-mail, or the name given at sign-in."""
    if not is_staff():
        return ""
    if access_mode() == "oidc":
        return str(_oidc_user().get("email"))
    return f"{st.session_state[_SESSION_KEY]['name']} (staff password)"


def require_staff() -> None:
    """Stop a staff page for anyone else (the page is also left out of their navigation)."""
    if not is_staff():
        st.error("This page is for facility staff. Sign in as staff in the sidebar to use it.", icon=":material/lock:")
        st.stop()


def staff_page_for_viewers(url_path: str) -> st.Page:
    """A staff page's address for anyone else: left out of the navigation, it says who the page is for."""
    return st.Page(_staff_page_notice, title="For facility staff", url_path=url_path, icon=":material/lock:",
                   visibility="hidden")


def _staff_page_notice() -> None:
    st.title("For facility staff")
    if access_mode() == "none":
        st.info("This page is for facility staff, and this dashboard has no staff sign-in set up "
                "(README, \"Giving staff access\").", icon=":material/lock:")
    else:
        st.info("This page is for facility staff: sign in in the sidebar.", icon=":material/lock:")


# -- Failed sign-ins -------------------------------------------------------------------------------


class SignInThrottle:
    """Failed password attempts per key (a session, a client address): exponential back-off, then a lock-out.

    After k recent failures the next attempt waits FIRST_WAIT_SECONDS * 2^(k-1); ``limit`` failures within
    ``window`` seconds lock the key until the oldest of them is ``window`` seconds old. Nothing sleeps: the
    caller is told how long to wait, so no script thread is held (docs/definitions.md).

    With a ``path`` the failures live in one SQLite file that every dashboard process serving the same store
    shares (scripts/serve.sh), so an address is counted across them, not per process; keys are stored only
    as hashes. Without one they live in this process's memory.
    """

    def __init__(self, clock: Callable[[], float] = time.time, path: Path | None = None) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._path = path
        self._memory = None if path else sqlite3.connect(":memory:", check_same_thread=False)
        with self._connection() as con:
            con.execute("CREATE TABLE IF NOT EXISTS failure (key TEXT NOT NULL, at REAL NOT NULL)")
            con.execute("CREATE INDEX IF NOT EXISTS failure_key ON failure (key, at)")

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """One transaction, holding the file's write lock from its start (no lost update between processes)."""
        with self._lock:
            con = self._memory or sqlite3.connect(self._path, timeout=10, isolation_level=None)
            try:
                con.execute("BEGIN IMMEDIATE")
                try:
                    yield con
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
            finally:
                if con is not self._memory:
                    con.close()

    @staticmethod
    def _hashed(keys: Iterable[str]) -> list[str]:
        return [hashlib.sha256(key.encode()).hexdigest()[:32] for key in keys]

    @staticmethod
    def _recent(con: sqlite3.Connection, key: str, window: float, now: float) -> list[float]:
        con.execute("DELETE FROM failure WHERE key = ? AND at <= ?", [key, now - window])
        return [row[0] for row in con.execute("SELECT at FROM failure WHERE key = ? ORDER BY at", [key])]

    def wait_seconds(self, keys: Iterable[str], *, limit: int, window: float) -> int:
        """Whole seconds before any of ``keys`` may try again (0: now)."""
        with self._connection() as con:
            now, longest = self._clock(), 0.0
            for key in self._hashed(keys):
                recent = self._recent(con, key, window, now)
                if len(recent) >= limit:
                    longest = max(longest, recent[-limit] + window - now)
                elif recent:
                    pause = min(FIRST_WAIT_SECONDS * 2 ** (len(recent) - 1), window)
                    longest = max(longest, recent[-1] + pause - now)
            return math.ceil(longest) if longest > 0 else 0

    def failed(self, keys: Iterable[str], *, window: float) -> int:
        """Record a failure for every key; the most failures any of them has within ``window``."""
        with self._connection() as con:
            now, most = self._clock(), 0
            for key in self._hashed(keys):
                con.execute("INSERT INTO failure VALUES (?, ?)", [key, now])
                most = max(most, len(self._recent(con, key, window, now)))
            return most

    def succeeded(self, keys: Iterable[str]) -> None:
        with self._connection() as con:
            con.executemany("DELETE FROM failure WHERE key = ?", [[key] for key in self._hashed(keys)])


SIGN_IN_FAILURES_FILE = "sign_in_failures.sqlite3"  # in the store directory, beside the versions
_THROTTLE: SignInThrottle | None = None  # set by tests; else the shared file of the store in use
_SHARED: dict[Path, SignInThrottle] = {}


def _throttle() -> SignInThrottle:
    if _THROTTLE is not None:
        return _THROTTLE
    folder = store_dir()
    if folder not in _SHARED:
        folder.mkdir(parents=True, exist_ok=True)
        _SHARED[folder] = SignInThrottle(path=folder / SIGN_IN_FAILURES_FILE)
    return _SHARED[folder]

# At most one password hash is computed at a time in a process: many parallel guesses cannot take the
# CPU from viewers; a guess that finds it busy is told to try again instead of queueing.
_VERIFYING = threading.BoundedSemaphore(1)


def lockout_policy() -> tuple[int, int]:
    """(N failures, M minutes): N failed attempts within M minutes lock a session or client address."""
    failures = whole_number("staff", "lockout_failures", "SOCIEUX_LOCKOUT_FAILURES", LOCKOUT_FAILURES)
    minutes = whole_number("staff", "lockout_minutes", "SOCIEUX_LOCKOUT_MINUTES", LOCKOUT_MINUTES)
    return failures, minutes


def _client_address() -> str | None:
    try:
        address = st.context.ip_address  # None when the browser is on the server itself
    except Exception:  # outside a browser session (tests, scripts)
        return None
    return address if isinstance(address, str) and address else None


def _throttle_keys() -> list[str]:
    session_key = st.session_state.setdefault(_THROTTLE_KEY, secrets.token_hex(8))
    address = _client_address()
    return [f"session:{session_key}"] + ([f"address:{address}"] if address else [])


def _try_again(seconds: int) -> str:
    return f"Too many failed attempts: try again in {seconds} s."


# -- Sidebar ---------------------------------------------------------------------------------------


def _sign_in() -> None:
    name = str(st.session_state.get("staff_name", "")).strip()[:80]
    password = str(st.session_state.get("staff_password", ""))
    st.session_state["staff_password"] = ""
    stored = _password_hash()
    if not name:
        st.session_state["_staff_sign_in_error"] = "Give your name."
        return
    limit, minutes = lockout_policy()
    keys = _throttle_keys()
    wait = _throttle().wait_seconds(keys, limit=limit, window=minutes * 60)
    if wait:
        st.session_state["_staff_sign_in_error"] = _try_again(wait)
        return
    if not _VERIFYING.acquire(blocking=False):
        st.session_state["_staff_sign_in_error"] = "Another sign-in is being checked: try again in 1 s."
        return
    try:
        right = bool(stored) and verify_password(password, stored)
    finally:
        _VERIFYING.release()
    if right:
        _throttle().succeeded(keys)
        st.session_state[_SESSION_KEY] = {"name": name, "hash": stored}
        st.session_state.pop("_staff_sign_in_error", None)
        return
    failures = _throttle().failed(keys, window=minutes * 60)
    locked = failures >= limit
    # The name is quoted (no forged log lines); neither the password nor any session id is written.
    _LOG.warning(
        "Staff sign-in failed: name %r from %s, %d failure(s) in %d min%s",
        name, _client_address() or "this server", failures, minutes, ", locked" if locked else "",
    )
    wait = _throttle().wait_seconds(keys, limit=limit, window=minutes * 60)
    st.session_state["_staff_sign_in_error"] = (
        f"Wrong password. {failures} failed attempts within {minutes} min: sign-in is locked; "
        f"try again in {wait} s." if locked else f"Wrong password. Try again in {wait} s."
    )


def _sign_out() -> None:
    st.session_state.pop(_SESSION_KEY, None)


def staff_sidebar() -> bool:
    """The sidebar's staff sign-in (or signed-in line and sign-out); returns whether this session is staff."""
    mode = access_mode()
    if mode == "none":
        return False
    with st.sidebar:
        st.divider()
        if mode == "oidc":
            user = _oidc_user()
            if user.get("is_logged_in"):
                if is_staff():
                    st.caption(f"Signed in as staff: {escape_markdown(user.get('email'))}")
                else:
                    st.caption("Signed in, but this account is not on the staff list.")
                if st.button("Sign out", key="staff_sign_out"):
                    st.logout()
            elif st.button("Staff sign-in", key="staff_sign_in", help="For facility staff who load data."):
                st.login()
        elif is_staff():
            st.caption(f"Signed in as staff: {escape_markdown(st.session_state[_SESSION_KEY]['name'])}")
            st.button("Sign out", on_click=_sign_out, key="staff_sign_out")
        else:
            with st.expander("Staff sign-in"):
                with st.form("staff_sign_in", enter_to_submit=True, border=False):
                    st.text_input("Your name", key="staff_name", help="Recorded with the data you load or restore.")
                    st.text_input("Staff password", type="password", key="staff_password")
                    st.form_submit_button("Sign in", on_click=_sign_in)
                error = st.session_state.pop("_staff_sign_in_error", None)
                if error:
                    st.error(error)
    return is_staff()


# -- Command line ----------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    """``python -m socieux.access hash-password``: print the secrets line for a new staff password."""
    if argv != ["hash-password"]:
        print("Usage: python -m socieux.access hash-password", file=sys.stderr)
        return 2
    import getpass

    password = getpass.getpass("New staff password: ")
    if len(password) < 12:
        print("Use at least 12 characters.", file=sys.stderr)
        return 1
    if getpass.getpass("Repeat it: ") != password:
        print("The two entries differ.", file=sys.stderr)
        return 1
    print("# Paste into .streamlit/secrets.toml (never commit that file):")
    print("[staff]")
    print(f'password_hash = "{hash_password(password)}"')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Who may load data and restore versions: facility staff, signed in one of two ways.

* OpenID Connect, when ``.streamlit/secrets.toml`` has an ``[auth]`` section: staff sign in with
  ``st.login()``, and are staff if their e-mail is in ``[staff] emails``.
* Otherwise a staff password, stored only as a salted PBKDF2 hash in ``[staff] password_hash``
  (make one with ``python -m socieux.access hash-password``), entered in the sidebar.

With neither configured nobody is staff: the dashboard is read-only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import sys
import time
from collections.abc import Mapping
from typing import Any

import streamlit as st

from socieux.settings import secrets_section as _secrets_section

HASH_SCHEME = "pbkdf2_sha256"
HASH_ITERATIONS = 600_000
_SESSION_KEY = "_staff_session"  # no widget has this key, so only the sign-in callback can set it


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


# -- Sidebar ---------------------------------------------------------------------------------------


def _sign_in() -> None:
    name = str(st.session_state.get("staff_name", "")).strip()[:80]
    password = str(st.session_state.get("staff_password", ""))
    st.session_state["staff_password"] = ""
    stored = _password_hash()
    if stored and name and verify_password(password, stored):
        st.session_state[_SESSION_KEY] = {"name": name, "hash": stored}
        st.session_state.pop("_staff_sign_in_error", None)
    else:
        time.sleep(1)  # slows down guessing
        st.session_state["_staff_sign_in_error"] = (
            "Give your name." if not name else "Wrong password."
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
                    st.caption(f"Signed in as staff: {user.get('email')}")
                else:
                    st.caption("Signed in, but this account is not on the staff list.")
                if st.button("Sign out", key="staff_sign_out"):
                    st.logout()
            elif st.button("Staff sign-in", key="staff_sign_in", help="For facility staff who load data."):
                st.login()
        elif is_staff():
            st.caption(f"Signed in as staff: {st.session_state[_SESSION_KEY]['name']}")
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

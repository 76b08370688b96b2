"""Who is staff: password hashes, the sign-in, OpenID Connect, and staff pages hidden from everyone else."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from socieux import access
from socieux.access import hash_password, verify_password
from tests.conftest import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")
PASSWORD = "correct horse battery staple"
# Few iterations keep the tests fast; the stored hash says how many to use.
PASSWORD_HASH = hash_password(PASSWORD, iterations=1_000)
STAFF_PAGES = {"Load new data", "Data history"}


def test_a_password_hash_is_salted_and_verifies_only_the_right_password():
    first, second = hash_password(PASSWORD, iterations=1_000), hash_password(PASSWORD, iterations=1_000)
    assert first != second and first.startswith("pbkdf2_sha256$1000$")
    assert verify_password(PASSWORD, first) and verify_password(PASSWORD, second)
    assert not verify_password(PASSWORD + " ", first)
    assert not verify_password("", first)


@pytest.mark.parametrize("stored", ["", "plain-text-password", "md5$1$a$b", "pbkdf2_sha256$x$a$b",
                                    "pbkdf2_sha256$1000$!!$??", "pbkdf2_sha256$99999999999$YQ==$YQ=="])
def test_a_malformed_stored_hash_matches_nothing(stored):
    assert not verify_password(PASSWORD, stored)


def test_the_default_hash_uses_many_iterations():
    assert hash_password("x").split("$")[1] == str(access.HASH_ITERATIONS) and access.HASH_ITERATIONS >= 600_000


def test_the_hash_password_command_prints_the_secrets_line(monkeypatch, capsys):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert access.main(["hash-password"]) == 0
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if l.startswith("password_hash = "))
    assert "[staff]" in out and PASSWORD not in out
    assert verify_password(PASSWORD, line.split('"')[1])


def test_the_hash_password_command_refuses_a_short_or_mistyped_password(monkeypatch, capsys):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "short")
    assert access.main(["hash-password"]) == 1
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert access.main(["hash-password"]) == 1
    assert "password_hash" not in capsys.readouterr().out
    assert access.main([]) == 2


# -- In the app ------------------------------------------------------------------------------------


def app(secrets: dict | None = None, user: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    # A neutral secret replaces any local secrets file, so "nothing configured" means exactly that.
    at.secrets.update(secrets or {"unrelated": {"setting": 1}})
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def navigation_titles(at: AppTest) -> set[str]:
    return {page["page_name"] for page in at._registered_pages.values()}


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="staff_name").input(name)
    at.text_input(key="staff_password").input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_without_any_configuration_nobody_is_staff_and_the_staff_pages_do_not_exist(app_env):
    at = app()
    assert not navigation_titles(at) & STAFF_PAGES
    assert not any(t.label == "Staff password" for t in at.text_input)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/upload.py")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/history.py")


@pytest.mark.parametrize("page", ["pages/upload.py", "pages/history.py"])
def test_a_staff_page_opened_without_staff_rights_refuses_and_shows_nothing_else(app_env, page):
    at = AppTest.from_file(str(PROJECT_ROOT / page), default_timeout=90)
    at.secrets["staff"] = {"password_hash": PASSWORD_HASH}
    at.run()
    assert [e.value for e in at.error] == ["This page is for facility staff. Sign in as staff in the sidebar to use it."]
    assert not at.title and not at.get("download_button") and not at.button


def test_a_wrong_password_is_refused(app_env):
    at = sign_in(app({"staff": {"password_hash": PASSWORD_HASH}}), "Ana", "guess")
    assert "Wrong password. Try again in 1 s." in [e.value for e in at.sidebar.error]
    assert not navigation_titles(at) & STAFF_PAGES
    assert at.text_input(key="staff_password").value == ""  # not kept in the form


def test_a_name_is_required_to_sign_in(app_env):
    at = sign_in(app({"staff": {"password_hash": PASSWORD_HASH}}), "  ", PASSWORD)
    assert "Give your name." in [e.value for e in at.sidebar.error]
    assert not navigation_titles(at) & STAFF_PAGES


def test_the_right_password_shows_the_staff_pages_until_sign_out(app_env):
    at = sign_in(app({"staff": {"password_hash": PASSWORD_HASH}}), "Ana", PASSWORD)
    assert STAFF_PAGES <= navigation_titles(at)
    assert "Signed in as staff: Ana" in [c.value for c in at.sidebar.caption]
    at.switch_page("pages/history.py").run()
    assert [t.value for t in at.title] == ["Data history"]
    next(b for b in at.button if b.label == "Sign out").click().run()
    assert not navigation_titles(at) & STAFF_PAGES
    assert at.title[0].value != "Data history"


def test_a_new_password_hash_signs_every_session_out(app_env):
    at = sign_in(app({"staff": {"password_hash": PASSWORD_HASH}}), "Ana", PASSWORD)
    assert STAFF_PAGES <= navigation_titles(at)
    at.secrets["staff"] = {"password_hash": hash_password("another long password", iterations=1_000)}
    at.run()
    assert not navigation_titles(at) & STAFF_PAGES


OIDC = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-cookie-secret",
        "client_id": "dashboard", "client_secret": "not-a-secret",
        "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
    },
    "staff": {"emails": ["Ana@Socieux.example"]},
}


def test_with_openid_connect_a_listed_signed_in_user_is_staff(app_env):
    at = app(OIDC, {"is_logged_in": True, "email": "ana@socieux.example"})
    assert STAFF_PAGES <= navigation_titles(at)
    assert "Signed in as staff: ana@socieux\\.example" in [c.value for c in at.sidebar.caption]  # as plain text
    assert not any(t.label == "Staff password" for t in at.text_input)  # no password form in this mode


def test_with_openid_connect_an_unlisted_or_signed_out_user_is_not_staff(app_env):
    at = app(OIDC, {"is_logged_in": True, "email": "someone@elsewhere.example"})
    assert not navigation_titles(at) & STAFF_PAGES
    assert "Signed in, but this account is not on the staff list." in [c.value for c in at.sidebar.caption]
    at = app(OIDC, {"is_logged_in": False})
    assert not navigation_titles(at) & STAFF_PAGES
    assert any(b.label == "Staff sign-in" for b in at.sidebar.button)


def test_with_openid_connect_the_password_is_not_accepted(app_env):
    at = app({**OIDC, "staff": {"emails": ["ana@socieux.example"], "password_hash": PASSWORD_HASH}},
             {"is_logged_in": False})
    assert not any(t.label == "Staff password" for t in at.text_input)
    assert not navigation_titles(at) & STAFF_PAGES

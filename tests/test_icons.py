"""Icons are Streamlit's bundled Material icons, never emoji: the server's and viewers' fonts may have no
glyph for an emoji, which then shows as an empty box."""

import re

from tests.conftest import PROJECT_ROOT

_ICON = re.compile(r"""\b(?:page_)?icon\s*=\s*(["'])(.*?)\1""")


def test_every_icon_is_a_material_icon():
    sources = [PROJECT_ROOT / "app.py", *(PROJECT_ROOT / "pages").glob("*.py"), *(PROJECT_ROOT / "socieux").rglob("*.py")]
    found = {(path.relative_to(PROJECT_ROOT).as_posix(), m.group(2))
             for path in sources for m in _ICON.finditer(path.read_text(encoding="utf-8"))}
    assert found, "no icon found: the pattern no longer matches the code"
    assert sorted(icon for icon in found if not icon[1].startswith(":material/")) == []


def test_the_tab_icon_is_a_file_of_the_project():
    # Streamlit's page icon ":material/...:" makes the browser fetch an image from fonts.gstatic.com.
    app = (PROJECT_ROOT / "app.py").read_text(encoding="utf-8")
    assert "page_icon=FAVICON" in app and (PROJECT_ROOT / "socieux" / "ui" / "favicon.png").is_file()

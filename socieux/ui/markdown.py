"""Show text that came from outside (URLs, uploads) as text, never as markup."""

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: object) -> str:
    """Backslash-escape every character Streamlit's markdown would interpret."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))

"""Whether a text is an address a browser can open: the checks every address an editor writes
goes through (a link in a body, apply_url, base_url) before anything splits it.

Python's urlsplit refuses some addresses with a ValueError (a `[` without its `]`, something
other than an IP address between brackets, a host name holding a look-alike of `#`), and
reading the port of `host:8o8o` raises one too. `address_typo` names each of them in words
for the editor; once it has said "", urlsplit and the parts it returns raise nothing.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def address_typo(value: str) -> str:
    """Why `value` cannot be an address, in words for its editor; "" when it can (a relative
    or mailto: address too)."""
    try:
        parts = urlsplit(value)
    except ValueError:
        if "[" in value or "]" in value:
            return "square brackets [ ] go in pairs, around an IPv6 address only"
        return "the host name holds a character that stands for / ? # @ or : (a full-width ＃, say)"
    try:
        parts.port  # noqa: B018  (reading it checks it)
    except ValueError:
        return "the port, after the host name's colon, is not a number from 0 to 65535"
    return ""


def is_absolute_url(value: str, schemes: tuple[str, ...] = ("http", "https")) -> bool:
    """An address with one of `schemes` and a host name, that a browser can open."""
    if address_typo(value):
        return False
    parts = urlsplit(value)
    return parts.scheme in schemes and bool(parts.hostname) and not any(c.isspace() for c in value)

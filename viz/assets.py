"""Where vis-network comes from, so no page ever reaches a CDN.

pyvis ships vis-network inside its own package (`pyvis/templates/lib/vis-<version>/`), but its
templates only use that copy in `in_line` mode and load Bootstrap from a CDN in every mode. Our
pages either reference the file at a URL the app serves (`vis_network_path()` tells the app which
file to serve) or carry it inline, for static pages that must open from file:// offline.

The page styles the only vis-network element it uses (the tooltip) itself, so the separate
vis-network stylesheet (220 kB, mostly the configurator's images) is not needed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyvis

_LIB = Path(pyvis.__file__).parent / "templates" / "lib"


def _version(folder: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", folder.name))


@cache
def vis_network_path() -> Path:
    """The minified vis-network script inside the installed pyvis (the newest it ships)."""
    candidates = sorted(_LIB.glob("vis-*/vis-network.min.js"), key=lambda p: _version(p.parent))
    if not candidates:
        raise FileNotFoundError(f"pyvis ships no vis-network.min.js under {_LIB}")
    return candidates[-1]


@cache
def vis_network_inline() -> str:
    """The script's text, safe to place between <script> and </script>.

    A literal `</script` would end the element early; `<\\/script` means the same to JavaScript.
    """
    text = vis_network_path().read_text(encoding="utf-8")
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)

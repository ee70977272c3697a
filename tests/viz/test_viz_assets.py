"""vis-network comes from inside the installed pyvis, never from the network."""

from __future__ import annotations

import re
from pathlib import Path

import pyvis

from viz import vis_network_inline, vis_network_path


def test_the_library_is_the_copy_pyvis_ships():
    path = vis_network_path()
    assert path.is_file() and path.name == "vis-network.min.js"
    assert path.is_relative_to(Path(pyvis.__file__).parent)
    assert re.fullmatch(r"vis-\d+(\.\d+)*", path.parent.name)


def test_the_inline_text_cannot_close_its_script_element():
    text = vis_network_inline()
    assert "vis-network" in text[:300]
    assert not re.search(r"</script", text, re.IGNORECASE)
    assert len(text) >= len(vis_network_path().read_text(encoding="utf-8"))

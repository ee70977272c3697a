"""The hashes of our pages' inline blocks, kept between starts (kg.startcache): what is kept is
exactly what rendering the pages gives, and a change to the code they come from renders again."""

from kg.web import security


def test_the_kept_blocks_are_the_rendered_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    security.our_inline_blocks.cache_clear()
    try:
        first = security.our_inline_blocks()  # rendered, kept
        security.our_inline_blocks.cache_clear()
        monkeypatch.setattr(security, "_our_pages", lambda: iter(["<style>other</style>"]))
        assert security.our_inline_blocks() == first  # read: nothing rendered
        rendered = security._rendered_blocks()
        monkeypatch.undo()
        assert {tag: tuple(texts) for tag, texts in security._rendered_blocks().items()} == first
        assert rendered == {"script": [], "style": ["other"]}
    finally:
        security.our_inline_blocks.cache_clear()


def test_a_change_to_the_pages_code_renders_them_again(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    extra = tmp_path / "template.html"
    extra.write_text("one")
    monkeypatch.setattr(security, "_pages_code", lambda: [extra])
    pages = iter([["<style>a</style>"], ["<style>b</style>"]])
    monkeypatch.setattr(security, "_our_pages", lambda: iter(next(pages)))
    security.our_inline_blocks.cache_clear()
    try:
        assert security.our_inline_blocks()["style"] == ("a",)
        security.our_inline_blocks.cache_clear()
        assert security.our_inline_blocks()["style"] == ("a",)  # kept
        extra.write_text("two")
        security.our_inline_blocks.cache_clear()
        assert security.our_inline_blocks()["style"] == ("b",)  # rendered again
    finally:
        security.our_inline_blocks.cache_clear()

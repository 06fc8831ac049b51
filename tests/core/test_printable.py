"""printable(): words a person wrote, safe to send to a terminal, never changed otherwise."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recovery_tui.core.printable import printable
from recovery_tui.widgets.literal import literal


def test_plain_text_is_unchanged() -> None:
    for text in ["Acme [/]", "Initech [b]", "[@click=app.quit]x[/]", "שלום עולם", "café 🙂"]:
        assert printable(text) == text
        assert literal(text).plain == text


def test_control_characters_become_visible() -> None:
    assert printable("a\x1b[31mred") == "a\u241b[31mred"
    assert printable("a\x9bb") == "a\ufffdb"
    assert printable("tab\there") == "tab    here"
    assert printable("a\r\nb") == "a\nb"
    assert printable("a\nb", one_line=True) == "a b"
    assert printable("a\u2028b", one_line=True) == "a b"
    assert printable("lone \udc80") == "lone \ufffd"


@given(st.text())
def test_never_a_control_character_left(text: str) -> None:
    for one_line in (False, True):
        shown = printable(text, one_line=one_line)
        allowed = "" if one_line else "\n"
        assert all(c in allowed or not (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0) for c in shown)
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in shown)
        shown.encode("utf-8")


def test_join_keeps_every_piece_literal_and_styles_only_the_pairs() -> None:
    from recovery_tui.widgets.literal import join

    line = join(("Acme [/]", "bold"), "  ·  ", "[b]x\x1b", one_line=True)
    assert line.plain == "Acme [/]  ·  [b]x\u241b"
    assert [(s.start, s.end, str(s.style)) for s in line.spans] == [(0, 8, "bold")]
    assert join("a\nb", one_line=True).plain == "a b"


def test_a_table_cell_is_never_markup() -> None:
    from recovery_tui.widgets.literal import cell

    shown = cell("[@click=app.quit]x[/] [b]\x07")
    assert shown.plain == "[@click=app.quit]x[/] [b]\u2407"
    assert not shown.spans


def test_the_page_parser_makes_no_links_and_no_html() -> None:
    from recovery_tui.widgets.literal import markdown_parser

    tokens = markdown_parser().parse("see https://example.com and www.example.org, <b>hi</b>")
    kinds = {child.type for token in tokens for child in token.children or []}
    assert "link_open" not in kinds and "html_inline" not in kinds

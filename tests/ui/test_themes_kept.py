"""t and T set a theme without parsing the CSS again (reader.ui.private.ThemesKeptStylesheet).

A theme change parses every CSS source with the theme's variables: 20–25 ms of
`t` on the corpus (bench/keys.py). The stylesheet keeps each theme's parses,
and the reader parses the themes `t` and `T` reach while idle; the rules a
change then applies must be exactly those a fresh parse gives.
"""

from __future__ import annotations

import pytest
import textual.css.stylesheet as textual_stylesheet
from textual.css.stylesheet import Stylesheet
from textual.css.tokenizer import TokenError
from textual.theme import BUILTIN_THEMES
from ui_fixtures import settle, started

from reader.ui.private import ThemesKeptStylesheet, theme_variables

SIZE = (120, 40)

CSS = """
Screen { background: $background; color: $foreground; }
#pane { border: round $primary; }
.marked { text-style: bold; background: $accent 30%; }
"""


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources Textual's stylesheet parses from now on, by their CSS."""
    seen: list[str] = []
    parse = textual_stylesheet.parse

    def counted(scope, css, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(css)
        return parse(scope, css, *args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counted)
    return seen


def _variables(theme: str) -> dict[str, str]:
    return BUILTIN_THEMES[theme].to_color_system().generate()


def _rules(sheet: Stylesheet) -> list[tuple[str, str]]:
    """Each rule set's selectors and declarations, in order.

    As text: a parse makes new layout objects, which compare by identity.
    """
    return [(rule.selectors, repr(rule.styles.get_rules())) for rule in sheet.rules]


def _fresh_rules(source: Stylesheet, variables: dict[str, str]) -> list[tuple[str, str]]:
    fresh = Stylesheet(variables=variables)
    fresh.source = source.source.copy()
    fresh.parse()
    return _rules(fresh)


def test_a_theme_seen_before_is_set_without_parsing(parses: list[str]) -> None:
    sheet = ThemesKeptStylesheet(variables=_variables("nord"))
    sheet.add_source(CSS, read_from=("test", "CSS"))
    sheet.parse()
    for theme in ("gruvbox", "nord", "gruvbox"):
        sheet.set_variables(_variables(theme))
        sheet.reparse()
        assert _rules(sheet) == _fresh_rules(sheet, _variables(theme))
    # nord once at the start, gruvbox once; each fresh parse above once more.
    assert len(parses) == 2 + 3


def test_a_prepared_theme_is_set_without_parsing_and_nothing_in_use_changes(
    parses: list[str],
) -> None:
    sheet = ThemesKeptStylesheet(variables=_variables("nord"))
    sheet.add_source(CSS, read_from=("test", "CSS"))
    sheet.parse()
    in_use = _rules(sheet)
    sheet.prepare(_variables("dracula"))
    assert _rules(sheet) == in_use
    assert sheet.themes_kept() == 2
    parses.clear()
    sheet.set_variables(_variables("dracula"))
    sheet.reparse()
    assert parses == []
    assert _rules(sheet) == _fresh_rules(sheet, _variables("dracula"))
    assert _rules(sheet) != in_use


def test_a_source_added_later_is_the_only_one_parsed(parses: list[str]) -> None:
    sheet = ThemesKeptStylesheet(variables=_variables("nord"))
    sheet.add_source(CSS, read_from=("test", "CSS"))
    sheet.parse()
    sheet.prepare(_variables("dracula"))
    sheet.add_source("Label { color: $secondary; }", read_from=("test", "Label"))
    parses.clear()
    sheet.set_variables(_variables("dracula"))
    sheet.reparse()
    assert parses == ["Label { color: $secondary; }"]


def test_bad_css_raises_at_the_change_as_with_textuals_own_stylesheet() -> None:
    for sheet in (Stylesheet(), ThemesKeptStylesheet()):
        sheet.set_variables(_variables("nord"))
        sheet.add_source(CSS, read_from=("test", "CSS"))
        sheet.parse()
        sheet.add_source("Label { color: $no-such-variable; }", read_from=("test", "bad"))
        if isinstance(sheet, ThemesKeptStylesheet):
            sheet.prepare(_variables("dracula"))  # says nothing: the change will
        sheet.set_variables(_variables("dracula"))
        with pytest.raises(TokenError, match="no-such-variable"):
            sheet.reparse()


async def test_the_reader_applies_themes_parsed_while_idle(make_app, parses: list[str]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        assert isinstance(app.stylesheet, ThemesKeptStylesheet)
        order = app.themes_nearest_first()
        names = sorted(app.available_themes)
        at = names.index(app.theme)
        assert order[:2] == [names[(at + 1) % len(names)], names[at - 1]]  # t's, then T's
        assert sorted(order + [app.theme]) == names
        app.prepare_while_idle()
        steps, app._building = app._building, []  # run here, not also by its timer
        for step in steps:  # in turn, as idle time would run them
            step()
            await pilot.pause(0.01)
        await settle(app, pilot)
        parses.clear()
        for key in ("t", "t", "T", "T", "T"):
            await pilot.press(key)
            await settle(app, pilot)
            # What a fresh parse of the same CSS with the theme's variables gives.
            assert app.theme_variables == theme_variables(app, app.theme)
            expected = _fresh_rules(app.stylesheet, app.theme_variables)
            parses.clear()
            assert _rules(app.stylesheet) == expected
        assert parses == []

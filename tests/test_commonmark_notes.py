"""Notes render as CommonMark with GitHub's tables, as their publisher reads them."""

from __future__ import annotations

import re

from tests.test_notes import rendered


def test_a_list_right_after_a_paragraph_line_is_a_list() -> None:
    html = rendered("Artifacts we write:\n* PRDs [00:01:00]\n* briefs\n* storyboards\n\nAfter.")
    # (the list may open the section's second block: the part search leaves out)
    assert re.search(r"<p>Artifacts we write:</p>\n(</div>\n<section [^>]*>\n)?<ul>", html)
    assert html.count("<li>") == 3
    assert "* PRDs" not in html and "* briefs" not in html


def test_a_numbered_list_after_a_paragraph_line() -> None:
    html = rendered("Steps:\n1. Listen\n2. Write\n3. Ship")
    assert "<ol>" in html and html.count("<li>") == 3


def test_nested_lists_and_loose_items() -> None:
    html = rendered("- one\n  - one a\n  - one b\n- two\n\n- three")
    assert html.count("<ul>") == 2 and html.count("<li>") == 5


def test_a_table_keeps_its_column_alignment() -> None:
    html = rendered("| Level | Scope |\n|:---|---:|\n| 1 | team |")
    assert '<th style="text-align:left">Level</th>' in html
    assert '<td style="text-align:right">team</td>' in html


def test_a_style_other_than_alignment_is_dropped() -> None:
    html = rendered('<p style="position:fixed;top:0">x</p>\n\n| a |\n|---|\n| b |')
    assert "position" not in html


def test_a_titled_callout_is_an_admonition() -> None:
    html = rendered("> [!TIP] Ask why\n> Ask *why* twice.\n> - and listen\n\nAfter.")
    assert '<div class="admonition tip">\n<p class="admonition-title">Ask why</p>' in html
    assert "<em>why</em>" in html and "<li>and listen</li>" in html
    assert "<p>After.</p>" in html


def test_a_foldable_callout_is_a_details_element() -> None:
    folded = rendered("> [!FAQ]- Why levels?\n> Because.")
    assert '<details class="question">\n<summary>Why levels?</summary>' in folded
    assert "<details" in folded and "open" not in folded.split("<summary>")[0]
    opened = rendered("> [!NOTE]+ Open one\n> Shown.")
    assert '<details class="note" open="">\n<summary>Open one</summary>' in opened


def test_a_callout_without_a_title_is_titled_by_its_kind() -> None:
    assert '<p class="admonition-title">Warning</p>' in rendered("> [!WARNING]\n> Careful.")


def test_strikethrough() -> None:
    assert "<s>gone</s>" in rendered("This is ~~gone~~ now.")


def test_times_and_wikilinks_inside_list_items_and_cells() -> None:
    html = rendered("Notes:\n- at [00:01:05] see [[other_note]]\n\n| when |\n|---|\n| [00:02:00] |")
    assert re.search(r'<li>at <a class="hb-ts" id="t-00-01-05"[^>]*>00:01:05</a> see <a class="hb-wikilink"', html)
    assert re.search(r'<td><a class="hb-ts" id="t-00-02-00"', html)


def test_a_setext_heading_is_a_heading_of_the_page() -> None:
    html = rendered("Intro.\n\nSection two\n-----------\n\nText.")
    assert "\n## Section two\n" in html

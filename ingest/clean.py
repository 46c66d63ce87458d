"""Clean: find site furniture (teasers, share lines, comment forms, photo credits, promos) in article text.

Nothing is deleted. :func:`find_boilerplate` returns labelled spans of the text as read, and :func:`mask`
blanks them out while keeping every offset valid, so extraction runs on the masked text and its evidence
spans still index :attr:`ontology.records.Article.text`.

The rules are data: :data:`RULES` is a tuple of named, compiled patterns, each with a kind that says how
much text a match claims. Extend it by adding a :class:`BoilerplateRule`; be conservative, because a rule
that fires on a body sentence silently hides facts from extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from ontology.records import Span

__all__ = ["RULES", "BoilerplateRule", "find_boilerplate", "mask"]

RuleKind = Literal["line", "block", "tail", "inline"]


@dataclass(frozen=True)
class BoilerplateRule:
    """One boilerplate rule.

    Attributes
    ----------
    name:
        The label given to the spans it finds.
    kind:
        How much text a match claims:

        ``line``
            ``pattern`` is matched (``re.match``) against a line without its indentation, trailing
            blanks and Markdown decoration (``> ## **`` around it, ``[text](url)`` links reduced to
            their text); the whole line is boilerplate.
        ``block``
            as ``line``, for a heading-only line ("You May Also Like"); the heading and the teaser
            paragraphs after it are boilerplate, up to the end of the text or to the first line that
            reads like article body again (see :func:`_looks_like_body`).
        ``tail``
            ``pattern`` is searched in a line and must start a sentence; from there to the end of the
            line is boilerplate (promo sentences trailing a paragraph).
        ``inline``
            only the matched text is boilerplate (a parenthesised photo credit inside a line).
    pattern:
        The compiled regular expression.
    """

    name: str
    kind: RuleKind
    pattern: re.Pattern[str]


def _rule(name: str, kind: RuleKind, pattern: str) -> BoilerplateRule:
    return BoilerplateRule(name, kind, re.compile(pattern, re.IGNORECASE))


# A sentence start: the line start or after sentence-final punctuation (and a closing quote).
_SENTENCE_START = r"(?:^|(?<=[.!?…]\s)|(?<=[.!?…][\"”’»]\s))"
_SOCIAL = r"(?:Twitter|X|Facebook|Telegram|Instagram|LinkedIn|WhatsApp|YouTube|TikTok|Threads|Google News|Viber)"
# Heading-only lines that open a block of teasers ("Latest news", "You May Also Like" ...).
_TEASER_HEADINGS = (
    r"(?:you\s+may\s+also\s+like|you\s+might\s+also\s+like|recommended\s+(?:to|for)\s+you|latest\s+news"
    r"|must\s+read|also\s+read|read\s+(?:also|more|next)|related(?:\s+(?:articles?|news|posts?|stories|content))?"
    r"|more\s+stories|popular(?:\s+(?:posts?|news|stories|now))?|most\s+(?:read|popular)|trending(?:\s+now)?"
    r"|more\s+from\s+[^.!?\n]{1,60}|see\s+also|don[’']t\s+miss)"
)
# Buttons in a share row ("Facebook | X | Telegram | Email").
_SHARE_TARGET = rf"\b(?:{_SOCIAL}|VK|Reddit|Pinterest|E-?mail|Print|Copy\s+link|Messenger)\b"
# A menu item: a few words, starting with a letter, no digits and no sentence punctuation.
_NAV_ITEM = r"[^\W\d_][^|·•\n\d.!?]{0,29}"
# A person's name as a byline writes it: two to four capitalised words ("Jane Roe", "Mary-Ann de Vries").
_PERSON = r"(?-i:[A-Z][\w'’-]+(?:\s+(?:(?:de|van|von|der|al|bin|da|di|le|la)\s+)?[A-Z][\w'’-]+){1,3})"
_WRITER = (r"(?:writer|journalist|reporter|editor|correspondent|columnist|author|blogger|contributor"
           r"|freelancer)")
_CREDIT = r"(?:photo|photos|photograph|image|picture|pic|credit|photo\s+credit|image\s+credit|source\s+photo)"

#: The rules, tried in order; overlapping findings are merged afterwards.
RULES: tuple[BoilerplateRule, ...] = (
    # -- teasers ------------------------------------------------------------------------------------
    # "READ ALSO: <headline>", "MUST READ: ☞ <headline>", "Related: <headline>": the whole line.
    _rule("teaser", "line", r"(?:read\s+also|also\s+read|must\s+read|read\s+more|related|see\s+also)\s*:"),
    # A heading alone on its line, then teaser paragraphs (possibly glued: "You might also likeRELATED").
    _rule("teaser-block", "block", rf"{_TEASER_HEADINGS}\s*[:.…]*\s*(?:{_TEASER_HEADINGS}\s*[:.…]*\s*)*$"),
    # -- comment forms, share and follow buttons, site search -----------------------------------------
    _rule("comments", "line", r"(?:click\s+to\s+comment|leave\s+a\s+(?:reply|comment)|\d*\s*comments?)\s*$"),
    _rule("comments", "line", r"your\s+email\s+address\s+will\s+not\s+be\s+published"),
    _rule("comments", "line", r"required\s+fields\s+are\s+marked"),
    # Comment form fields ("Name *"; the asterisk is gone once Markdown decoration is stripped).
    _rule("comments", "line", r"(?:name|e-?mail|website)\s*\*?\s*$"),
    _rule("source-link", "line", r"source\s+link\s*$"),
    _rule("share", "line", rf"share\s+(?:this\s+(?:article|story|post)|on\s+{_SOCIAL})\b[^.!?]{{0,40}}$"),
    _rule("share", "line", rf"{_SOCIAL}\s+(?:channel|group|community)\s+join\s+now\s*$"),
    _rule("share", "line", rf"(?:share(?:\s+this\s+(?:article|story|post))?\s*:?\s*)?{_SHARE_TARGET}"
                           rf"(?:\s*[|·•,/]?\s*{_SHARE_TARGET})+\s*$"),
    _rule("share", "line", r"connect\s+with\s+us\s*$"),
    _rule("site-search", "line", r"hi,?\s+what\s+are\s+you\s+looking\s+for\??\s*$"),
    _rule("video-prompt", "line", r"watch\s+the\s+video\s+(?:above|below)\b"),
    # Follow / join / subscribe / support calls: from the sentence start to the end of the line.
    _rule("share", "tail", rf"{_SENTENCE_START}(?:follow\s+us\s+on\s+{_SOCIAL}|join\s+(?:us\s+on|our)\s+{_SOCIAL}"
                           r"|subscribe\s+to\s+our\s+(?:newsletter|channel|telegram)"
                           r"|support\s+us,?\s+or\s+become\s+our\s+patron)"),
    # -- outlet promos --------------------------------------------------------------------------------
    # "Ukrainska Pravda is the place where you will find ..." (and the sentences after it on that line).
    _rule("promo", "tail", rf"{_SENTENCE_START}[A-Z][\w&.'’ -]{{1,60}}?\s+is\s+(?:the|your)\s+(?:place|source)\s+"
                           r"(?:where|for|of)\s+(?:you\s+(?:will|can)\s+find|the\s+(?:latest|most))"),
    # -- photo credits --------------------------------------------------------------------------------
    # A caption line ending with a parenthesised credit: "Excavators at a depot (PHOTO: Jane Roe)".
    _rule("photo-credit", "line", rf"[^\n]{{0,250}}\(\s*{_CREDIT}\s*(?::|by)\s*[^()\n]{{1,80}}\)\s*$"),
    # "Photo: Jane Roe/Agency", "Image credit: Reuters", "Photo by Jane Roe" alone on a line.
    _rule("photo-credit", "line", rf"{_CREDIT}\s*(?::|by\b)\s*[^.!?\n]{{1,80}}$"),
    # A parenthesised credit inside a line: just the parentheses.
    _rule("photo-credit", "inline", rf"\(\s*{_CREDIT}\s*(?::|by)\s*[^()\n]{{1,80}}\)"),
    # A bare credit after a caption's full stop: "The Treasury building in Washington. (AFP)", "(Getty Images)".
    # Only after a stop: an acronym after a name ("Office of Foreign Assets Control (OFAC)") is the name's.
    _rule("photo-credit", "inline", r"(?-i:(?<=[.!?])[ \t]+\(\s*[A-Z][\w&.-]*(?:[ /][A-Z][\w&.-]*){0,3}\s*\)(?=\s|$))"),
    # A caption that runs on from a headline and ends with its credit: "... Archive photo: Troops unload crates
    # at a depot (Press Service of the Army)": from the caption word to the end of the line.
    _rule("photo-credit", "inline", r"\b(?:archive\s+|file\s+)?(?:photo|image|picture)\s*:[^()\n]{1,250}"
                                    r"\([^()\n]{1,80}\)\s*$"),
    # A Markdown image alone on its line.
    _rule("image", "line", r"!\[[^\]\n]*\]\([^)\s]*\)\s*$"),
    # -- bylines and author notes --------------------------------------------------------------------
    # "By Jane Roe", "Jane Roe By Jane Roe May16,2024": a byline alone on its line, a date after it.
    _rule("byline", "line", rf"(?-i:(?:{_PERSON}\s+)?By\s+{_PERSON}(?:\s*,?\s*[A-Z][a-z]{{2,8}}\.?\s*\d{{1,2}}"
                            r"\s*,?\s*(?:19|20)\d{2})?)\s*$"),
    # The author's note that closes a page: "I am Jane Roe, a writer and journalist for ...", "Jane Roe has
    # been a reporter on the news desk since 2018 ...": the whole paragraph.
    _rule("author-note", "line", rf"(?:I\s+am|I[’']m)\s+{_PERSON}\s*,\s+(?:a|an|the)\s+[^.!?\n]{{0,60}}?\b{_WRITER}\b"),
    _rule("author-note", "line", rf"{_PERSON}\s+(?:has\s+been|is)\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?"
                                 rf"{_WRITER}\s+(?:on|at|for|with|since)\b"),
    # -- site furniture -------------------------------------------------------------------------------
    # A menu: three or more short items between "|" or "·" ("Home | World | Economy").
    _rule("site-nav", "line", rf"{_NAV_ITEM}(?:\s*[|·•]\s*{_NAV_ITEM}){{2,}}\s*$"),
    # The footer: "© 2023 Outlet. All rights reserved.", "Copyright 2023 Outlet", "(c) Outlet".
    _rule("copyright", "line", r"(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*(?:19|20)\d{2})[^\n]{0,150}$"),
    # A logo rendered twice in a row as text ("Building CryptoBuilding Crypto").
    _rule("site-logo", "line", r"(.{3,40})\1\s*$"),
)

_SENTENCE_END = re.compile(r"(?<![.…])[.!?][\"”’»)]*$")


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    text: str  # the line without indentation and trailing blanks
    plain: str  # ... and without Markdown decoration: what line and block rules see


_DECORATION = re.compile(r"^[>#*_\-•\s]+|[*_\s]+$")
_MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\([^)\s]*\)")


def _plain(line: str) -> str:
    """A line as line rules see it: "> **READ ALSO:** [Headline](url)" reads "READ ALSO:** Headline"."""
    return _MARKDOWN_LINK.sub(r"\1", _DECORATION.sub("", line))


def _lines(text: str) -> Iterator[_Line]:
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + (len(raw) - len(raw.lstrip()))
            yield _Line(start, start + len(stripped), stripped, _plain(stripped))
        offset += len(raw) + 1


def _looks_like_body(line: _Line) -> bool:
    """A paragraph of article prose: a dozen words or more, ending a sentence (not a teaser's "...")."""
    return len(line.text.split()) >= 12 and _SENTENCE_END.search(line.text) is not None


def _find(text: str) -> Iterator[Span]:
    lines = list(_lines(text))
    block_end = -1  # offset where the last teaser block ends; headings inside it open no new block
    for index, line in enumerate(lines):
        for rule in RULES:
            if rule.kind == "line":
                if rule.pattern.match(line.plain):
                    yield Span(start=line.start, end=line.end, label=rule.name)
            elif rule.kind == "block":
                if line.start >= block_end and rule.pattern.match(line.plain):
                    block_end = line.end
                    for follower in lines[index + 1:]:
                        if _looks_like_body(follower):
                            break
                        block_end = follower.end
                    yield Span(start=line.start, end=block_end, label=rule.name)
            elif rule.kind == "tail":
                found = rule.pattern.search(line.text)
                if found:
                    yield Span(start=line.start + found.start(), end=line.end, label=rule.name)
            else:
                for found in rule.pattern.finditer(line.text):
                    yield Span(start=line.start + found.start(), end=line.start + found.end(), label=rule.name)


_BYLINE_NAME = re.compile(rf"\bBy\s+({_PERSON})")


def _author_lines(text: str, found: Iterable[Span]) -> Iterator[Span]:
    """Lines that hold nothing but the name a byline gives: the author's name set above the byline."""
    names = {" ".join(match.group(1).split()) for span in found if span.label == "byline"
             for match in _BYLINE_NAME.finditer(text[span.start:span.end])}
    if names:
        for line in _lines(text):
            if " ".join(line.plain.split()) in names:
                yield Span(start=line.start, end=line.end, label="byline")


def _merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            if span.end > last.end:
                # The span that starts first names the merged one: it is the larger unit (block, caption).
                merged[-1] = Span(start=last.start, end=span.end, label=last.label)
        else:
            merged.append(span)
    return tuple(merged)


def find_boilerplate(text: str) -> tuple[Span, ...]:
    """Spans of site furniture in ``text``, labelled with the name of the rule that found them.

    Parameters
    ----------
    text:
        Article text with ``\\n`` line ends (as stored in :attr:`Article.text`).

    Returns
    -------
    tuple[Span, ...]
        Sorted, non-overlapping spans (overlapping findings are merged; the earlier one's label wins).
        Line rules cover a line without its indentation; nothing here spans a body sentence unless it
        sits inside a trailing teaser block.

    Examples
    --------
    >>> text = "Exports rose.\\nREAD ALSO: Unrelated headline\\nImports fell."
    >>> [(s.label, text[s.start:s.end]) for s in find_boilerplate(text)]
    [('teaser', 'READ ALSO: Unrelated headline')]

    Complexity: O(lines × rules), plus the block scans.
    """
    found = list(_find(text))
    return _merge([*found, *_author_lines(text, found)])


def mask(text: str, spans: Iterable[Span]) -> str:
    """``text`` with every character inside ``spans`` replaced by a space, except newlines.

    The result has the same length and the same line structure, so offsets found in it are offsets in
    ``text``.

    >>> mask("keep DROP keep\\nDROP", [Span(start=5, end=9), Span(start=15, end=19)])
    'keep      keep\\n    '
    """
    chars = list(text)
    for span in spans:
        for index in range(span.start, min(span.end, len(chars))):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)

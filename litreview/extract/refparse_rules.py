"""Rules around the reference CRF: label repairs, field repairs, and a reference-likeness score.

* :func:`repair_labels` fixes token labels the CRF gets wrong on footnote-style grey
  literature (a month word tagged publisher before a year; a capitalised phrase with no
  closing punctuation tagged author right before the title; a phrase naming a thing -
  ``... Index, 2021 <url>`` - tagged author; ``“Title”, “Journal”`` read as one title;
  ``20 | 2019``; ``Guidance Note No. 12, Funder``; a dash aside after the page; ``(pg. 6)``;
  a title cut after "of"; a subtitle read as publisher; an APA title with no author read as
  the author; ``3 February.`` or ``March 3, 2014`` around a title; a title read as a journal).
* :func:`link_title` makes the text of a Markdown link that is not the first thing of the
  reference the title (``Programme: [Title](#)``) when the CRF found no other title.
* :func:`repair_item` fixes fields after they are built (``Org, Place:`` read as one place;
  an organisation read as a journal when nothing journal-like follows; an outlet with a
  day's date read as publisher; a place read as a journal).
* :func:`looks_like_reference` scores how much a string reads like a reference rather
  than an explanatory note, so callers can skip parsing notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from litreview.extract.gazetteer import is_place
from litreview.extract.refparse_fields import BARE_DOMAIN, REPORT_WORDS, org_authored
from litreview.extract.refparse_names import NAME_PARTICLES, is_organisation, names_a_body

__all__ = ["link_title", "looks_like_reference", "repair_item", "repair_labels"]

_MONTH = re.compile(
    r"^\(?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?$", re.I
)
_MONTH3 = frozenset(
    {
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "(ja",
        "(fe",
        "(ma",
        "(ap",
        "(ju",
        "(au",
        "(se",
        "(oc",
        "(no",
        "(de",
    }
)
_YEARISH = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
_DAY = re.compile(r"^\(?\d{1,2}(?:st|nd|rd|th)?,?$")
_ORG_HEAD = re.compile(
    r"\b(institut\w*|foundation|centre|center|society|trust|council|ministry|"
    r"commission|office|agency|network|alliance|coalition)\b",
    re.I,
)
_PUBLISHERISH = re.compile(
    r"\b(press|presses|publications?|publishing|publishers?|pub|verlag|books|editions|éditions|"
    r"club|ltd|inc|co|company|corporation|agency|ministry|department|office|commission|bank|"
    r"council|foundation|trust|institut\w*|centre|center|universit\w*|association|"
    r"organi[sz]ation|programme|program|authority|bureau|secretariat|alliance|network|"
    r"coalition|board|government|unit|division|service|federation|partnership|"
    r"consultants?|consulting|group)\b",
    re.I,
)
_NOT_PUBLISHER = re.compile(
    r"^\s*(?:in|dans|en|im)\b|\b(journal|review|proceedings|conference|symposium|workshop|"
    r"congress|meeting|transactions|quarterly|bulletin|annals|magazine|letters|newsletter|"
    r"studies|revue|revista|rivista|zeitschrift|times|post|news|daily|weekly|gazette|herald|"
    r"tribune|guardian|telegraph|chronicle|handbook|encyclop\w*|companion|series|papers|"
    r"report|reports|yearbook|annual|forum|record|science|research|medicine|advances|"
    r"monographs?|eds?|edited)\b",
    re.I,
)
_PLACE_LOWER = frozenset(
    {"upon", "on", "am", "de", "del", "la", "le", "sur", "an", "der", "d.c.", "dc"}
)
_LINK = re.compile(r"https?://|www\.|\b10\.\d{4,}/|doi:", re.I)
_QUOTED = re.compile(r"[“‘\"«*][^“”‘’\"«»*]{6,}[”’\"»*]")
_CUE = re.compile(
    r"\b(?:pp?\.|vol\.|no\.|eds?\.|report|press|university|journal|"
    r"available at|accessed|retrieved|archived|ibid|op\.? cit)\b",
    re.I,
)
_FUNCTION = frozenset(
    {
        "the",
        "a",
        "an",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "which",
        "who",
        "we",
        "they",
        "our",
        "their",
        "he",
        "she",
        "not",
        "also",
        "because",
        "however",
        "therefore",
        "while",
        "when",
        "where",
        "there",
    }
)


def repair_labels(tokens: list[str], labels: list[str]) -> list[str]:
    """Token labels with the CRF's known footnote-style mistakes repaired."""
    labels = list(labels)
    _body_before_bare_year(tokens, labels)
    _acronym_colon_opening(tokens, labels)
    _title_inside_author_run(tokens, labels)
    for i, tok in enumerate(tokens[:-1]):
        if (
            labels[i] != "date"
            and tok[:3].lower() in _MONTH3
            and _MONTH.match(tok)
            and _YEARISH.fullmatch(tokens[i + 1].strip("().,;:"))
            and not _inside_title(tokens, labels, i)
        ):
            labels[i] = "date"
            if i > 0 and _DAY.match(tokens[i - 1]) and labels[i - 1] != "date":
                labels[i - 1] = "date"
        elif (
            i + 2 < len(tokens)
            and tok[:3].lower() in _MONTH3
            and _MONTH.match(tok)
            and _DAY.match(tokens[i + 1])
            and _YEARISH.fullmatch(tokens[i + 2].strip("().,;:"))
            and labels[i : i + 3] != ["date"] * 3
            and not _inside_title(tokens, labels, i)
        ):
            labels[i : i + 3] = ["date"] * 3  # "Aug 30 2019", "March 3, 2014" read as a volume
    _link_read_as_text(tokens, labels)
    _document_symbol(tokens, labels)
    _quoted_opening_is_title(tokens, labels)
    _author_run_into_title(tokens, labels)
    _title_spill_into_location(tokens, labels)
    _thing_named_before_year(tokens, labels)
    _second_quoted_span_is_container(tokens, labels)
    _title_run_after_quoted_title(tokens, labels)
    _number_bar_year(tokens, labels)
    _series_number_in_tail(tokens, labels)
    _dash_aside_is_note(tokens, labels)
    _page_cue_is_pages(tokens, labels)
    _places_joined_by_and(tokens, labels)
    _name_head_split_off(tokens, labels)
    _title_cut_after_small_word(tokens, labels)
    _sentence_read_as_author(tokens, labels)
    _container_as_only_title(tokens, labels)
    _day_and_month_closing_title(tokens, labels)
    _subtitle_read_as_publisher(tokens, labels)
    _journal_read_as_series(tokens, labels)
    _expanded_acronym_author(tokens, labels)
    _body_named_with_its_acronym(tokens, labels)
    _first_of_two_titles_is_author(tokens, labels)
    _title_broken_before_container(tokens, labels)
    _name_tail_of_title(tokens, labels)
    _title_head_in_author(tokens, labels)
    _day_range_before_month(tokens, labels)
    _closing_year_is_date(tokens, labels)
    _container_after_quoted_title(tokens, labels)
    _bracketed_code_after_place_or_body(tokens, labels)
    _later_title_run_is_place(tokens, labels)
    _question_closing_title(tokens, labels)
    _in_note_is_container(tokens, labels)
    _language_note_in_title(tokens, labels)
    _number_cue_before_pages(tokens, labels)
    return labels


_BARE_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d[a-z]?[,.]$")
_NAME_LINKS = frozenset({"of", "for", "and", "the", "on", "&", "in"})


def _body_before_bare_year(tokens: list[str], labels: list[str]) -> None:
    """``Australian Bureau of Statistics 2016, Personal Safety Survey, ...`` (Australian
    Harvard): the body's name before a bare year and a comma is the author, the year the
    date, whatever the CRF made of them. Only for a name that reads as an organisation, with
    a word such as Bureau or Commission, and not as a work (``World Drug Report 2016, UNODC``
    and ``Prevention of Smuggling Act 2018, ...`` are titles)."""
    k = next((k for k in range(1, min(len(tokens), 12)) if _BARE_YEAR.match(tokens[k])), None)
    if k is None or "date" in labels[:k] or (labels[k] == "date" and labels[0] == "author"):
        return
    words = tokens[:k]
    if not all(w[:1].isupper() or w in _NAME_LINKS for w in words) or any(
        re.search(r"[,.;:]$", w) for w in words
    ):
        return
    name = " ".join(words)
    if (
        is_organisation(name)
        and (_PUBLISHERISH.search(name) or names_a_body(name))
        and not REPORT_WORDS.search(name)
        and not _LAW_WORD.search(name)
    ):
        labels[: k + 1] = ["author"] * k + ["date"]


_LAW_WORD = re.compile(r"\b(?:act|ordinance|code|constitution|bill|order|rules)\b", re.I)


def _acronym_colon_opening(tokens: list[str], labels: list[str]) -> None:
    """``ILO: Forced labour, modern slavery ...``: an acronym and a colon opening the
    reference name its author."""
    if (
        len(tokens) > 2
        and labels[0] == "title"
        and tokens[0].endswith(":")
        and _ACRONYM_TOKEN.match(tokens[0][:-1])
        and labels[1] == "title"
    ):
        labels[0] = "author"


def _title_inside_author_run(tokens: list[str], labels: list[str]) -> None:
    """``NCHR, Press release, 10 December 2020, URL`` read as one author: with no title
    found, an author run of comma-separated parts whose first part names a body and whose
    next part names neither a body nor a person is author, then title."""
    if not labels or labels[0] != "author" or "title" in labels:
        return
    end = _run_end(labels, 0)
    cut = next((k + 1 for k in range(end - 1) if tokens[k].endswith(",")), None)
    if cut is None:
        return
    head, rest = " ".join(tokens[:cut]).rstrip(","), " ".join(tokens[cut:end]).strip(" ,.")
    words = rest.split()
    if (
        not rest
        or not is_organisation(head)
        or len(words) < 2
        or (is_organisation(rest) and names_a_body(rest))
        or any(_INITIALS_WORD.fullmatch(w) for w in words)
    ):
        return
    labels[cut:end] = ["title"] * (end - cut)


_SMALL_END = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "in",
        "on",
        "to",
        "a",
        "an",
        "with",
        "from",
        "by",
        "at",
        "against",
        "between",
        "into",
        "&",
    }
)


def _title_cut_after_small_word(tokens: list[str], labels: list[str]) -> None:
    """``... the case of Pakistan``: a title run that stops on a bare "of", "the", "and" ...
    has not ended; the short run after it (read as a place, a publisher) finishes it."""
    for _, end in _runs(labels, "title"):
        if end >= len(labels) or tokens[end - 1].lower() not in _SMALL_END:
            continue
        if labels[end] not in ("location", "publisher", "note", "container", "journal"):
            continue
        stop = _run_end(labels, end)
        if stop - end <= 5:
            labels[end:stop] = ["title"] * (stop - end)
        return


_NOT_CONTENT = NAME_PARTICLES | {"off", "sans"}  # "Hands off Cain" is a name
_INITIALS_WORD = re.compile(r"[A-Z]\.?(?:-?[A-Z]\.?)*")  # "J.", "J.-P", "JA": a name's initials


def _sentence_read_as_author(tokens: list[str], labels: list[str]) -> None:
    """``Coping with grief. (n.d.). Retrieved ...`` (APA with no author): with no title
    anywhere, a leading 'author' run holding a lowercase word that is neither a small word
    nor a name particle reads as a sentence, the title; names do not."""
    if not labels or labels[0] != "author" or "title" in labels:
        return
    end = _run_end(labels, 0)
    words = [t.strip(".,;:()") for t in tokens[:end]]
    if len(words) < 2 or any(_INITIALS_WORD.fullmatch(w) for w in words):
        return
    content = [
        w
        for w in words
        if w.isalpha() and w.islower() and w not in _SMALL_END and w not in _NOT_CONTENT
    ]
    if content:
        labels[:end] = ["title"] * end


def _day_and_month_closing_title(tokens: list[str], labels: list[str]) -> None:
    """``BBC News (2016) Zika virus: what to know. 3 February. Available at``: a last
    sentence of the title that is only a day and a month (Harvard's web date, the year
    given earlier) is the date."""
    for k in range(2, len(tokens)):
        if labels[k] != "title" or (k + 1 < len(labels) and labels[k + 1] == "title"):
            continue
        a, b = tokens[k - 1], tokens[k]
        pair = (_DAY.match(a) and _MONTH.match(b.rstrip(".,;:"))) or (
            _MONTH.match(a) and _DAY.match(b.rstrip(".,;:"))
        )
        if (
            pair
            and labels[k - 1] == "title"
            and k >= 3
            and labels[k - 2] == "title"
            and tokens[k - 2].endswith(".")
        ):
            labels[k - 1 : k + 1] = ["date", "date"]
        return


def _subtitle_read_as_publisher(tokens: list[str], labels: list[str]) -> None:
    """``World Development Report: Conflict, Security and Development.``: a 'publisher' run
    right after a title that ends in a colon, naming no press or organisation, is the
    subtitle (a publisher follows a colon only after a place). When the run's last comma
    leaves a press after it (``OECD Social Indicators, OECD Publishing``), only the part
    before that comma is the subtitle."""
    for start in range(1, len(labels)):
        if labels[start] != "publisher" or labels[start - 1] != "title":
            continue
        if not tokens[start - 1].endswith(":"):
            return
        end = _run_end(labels, start)
        cut = next(
            (k + 1 for k in range(end - 2, start - 1, -1) if tokens[k].endswith(",")), None
        )  # "OECD Social Indicators, OECD Publishing,": subtitle, publisher
        if cut is not None and _PUBLISHERISH.search(" ".join(tokens[cut:end])):
            end = cut
        name = " ".join(tokens[start:end]).strip(" .,;:")
        if len(name.split()) < 2 or _PUBLISHERISH.search(name) or is_place(name):
            return
        labels[start:end] = ["title"] * (end - start)
        return


_VOLUME_ISSUE = re.compile(r"^\d+\s?\(\d[\w/-]*\)[,.:;]?$")


def _journal_read_as_series(tokens: list[str], labels: list[str]) -> None:
    """``Hastings Center Report, 40(2), 12-15.``: a 'genre' run (a report series) followed
    by a volume with its issue, or by a volume and then a page range, is a journal; a
    report series carries a number, not an issue and a page range."""
    for start, end in _runs(labels, "genre"):
        if end >= len(labels) or labels[end] != "volume":
            continue
        after = _run_end(labels, end)
        ranged = (
            after < len(labels)
            and labels[after] == "pages"
            and bool(
                re.search(r"\d\s?[-–]\s?\d", " ".join(tokens[after : _run_end(labels, after)]))
            )
        )
        if _VOLUME_ISSUE.match(tokens[end]) or ranged:
            labels[start:end] = ["journal"] * (end - start)


_WEB_ADDRESS = re.compile(r"^<?(?:(?:https?://|www\.)\S+|" + BARE_DOMAIN + ")$", re.I)


def _link_read_as_text(tokens: list[str], labels: list[str]) -> None:
    """``FATF, Paris, France, www.fatf-gafi.org/...``, ``..., 8 Mar. 2018,
    tribune.com.pk/story/1654321.``: a web address is a URL whatever run the CRF put it in
    (a place, a publisher, a volume)."""
    for i, tok in enumerate(tokens):
        if (
            ("/" in tok or "www." in tok.lower())
            and labels[i] not in ("url", "doi", "note")
            and _WEB_ADDRESS.match(tok.rstrip(".,;"))
        ):
            labels[i] = "url"


_ACRONYM_TOKEN = re.compile(r"^[A-Z][A-Z0-9&]{1,9}$")


def _expanded_acronym_author(tokens: list[str], labels: list[str]) -> None:
    """``SPARC (Society for the Protection of the Rights of the Child). 2019.``: an acronym
    opening the reference and its bracketed expansion are one author, however the CRF
    split the expansion."""
    if (
        len(tokens) < 3
        or labels[0] != "author"
        or not _ACRONYM_TOKEN.match(tokens[0])
        or not tokens[1].startswith("(")
        or tokens[1].rstrip(".,:;").endswith(")")
    ):
        return
    close = next(
        (k for k in range(2, min(len(tokens), 16)) if tokens[k].rstrip(".,:;").endswith(")")), None
    )
    if close is None or "(" in "".join(tokens[2 : close + 1]):
        return
    labels[: close + 1] = ["author"] * (close + 1)


_ACRONYM_CLOSE = re.compile(r"^\([A-Z][A-Za-z&]{1,9}\)\.$")


def _body_named_with_its_acronym(tokens: list[str], labels: list[str]) -> None:
    """``National Commission on the Status of Women (NCSW). Annual report 2009–10.`` read as
    one title: a first sentence that ends in a bracketed acronym and holds a word naming a
    body is the author, when a title-labelled sentence follows it (``Magnetic resonance
    imaging (MRI). A primer.`` stays a title)."""
    if not labels or labels[0] != "title":
        return
    k = next((k for k in range(1, min(len(tokens) - 1, 16)) if tokens[k].endswith(".")), None)
    if (
        k is None
        or not _ACRONYM_CLOSE.match(tokens[k])
        or labels[k + 1] != "title"
        or any(lab != "title" for lab in labels[: k + 1])
    ):
        return
    name = " ".join(tokens[:k])
    if is_organisation(name) and names_a_body(name):
        labels[: k + 1] = ["author"] * (k + 1)


def _first_of_two_titles_is_author(tokens: list[str], labels: list[str]) -> None:
    """``Punjab Commission on the Status of Women. 2018. Punjab Gender Parity Report.``: a
    'title' run that opens the reference and is followed by a date and then another title
    run is the author of an author-date reference (a work has one title)."""
    if not labels or labels[0] != "title":
        return
    end = _run_end(labels, 0)
    if end >= len(labels) or labels[end] != "date":
        return
    after = _run_end(labels, end)
    if after < len(labels) and labels[after] == "title" and tokens[end - 1].endswith("."):
        labels[:end] = ["author"] * end


_BARE_END = re.compile(r"[\w)]$")  # a token no punctuation closes


def _title_broken_before_container(tokens: list[str], labels: list[str]) -> None:
    """``... Livelihoods and Gender-based`` + container ``Violence in Displacement Settings``
    + ``(Nov. 2011).``: a title run that stops on a bare word (no punctuation closes it)
    goes on into the next run when that run is followed by a bracketed date, a number, a
    publisher or place, or the end, and the reference has no volume or pages."""
    first = next(_runs(labels, "title"), None)
    if first is None or "volume" in labels or "pages" in labels:
        return
    end = first[1]
    if (
        end >= len(labels)
        or labels[end] not in ("container", "journal")
        or not _BARE_END.search(tokens[end - 1])
        or not tokens[end][:1].isupper()
    ):
        return
    stop = _run_end(labels, end)
    if (
        stop == len(labels)
        or labels[stop] in ("number", "publisher", "location")
        or (labels[stop] == "date" and tokens[stop].startswith("("))
    ):
        labels[end:stop] = ["title"] * (stop - end)


_SYMBOL = re.compile(r"^\(?[A-Z]{1,6}(?:/[A-Za-z0-9.()-]+){2,}\)?[,.;:]?$")


def _document_symbol(tokens: list[str], labels: list[str]) -> None:
    """``S/2019/280``, ``A/HRC/20/16/Add.3``: an official document's symbol (letters, then
    two or more slash-separated parts) is its number, not a journal, a date or a title; so is
    a catalogue number (``cat. no. 4906.0``). A symbol inside a title (title on both sides)
    stays there: it names a project within the title."""
    for i in range(len(tokens) - 2):
        if (
            tokens[i][:3].lower() == "cat"
            and tokens[i].lower().rstrip(".") == "cat"
            and tokens[i + 1].lower().rstrip(".") == "no"
            and tokens[i + 2][:1].isdigit()
        ):
            labels[i : i + 3] = ["number"] * 3  # "cat. no. 4906.0": a catalogue number
    for i, tok in enumerate(tokens):
        if tok.count("/") < 2 or labels[i] in ("url", "doi"):
            continue
        inside = 0 < i < len(tokens) - 1 and labels[i - 1] == labels[i + 1] == "title"
        if not inside and _SYMBOL.match(tok) and not _WEB_ADDRESS.match(tok):
            labels[i] = "number"
            if i and tokens[i - 1].lower().rstrip(".") == "doc":  # "UN Doc. A/HRC/44/45"
                start = i - 2 if i > 1 and tokens[i - 2].replace(".", "") == "UN" else i - 1
                labels[start:i] = ["number"] * (i - start)


def _name_tail_of_title(tokens: list[str], labels: list[str]) -> None:
    """``Masculinities in Karachi, Collective for Social`` + publisher ``Science Research,
    Karachi.``: a title run that stops on a bare word right before a publisher was cut
    inside the publisher's name; the capitalised words after the title's last comma open
    that name."""
    for end in range(1, len(labels)):
        if labels[end] != "publisher" or labels[end - 1] != "title":
            continue
        if not _BARE_END.search(tokens[end - 1]) or not tokens[end][:1].isupper():
            return
        start = end - 1
        while start > 0 and labels[start - 1] == "title" and not tokens[start - 1].endswith(","):
            start -= 1
        if start == 0 or labels[start - 1] != "title" or end - start > 5:
            return
        words = tokens[start:end]
        if words[0][:1].isupper() and all(
            w[:1].isupper() or w.lower() in _SMALL_END for w in words
        ):
            labels[start:end] = ["publisher"] * (end - start)
        return


def _title_head_in_author(tokens: list[str], labels: list[str]) -> None:
    """``UNDP, Human`` + title ``Development Report 2016 (New York: ...``: an author run that
    stops on a bare capitalised word right before the title was cut inside the title; the
    words after the author's last comma open the title."""
    if not labels or labels[0] != "author":
        return
    end = _run_end(labels, 0)
    if end >= len(labels) or labels[end] != "title" or not _BARE_END.search(tokens[end - 1]):
        return
    start = end - 1
    while start > 0 and not tokens[start - 1].endswith(","):
        start -= 1
    words = tokens[start:end]
    if (
        start == 0
        or end - start > 3
        or any(len(w.strip(".")) <= 2 for w in words)
        or not all(w[:1].isupper() for w in words)
    ):
        return
    labels[start:end] = ["title"] * (end - start)


_DAY_RANGE = re.compile(r"(\d{1,2})[–-](\d{1,2})")


def _day_range_before_month(tokens: list[str], labels: list[str]) -> None:
    """``Islamabad, 12–14 March.``: days joined by a dash right before a month (no comma or
    bracket between) are part of the date, not a page range (``29(2), 18-28, February``)."""
    for i in range(len(tokens) - 1):
        days = _DAY_RANGE.fullmatch(tokens[i]) if tokens[i][:1].isdigit() else None
        if (
            labels[i] != "date"
            and days
            and int(days[1]) < int(days[2]) <= 31
            and (i == 0 or labels[i - 1] not in ("volume", "pages"))
            and tokens[i + 1][:3].lower() in _MONTH3
            and _MONTH.match(tokens[i + 1])
        ):
            labels[i] = labels[i + 1] = "date"


def _closing_year_is_date(tokens: list[str], labels: list[str]) -> None:
    """``..., Islamabad, 2020.``: with no date found anywhere, a year standing alone as the
    reference's last word is its date."""
    if "date" in labels or not tokens or labels[-1] in ("url", "doi"):
        return
    if _YEAR_TOKEN.match(tokens[-1]) and not tokens[-1].startswith("("):
        labels[-1] = "date"


_CLOSED_QUOTE = re.compile(r"[,.;:][”’\"»]$|[”’\"»][,.;:]$")  # "2019.”", "Title”,"


def _container_after_quoted_title(tokens: list[str], labels: list[str]) -> None:
    """``“Pakistan: Events of 2020,” in World Report 2021 (New York: ...`` read as one title:
    after the quoted title closes, ``in`` opens the container."""
    for start, end in _quoted_title_runs(tokens, labels):
        close = next((k for k in range(start, end - 2) if _CLOSED_QUOTE.search(tokens[k])), None)
        if close is not None and tokens[close + 1].lower().rstrip(":") == "in":
            labels[close + 1 : end] = ["container"] * (end - close - 1)
        return


_CODE = re.compile(r"^\([A-Z]{2,3}\)[;,.:]?$")


def _bracketed_code_after_place_or_body(tokens: list[str], labels: list[str]) -> None:
    """Vancouver's ``Atlanta (GA): Centers for Disease Control (US); 2012.``: a bracketed state
    or country code belongs to the place or body before it; a title's last word before a
    place code, after a full stop, is the place."""
    for i in range(1, len(tokens)):
        if not _CODE.match(tokens[i]):
            continue
        if labels[i - 1] == "publisher" and labels[i] != "publisher":
            labels[i] = "publisher"
        elif (
            labels[i] == "location"
            and labels[i - 1] == "title"
            and i > 1
            and tokens[i - 2].endswith(".")
            and tokens[i - 1][:1].isupper()
            and tokens[i].endswith(":")
        ):
            labels[i - 1] = "location"


def _later_title_run_is_place(tokens: list[str], labels: list[str]) -> None:
    """``... Bundeslagebild 2018. Wiesbaden.``: a second, separate 'title' run that names a
    place only is the place of publication."""
    first = next((k for k, lab in enumerate(labels) if lab == "title"), None)
    if first is None or "location" in labels:
        return
    start = _run_end(labels, first)
    while start < len(labels):
        if labels[start] == "title":
            end = _run_end(labels, start)
            if is_place(" ".join(tokens[start:end]).strip(" .,;:"), towns=True):
                labels[start:end] = ["location"] * (end - start)
            start = end
        else:
            start += 1


def _question_closing_title(tokens: list[str], labels: list[str]) -> None:
    """``Two Steps Forward,`` + place ``One Step Back? London:``: a place or publisher run
    right after the title that holds a word ending in ``?`` or ``!`` before its last word
    carries the title's end up to that word."""
    for start in range(1, len(labels)):
        if labels[start] not in ("location", "publisher") or labels[start - 1] != "title":
            continue
        end = _run_end(labels, start)
        q = next((k for k in range(start, end - 1) if tokens[k].endswith(("?", "!"))), None)
        if q is not None:
            labels[start : q + 1] = ["title"] * (q + 1 - start)
        return


_EDITOR_WORD = re.compile(r"^\(?(?:eds?|editors?|hrsg|hg|dir|coord)\.?\)?[.,:]?$", re.I)


def _in_note_is_container(tokens: list[str], labels: list[str]) -> None:
    """``Title. In: Pakistan Security Report 2011. Islamabad: ...``: a 'note' run right after
    the title that opens with "In" and a capitalised word is the container (not one naming
    editors, ``In: Name (eds) Book``, which the CRF reads better than a rule)."""
    for start in range(1, len(labels) - 1):
        if labels[start] == "note" and labels[start - 1] == "title":
            if (
                tokens[start] in ("In", "In:")
                and tokens[start + 1][:1].isupper()
                and (labels[start + 1] == "note")
            ):
                end = _run_end(labels, start)
                if not any(_EDITOR_WORD.match(t) for t in tokens[start:end]):
                    labels[start:end] = ["container"] * (end - start)
            return


def _language_note_in_title(tokens: list[str], labels: list[str]) -> None:
    """``National Policy on Persons with Disabilities (in Urdu). Islamabad.``: a bracketed
    "(in Language)" right after the title belongs to it."""
    for i in range(1, len(tokens) - 1):
        if (
            labels[i - 1] == "title"
            and labels[i] != "title"
            and tokens[i] == "(in"
            and re.fullmatch(r"[A-Z][a-z]+\)[.,;:]?", tokens[i + 1])
        ):
            labels[i : i + 2] = ["title", "title"]
            return


def _number_cue_before_pages(tokens: list[str], labels: list[str]) -> None:
    """``... de l'Europe n° 210.``: a number cue and the number after it, read as pages, are
    the number of the work in its series."""
    for i in range(len(tokens) - 1):
        if (
            labels[i + 1] == "pages"
            and labels[i] != "pages"
            and _NUMBER_CUE.match(tokens[i])
            and tokens[i + 1][:1].isdigit()
        ):
            labels[i : i + 2] = ["volume", "volume"]


def _inside_title(tokens: list[str], labels: list[str], i: int) -> bool:
    """Whether token ``i`` continues a title phrase (``year ending March 2015``): the token
    before it is a title word in lower case with no punctuation after it."""
    if i == 0 or labels[i] != "title" or labels[i - 1] != "title":
        return False
    prev = tokens[i - 1]
    return prev.isalpha() and prev.islower()


_ACCESS_CUE = re.compile(r"\b(?:available|accessed|retrieved|archived|online|url|cited)\b", re.I)


def _container_as_only_title(tokens: list[str], labels: list[str]) -> None:
    """``Org. The State of Food Insecurity in the World 2012. Rome: FAO``: with no title
    found, a container, journal or note run straight after the author (and date), with no "In"
    or editor before it and no volume or pages after it (``2005, ApJ, 635, 894`` names a
    journal), is the title; so is a 'publisher' run naming no body or place with only a link
    after it (``Org (2018), Global Slavery Index, www...``)."""
    if any(lab in labels for lab in ("title", "editor", "volume", "pages")):
        return
    k = 0
    while k < len(labels) and labels[k] in ("author", "date", "citation-number"):
        k += 1
    if k == 0 or k >= len(labels) or labels[k] not in ("container", "journal", "note", "publisher"):
        return
    end = _run_end(labels, k)
    text = " ".join(tokens[k:end])
    if labels[k] == "publisher" and (
        _PUBLISHERISH.search(text)
        or is_organisation(text)
        or is_place(text.strip(" .,;:"), towns=True)
        or (end < len(labels) and labels[end] != "url")
    ):
        return  # a publisher named as such, or followed by more than a link, stays one
    if labels[k] == "note" and (_LINK.search(text) or _ACCESS_CUE.search(text)):
        return  # a link or an access phrase is no title
    if labels[k] == "note" and end == len(labels):
        # a note that ends the reference: its first sentence is the title when a known
        # place, or nothing, follows it ("Policy (in Urdu). Islamabad.")
        stop = next((j + 1 for j in range(k, end) if tokens[j].endswith(".")), end)
        rest = " ".join(tokens[stop:end]).strip(" .,;:")
        if stop - k < 2 or tokens[k].startswith("(") or (rest and not is_place(rest, towns=True)):
            return  # a bracketed remark ("(transgender research).") is no title either
        labels[k:stop] = ["title"] * (stop - k)
        labels[stop:end] = ["location"] * (end - stop)
        return
    if tokens[k].lower().rstrip(":") in ("in", "dans", "en", "im"):
        return
    labels[k:end] = ["title"] * (end - k)


def _name_head_split_off(tokens: list[str], labels: list[str]) -> None:
    """``Asia Pacific Group``, ``Women's International League``: a capitalised word with no
    punctuation after it, labelled apart (a place or a note, alone or after the run's comma,
    or the title's last word after a comma) right before a publisher or container, is the
    first word of that name."""
    for i in range(len(tokens) - 1):
        nxt = labels[i + 1]
        if (
            i > 1
            and labels[i] == "title" == labels[i - 1]
            and nxt == "publisher"
            and tokens[i - 1].endswith(",")
            and tokens[i][:1].isupper()
            and tokens[i][-1:].isalpha()
            and tokens[i + 1][:1].isupper()
        ):
            labels[i] = nxt  # "Title, Publications Office of the EU": the name's first word
            continue
        if (
            labels[i] in ("location", "note")
            and nxt in ("publisher", "container", "journal")
            and (i == 0 or labels[i - 1] != labels[i] or tokens[i - 1].endswith(","))
            and tokens[i][:1].isupper()
            and tokens[i][-1:].isalpha()
        ):
            labels[i] = nxt  # "Roma, Istituto" + "Nazionale di Statistica"


_JOIN = frozenset({"and", "&", "und", "et", "y", "e"})


def _places_joined_by_and(tokens: list[str], labels: list[str]) -> None:
    """``Cambridge and New York: Press``: a 'publisher' run that ends in "and" right before
    a location is the first of two places; so is one made of known places only
    (``Islamabad, Pakistan, and Rockville,`` + ``Maryland, USA:``)."""
    i = 0
    while i < len(labels):
        end = _run_end(labels, i)
        if (
            labels[i] == "publisher"
            and end < len(labels)
            and labels[end] == "location"
            and (
                (tokens[end - 1].lower() in _JOIN and end - i <= 4)
                or _places_only(" ".join(tokens[i:end]))
            )
        ):
            labels[i:end] = ["location"] * (end - i)
        i = end


def _places_only(text: str) -> bool:
    """Whether ``text`` is known places joined by commas and "and" (``Islamabad, Pakistan,
    and Rockville,``)."""
    parts = [p.strip(" .,;:") for p in re.split(r",|\band\b|&", text)]
    parts = [p for p in parts if p]
    return len(parts) >= 2 and all(is_place(p, towns=True) for p in parts)


_THING = re.compile(
    r"^(?:index|indices|report|survey|database|tracker|act|policy|strategy|plan|dashboard|"
    r"atlas|monitor|barometer|indicators?|statistics|portal|map|register|registry|ranking|"
    r"rankings|scorecard|profile|profiles|census|data|dataset|yearbook|handbook|guide|"
    r"guidelines|toolkit|framework|review|assessment|compendium|directory|glossary|"
    r"website|archive|timeline|overview|factsheet)$",
    re.I,
)
_RUN_END = re.compile(r"[,.;:]$")


def _run_end(labels: list[str], start: int) -> int:
    """Index just past the run of ``labels[start]`` starting at ``start``."""
    end = start
    while end < len(labels) and labels[end] == labels[start]:
        end += 1
    return end


def _runs(labels: list[str], label: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each run of ``label``, read as the caller changes the labels."""
    for start in range(len(labels)):
        if labels[start] == label and (start == 0 or labels[start - 1] != label):
            yield start, _run_end(labels, start)


def _thing_named_before_year(tokens: list[str], labels: list[str]) -> None:
    """``Coastal Flood Risk Index, 2021 https://...``: with no title anywhere, a leading
    'author' phrase that names a thing (its last word Index, Report, Survey, Tracker, Act,
    Policy, ...) followed only by a date and links is the title of a page, not a person."""
    if not labels or labels[0] != "author" or "title" in labels:
        return
    end = _run_end(labels, 0)
    if end < 2 or any(lab not in ("date", "url", "doi", "note") for lab in labels[end:]):
        return
    if "date" not in labels[end : end + 1] or any(t[:1] in "“‘\"'" for t in tokens[:end]):
        return
    if any(not t[:1].isupper() and not t[:1].isdigit() for t in tokens[:end]):
        return
    if _THING.match(tokens[end - 1].strip(",.;:()")):
        labels[:end] = ["title"] * end


_OPENING = '“‘"«'
_CLOSING = ("”", "’", '"', "»")


def _quoted_opening_is_title(tokens: list[str], labels: list[str]) -> None:
    """``“Human Trafficking.” National Institute of Justice, ...`` (MLA with no author): a
    reference that opens with a quoted span has the span as its title, not as part of an
    author; author-labelled words after the span name the site or its publisher. So do
    title-labelled words after a span closed by punctuation (a year among them is the
    date)."""
    if not tokens or tokens[0][:1] not in _OPENING:
        return
    close = next(
        (
            k
            for k in range(min(len(tokens), 40))
            if tokens[k].rstrip(",.;:").endswith(_CLOSING)
            and not tokens[k].rstrip(",.;:").endswith("s’")
        ),
        None,
    )  # "Workers’ rights"
    if close is None or close + 1 >= len(tokens) or tokens[close + 1][:1] in _OPENING:
        return  # a second quoted span is a container: _second_quoted_span_is_container
    if labels[0] == "title":
        if labels[close + 1] != "title" or not _CLOSED_QUOTE.search(tokens[close]):
            return  # the title goes on after the quotes only when nothing closed it
        relabel = {"title"}
    else:
        relabel = {"author"}
    labels[: close + 1] = ["title"] * (close + 1)
    k = close + 1
    while k < len(labels) and labels[k] in relabel:
        labels[k] = "date" if _YEAR_TOKEN.match(tokens[k]) else "publisher"
        k += 1


def _quoted_title_runs(tokens: list[str], labels: list[str]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each 'title' run that opens with a quote, found as labels change."""
    return ((start, end) for start, end in _runs(labels, "title") if tokens[start][:1] in _OPENING)


def _second_quoted_span_is_container(tokens: list[str], labels: list[str]) -> None:
    """``“Title”, “Container” 20 ...`` read as one title: a second quoted span straight after
    the first (italics become quotes) is the container - a journal when a number follows."""
    for start, end in _quoted_title_runs(tokens, labels):
        close = next(
            (k for k in range(start, end) if tokens[k].rstrip(",.;:").endswith(_CLOSING)), None
        )
        if close is None or close + 1 >= end or tokens[close + 1][:1] not in _OPENING:
            continue
        if not tokens[close].endswith((",", ".")):
            continue
        after = tokens[end : end + 3]
        journal = any(
            re.match(r"^\[?\(?\d", t)
            or t.lower().strip("[](),.") in ("online", "vol", "volume", "no")
            for t in after
        )
        labels[close + 1 : end] = ["journal" if journal else "container"] * (end - close - 1)


def _title_run_after_quoted_title(tokens: list[str], labels: list[str]) -> None:
    """``‘Title’, 24 March 2014: The Diplomat``: once a quoted title has closed, a later
    separate 'title' run (after a date or another field) names the outlet, a container."""
    first = next((k for k, lab in enumerate(labels) if lab == "title"), None)
    if first is None or tokens[first][:1] not in _OPENING:
        return
    end = _run_end(labels, first)
    if not tokens[end - 1].rstrip(",.;:").endswith(_CLOSING):
        return
    for k in range(end, len(labels)):
        if labels[k] == "title":
            labels[k] = "container"


_YEAR_TOKEN = re.compile(r"^\(?(?:1[5-9]|20)\d\d[a-z]?\)?[.,;:]?$")


def _number_bar_year(tokens: list[str], labels: list[str]) -> None:
    """``Journal, 20 | 2019``: a number, a bar, a year is volume and year."""
    if "|" not in tokens:
        return
    for i in range(len(tokens) - 2):
        if (
            re.fullmatch(r"\d{1,4}[A-Za-z]?", tokens[i])
            and tokens[i + 1] == "|"
            and _YEAR_TOKEN.match(tokens[i + 2])
        ):
            labels[i : i + 3] = ["volume", "volume", "date"]


_SERIES = re.compile(
    r"\b(?:notes?|papers?|briefs?|briefing|reports?|series|guidelines?|"
    r"guidance)\b",
    re.I,
)
_NUMBER_CUE = re.compile(r"^(?:no|nos|number|nr|n°|nº)\.?$", re.I)


def _series_number_in_tail(tokens: list[str], labels: list[str]) -> None:
    """``..., ‘Title’, Guidance Note No. 12, Some Fund.`` after the title, read as a note or
    a journal: the series name is the genre, ``No. 12`` the number, an organisation after
    it the publisher."""
    if "title" not in labels:
        return
    after_title = len(labels) - labels[::-1].index("title")
    for k in range(after_title + 1, len(tokens) - 1):
        if not _NUMBER_CUE.match(tokens[k]) or not tokens[k + 1][:1].isdigit():
            continue
        if labels[k] not in ("note", "journal") or labels[k - 1] not in ("note", "journal"):
            continue
        start = k
        while (
            start > after_title
            and labels[start - 1] in ("note", "journal", "container")
            and not _RUN_END.search(tokens[start - 1])
            and k - start < 6
        ):
            start -= 1
        series = " ".join(tokens[start:k])
        if (
            not all(t[:1].isupper() for t in tokens[start:k])
            or not _SERIES.search(series)
            or (_NOT_PUBLISHER.search(series) and not _SERIES.search(series.split()[-1]))
        ):
            continue
        labels[start:k] = ["genre"] * (k - start)
        labels[k : k + 2] = ["volume", "volume"]
        tail = k + 2
        end = tail
        while end < len(labels) and labels[end] in ("note", "journal", "container"):
            end += 1
        rest = " ".join(tokens[tail:end]).strip(" ,.;:")
        if rest and rest[:1].isupper() and (is_organisation(rest) or _PUBLISHERISH.search(rest)):
            labels[tail:end] = ["publisher"] * (end - tail)
        return


_DASHES = frozenset({"–", "—", "-", "--"})


def _dash_aside_is_note(tokens: list[str], labels: list[str]) -> None:
    """After the title, a free-standing dash between two differently labelled parts starts
    an aside (``pp. 6 – Figure adapted from ...``): from the dash on, everything but links
    is a note, not a container or publisher. A dash inside one field (``March – December
    1994``, ``Press – State University``) is left alone."""
    if "title" not in labels:
        return
    after_title = len(labels) - labels[::-1].index("title")
    for k in range(max(after_title, 1), len(tokens) - 3):
        if (
            tokens[k] in _DASHES
            and labels[k] != "title"
            and labels[k - 1] != labels[k + 1]
            and tokens[k + 1][:1].isupper()
        ):
            for j in range(k, len(labels)):
                if labels[j] not in ("url", "doi"):
                    labels[j] = "note"
            return


_PAGE_CUE = re.compile(r"^\(?(?:pp?|pgs?|pages?)\.?$", re.I)


def _page_cue_is_pages(tokens: list[str], labels: list[str]) -> None:
    """``(pg. 6)`` / ``p. 12`` read as a note is the page."""
    for k in range(len(tokens) - 1):
        if (
            labels[k] == "note"
            and _PAGE_CUE.match(tokens[k])
            and re.match(r"^\d+(?:[-–]\d+)?\)?[.,;]?$", tokens[k + 1])
        ):
            labels[k : k + 2] = ["pages", "pages"]


_BARE = "“”‘’\"'«» ,.;:"


def link_title(tokens: list[str], labels: list[str], text: str) -> list[str]:
    """Labels with the text of a Markdown link that is not the first thing in the reference
    (``Programme Name: [Report Title](#) (p. 4)``) made the title, when the CRF found no
    other title: the link text is the title, and a phrase before it ending in ``:`` is the
    author (or the series/programme issuing it)."""
    want = text.strip(_BARE)
    n = len(text.split())
    if not want or not n:
        return labels
    start = next(
        (
            k
            for k in range(1, len(tokens) - n + 1)
            if " ".join(tokens[k : k + n]).strip(_BARE) == want
        ),
        None,
    )
    if start is None:
        return labels
    end = start + n
    if "title" in labels and "title" not in labels[start:end]:
        return labels  # the CRF found a title elsewhere: the link is a container or a site
    lo, hi = start, end
    while lo > 0 and labels[lo - 1] == "title":
        lo -= 1
    while hi < len(labels) and labels[hi] == "title":
        hi += 1
    if any(lab == "title" for lab in labels[:lo] + labels[hi:]):
        return labels  # another title apart from the link's
    labels = list(labels)
    labels[start:end] = ["title"] * n
    labels[end:hi] = ["note"] * (hi - end)
    if tokens[start - 1].endswith(":") and all(
        lab in ("title", "author") for lab in labels[:start]
    ):
        labels[:start] = ["author"] * start
    return labels


def _title_spill_into_location(tokens: list[str], labels: list[str]) -> None:
    """A location run right after the title that starts with the title's tail
    (``Culture. New York:``, ``Politics (Toronto:``) gives that tail back to the title."""
    for start in range(1, len(labels)):
        if labels[start] != "location" or labels[start - 1] != "title":
            continue
        end = start
        while end < len(labels) and labels[end] == "location":
            end += 1
        cut = start
        for k in range(start, end - 1):
            core = tokens[k].rstrip(".").strip("()")
            if tokens[k].endswith(".") and len(core) > 2 and core.isalpha():
                cut = k + 1
        for k in range(cut + 1, end):
            if tokens[k].startswith("("):
                cut = k
        labels[start:cut] = ["title"] * (cut - start)


def _author_run_into_title(tokens: list[str], labels: list[str]) -> None:
    """A leading 'author' run that ends with no punctuation straight into a title is title."""
    if not labels or labels[0] != "author":
        return
    end = next((k for k, lab in enumerate(labels) if lab != "author"), len(labels))
    if end == len(labels) or labels[end] != "title" or "date" in labels:
        return
    last = tokens[end - 1]
    if (
        last[-1:].isalpha()
        and tokens[end][:1].isupper()
        and not is_organisation(" ".join(tokens[:end]))
    ):
        labels[:end] = ["title"] * end


def repair_item(item: dict[str, Any], text: str = "") -> dict[str, Any]:
    """Field-level repairs of a built CSL item from reference ``text`` (same dict, changed)."""
    place, publisher = item.get("publisher-place"), item.get("publisher")
    if (
        place
        and publisher
        and place.isupper()
        and " " not in place
        and len(place) <= 6
        and f"{place} {publisher}" in text
    ):  # "UN OHCHR" is one publisher, not a place
        item["publisher"] = f"{place} {publisher}"
        del item["publisher-place"]
    place = item.get("publisher-place")
    if place and "," in place and "publisher" not in item:
        parts = place.split(",")  # "FATF, Paris, France": the longest tail that is a place
        cut = next(
            (k for k in range(1, len(parts)) if is_place(",".join(parts[k:]))), len(parts) - 1
        )
        head, tail = ",".join(parts[:cut]).strip(), ",".join(parts[cut:]).strip()
        if head and is_organisation(head) and tail[:1].isupper():
            item["publisher"], item["publisher-place"] = head, tail
    cont = item.get("container-title")
    if (
        cont
        and item.get("type") == "article-journal"
        and not item.get("volume")
        and not item.get("issue")
        and not item.get("page")
        and "publisher" not in item
        and is_organisation(cont)
        and _ORG_HEAD.search(cont)
    ):
        item["publisher"] = item.pop("container-title")
        item["type"] = "report"
    _author_named_as_publisher(item)
    _name_after_title(item)
    _publisher_not_container(item)
    _split_publisher_place(item)
    _publication_in_brackets(item, text)
    _place_named_as_publisher(item)
    _date_and_place_around_container(item)
    _series_not_journal(item)
    _volume_closing_journal(item)
    _series_leading_publisher(item)
    _dated_piece_in_outlet(item)
    return item


_FIRM_AFTER_NAME = re.compile(
    r"\s*(?:&|and\b|sons\b|ltd|inc\b|co\b|publish|verlag|books?\b)", re.I
)  # "John Wiley & Sons": a person's firm


def _author_named_as_publisher(item: dict[str, Any]) -> None:
    """``Gallup Pakistan (2017). ... Islamabad: Gallup Pakistan.``: a lone author read as a
    person whose name, in the order written, also opens the publisher is a body publishing
    its own work; a firm bearing a person's name (``John Wiley & Sons``) is not."""
    authors = item.get("author") or []
    pub = item.get("publisher") or ""
    if len(authors) != 1 or "family" not in authors[0] or not authors[0].get("given"):
        return
    name = f"{authors[0]['given']} {authors[0]['family']}"
    if pub == name or (pub.startswith(name + " ") and not _FIRM_AFTER_NAME.match(pub[len(name) :])):
        authors[0] = {"literal": name}


def _dated_piece_in_outlet(item: dict[str, Any]) -> None:
    """``‘Title’, National Herald India, 27 April 2017``: a 'publisher' with a day-precise
    date (or a month's, when it is named as news: ``Herald, December 2013``) and nothing of
    a book (no place, volume, pages, series or editor) is the outlet the piece appeared in,
    a container."""
    day = len((item.get("issued") or {}).get("date-parts", [[]])[0]) == 3
    day = day or (
        item.get("type") == "article-newspaper"
        and len((item.get("issued") or {}).get("date-parts", [[]])[0]) == 2
    )
    if (
        not day
        or not item.get("publisher")
        or item.get("container-title")
        or _SERIES.search(item["publisher"])
        or any(
            item.get(k) for k in ("publisher-place", "volume", "issue", "page", "genre", "editor")
        )
    ):
        return
    item["container-title"] = item.pop("publisher")
    item["type"] = "article-newspaper"


_SERIES_END = re.compile(r"\b(?:report|paper|note|brief|series)s?$", re.I)
# a singular series word and its number: "SDPI Policy Brief 52", "Working Paper No. 7"
_SERIES_NUMBER = re.compile(
    r"^(?P<series>.*\b(?:report|paper|note|brief|briefing))"
    r"(?:,?\s+(?:no\.?|number)?\s*"
    r"(?P<number>(?!(?:1[5-9]|20)\d\d$)\d[\w/.-]*))?$",
    re.I,
)


def _series_not_journal(item: dict[str, Any]) -> None:
    """``Crisis Group Asia Report No 265`` read as a journal and its issue: a 'journal' whose
    name ends in Report, Paper, Note, Brief or Series, with no volume or page range, is the
    report series (CSL ``genre``) of a report. So is a container named by a singular series
    word and a bare number (``Migration Policy Brief 7``, ``SDPI Policy Brief 52``) with no
    issue, pages or editor: journals are not named "... Brief" and numbered alone."""
    cont = item.get("container-title") or ""
    page = item.get("page") or ""
    if item.get("genre") or item.get("editor"):
        return
    numbered = _SERIES_NUMBER.match(cont)
    if (
        numbered
        and item.get("type") in ("article-journal", "chapter")
        and not page
        and not item.get("issue")
        and bool(numbered["number"]) != bool(re.fullmatch(r"\d+", item.get("volume", "")))
    ):
        item["genre"] = numbered["series"].strip(" ,.")
        del item["container-title"]
        if numbered["number"]:
            item["volume"] = numbered["number"].rstrip(".")
        item["type"] = "report"
        return
    if (
        item.get("type") != "article-journal"
        or not _SERIES_END.search(cont)
        or item.get("volume")
        or (page and not page.isdigit())
    ):
        return
    item["genre"] = item.pop("container-title")
    item["type"] = "report"


_JOURNAL_AND_VOLUME = re.compile(r"^(?P<name>.*[A-Za-z])\s+(?P<vol>(?!(?:1[5-9]|20)\d\d$)\d{1,4})$")


def _volume_closing_journal(item: dict[str, Any]) -> None:
    """``... Academic Journal 20.`` (Chicago, no comma): a journal-like container ending in a
    bare number, with no volume found, has the number as its volume."""
    m = _JOURNAL_AND_VOLUME.match(item.get("container-title") or "")
    if (
        not m
        or item.get("volume")
        or item.get("genre")
        or item.get("editor")
        or not re.search(r"\b(?:journal|review|quarterly|studies|bulletin)\b", m["name"], re.I)
    ):
        return
    item["container-title"], item["volume"] = m["name"], m["vol"]
    item["type"] = "article-journal"


_SERIES_HEAD = re.compile(
    r"^(?P<series>[A-Z][\w ]{0,40}?\b(?:paper|report|brief|note))"
    r"\s*(?:no\.?)?\s*\.?\s*(?P<num>\d[\w/.-]*?)\s*[:,]\s+"
    r"(?P<pub>[A-Z].+)$",
    re.I,
)


def _series_leading_publisher(item: dict[str, Any]) -> None:
    """``Working Paper.158: Sustainable Development Policy Institute`` read as one
    publisher: the series and its number lead it (CSL ``genre`` and ``number``)."""
    m = _SERIES_HEAD.match(item.get("publisher") or "")
    if not m or item.get("genre") or item.get("number"):
        return
    item["genre"], item["number"], item["publisher"] = m["series"].strip(), m["num"], m["pub"]
    item["type"] = "report"


_IN_BRACKETS = re.compile(
    r"(?P<genre>[A-Z][\w ]{2,40}?)?\s*\((?P<place>[^(),:;]+)[,:]\s*"
    r"(?P<pub>[^(),;:]+?),\s*(?:1[5-9]|20)\d\d\)"
)


def _publication_in_brackets(item: dict[str, Any], text: str) -> None:
    """``Briefing Paper (London, Drug Policy Consortium, 2012)``, the notes style of
    ``(Place: Publisher, Year)``: with no publisher found, the brackets give place and
    publisher, and a report-like phrase before them the genre."""
    if item.get("publisher"):
        return
    m = _IN_BRACKETS.search(text)
    if not m or not is_place(m["place"].strip()):
        return
    item["publisher"] = m["pub"].strip()
    item.setdefault("publisher-place", m["place"].strip())
    genre = (m["genre"] or "").strip()
    if genre and REPORT_WORDS.search(genre) and "genre" not in item:
        item["genre"] = genre
    if item.get("type") in ("document", "book") and item.get("genre"):
        item["type"] = "report"


def _place_named_as_publisher(item: dict[str, Any]) -> None:
    """A 'publisher' that names only places (``Islamabad, Pakistan``) is the place; one that
    ends in a place after a semicolon (``Crisis Group; Brussels``) is split there."""
    pub = item.get("publisher")
    if not pub:
        return
    head, sep, tail = pub.rpartition(";")
    if sep and head.strip() and is_place(tail.strip()) and "publisher-place" not in item:
        item["publisher"], item["publisher-place"] = head.strip(" ;"), tail.strip()
        return
    if not is_place(pub, towns=org_authored(item) and "publisher-place" not in item):
        _place_inside_publisher(item)
        return  # a body's own report names a town alone: "Statistisches Bundesamt. Wiesbaden."
    place = item.get("publisher-place")
    if place and not is_place(place):
        return
    item["publisher-place"] = f"{place}, {pub}" if place and pub not in place else place or pub
    del item["publisher"]


def _place_inside_publisher(item: dict[str, Any]) -> None:
    """``Santiago de Chile, Naciones Unidas`` or ``Main results, Luxembourg, Publications
    Office of the EU`` read as one publisher, with no place: the comma-separated part that is
    a place becomes the place, the parts after it the publisher, and parts before it that
    name no body the end of the title."""
    pub = item["publisher"]
    if "publisher-place" in item or "," not in pub:
        return
    parts = [p.strip() for p in pub.split(",")]
    for k, part in enumerate(parts[:-1]):
        if not part or not is_place(part, towns=True):
            continue
        stop = k + 1
        while stop < len(parts) - 1 and is_place(",".join(parts[k : stop + 1])):
            stop += 1  # "Geneva, Switzerland, ILO"
        rest, head = ", ".join(parts[stop:]), ", ".join(parts[:k])
        if not (is_organisation(rest) or _PUBLISHERISH.search(rest)):
            return
        if head and (is_organisation(head) or _PUBLISHERISH.search(head) or not item.get("title")):
            return
        if head:
            item["title"] = f"{item['title'].rstrip(' .')}. {head}"
        item["publisher-place"], item["publisher"] = ", ".join(parts[k:stop]), rest
        return


_LEADING_DATE = re.compile(r"^(?:\d{1,2}\s+\w+\s+)?(?:1[5-9]|20)\d\d\s*:\s*")


def _date_and_place_around_container(item: dict[str, Any]) -> None:
    """``2021: Daily Times, Pakistan`` read as a container: the year (the end of a date the
    parser already has) goes, and a closing place becomes the place."""
    cont = item.get("container-title")
    if not cont:
        return
    if (
        is_place(cont)
        and "publisher-place" not in item
        and not any(item.get(k) for k in ("volume", "issue", "page", "editor"))
    ):
        item["publisher-place"] = item.pop("container-title")  # "Title. Canberra."
        if item.get("type") in ("article-journal", "chapter", "article-newspaper"):
            item["type"] = "report" if org_authored(item) or item.get("genre") else "book"
        return
    m = _LEADING_DATE.match(cont)
    if m and item.get("issued") and cont[m.end() :].strip():
        cont = cont[m.end() :].strip()
    head, sep, tail = cont.rpartition(",")
    if (
        sep
        and head.strip()
        and "publisher-place" not in item
        and is_place(tail.strip())
        and not is_place(head.strip())
    ):
        cont = head.strip()
        item["publisher-place"] = tail.strip()
    item["container-title"] = cont


_SMALL = frozenset(
    {
        "of",
        "and",
        "for",
        "the",
        "in",
        "on",
        "&",
        "de",
        "du",
        "des",
        "la",
        "le",
        "et",
        "y",
        "del",
        "für",
        "und",
        "der",
    }
)


def _name_after_title(item: dict[str, Any]) -> None:
    """``Title words. Some Body.`` read as one title: a last sentence of at most four
    capitalised words, with no publisher or container found, names the publisher (or the
    journal, when it says so) rather than continuing the title."""
    title = item.get("title") or ""
    if item.get("publisher") or item.get("container-title") or ". " not in title:
        return
    head, _, tail = title.rpartition(". ")
    words = tail.rstrip(".").split()
    if (
        not 1 <= len(words) <= 4
        or len(head.split()) < 3
        or not words[0][:1].isupper()
        or any(not w[:1].isupper() and w.lower() not in _SMALL for w in words)
        or any(ch.isdigit() for ch in tail)
    ):
        return
    item["title"] = head.strip()
    key = "container-title" if _NOT_PUBLISHER.search(tail) else "publisher"
    item[key] = tail.strip(" .")


def _publisher_not_container(item: dict[str, Any]) -> None:
    """A 'container' that names a press or an organisation (a body's name with no number in
    it: ``The Advocates for Human Rights``) is the publisher.

    Only with no volume, issue or page range (a page count such as ``112 p.`` is allowed)
    and no journal/proceedings/news word: ``Title. Westmoor Water Board.``,
    ``Place: Some University Press``.
    """
    cont = item.get("container-title")
    page = item.get("page") or ""
    if (
        not cont
        or item.get("volume")
        or item.get("issue")
        or (page and not page.isdigit())
        or item.get("editor")
        or _NOT_PUBLISHER.search(cont)
        or not (
            _PUBLISHERISH.search(cont)
            or (is_organisation(cont) and names_a_body(cont) and not re.search(r"\d", cont))
        )
    ):
        return
    place, sep, name = cont.partition(": ")
    if sep and _place_like(place) and "publisher-place" not in item:
        item["publisher-place"], cont = place, name
    del item["container-title"]
    if "publisher" not in item:
        item["publisher"] = cont
    if item.get("type") in ("article-journal", "chapter", "paper-conference"):
        item["type"] = "report" if org_authored(item) or item.get("genre") else "book"


def _place_like(text: str) -> bool:
    """Whether ``text`` reads as a place (``Upper Saddle River, N.J.``, ``Geneva``)."""
    parts = [p.strip() for p in text.split(",")]
    if not parts or len(parts) > 3:
        return False
    for part in parts:
        words = part.split()
        if (
            not 1 <= len(words) <= 4
            or _PUBLISHERISH.search(part)
            or any(ch.isdigit() for ch in part)
        ):
            return False
        if any(not w[:1].isupper() and w.lower() not in _PLACE_LOWER for w in words):
            return False
    return True


def _split_publisher_place(item: dict[str, Any]) -> None:
    """``Wiley, New York`` / ``Org, Place, Country`` read as one publisher: split off the
    place; so is a leading known place before a colon (``Islamabad: Sahil``)."""
    pub = item.get("publisher")
    if not pub or "publisher-place" in item:
        return
    place, sep, name = pub.partition(": ")
    if sep and name.strip() and is_place(place.strip(), towns=True):
        item["publisher-place"], item["publisher"] = place.strip(), name.strip()
        return
    if "," not in pub:
        return
    parts = pub.split(",")
    for k in range(1, len(parts)):
        head, tail = ",".join(parts[:k]).strip(), ",".join(parts[k:]).strip()
        if head and _place_like(tail) and not _place_like(head):
            item["publisher"], item["publisher-place"] = head, tail
            return


def looks_like_reference(raw: str) -> float:
    """How much ``raw`` reads like a bibliographic reference, from 0 (prose note) to 1.

    Evidence for: a year, a URL/DOI, a quoted or italic title, bibliographic cue words,
    a high share of capitalised words. Evidence against: length, and a high share of
    prose function words (is, was, the, this, ...).
    """
    words = raw.split()
    if not words:
        return 0.0
    score = 0.35
    score += 0.25 if _YEARISH.search(raw) else 0.0
    score += 0.3 if _LINK.search(raw) else 0.0
    score += 0.2 if _QUOTED.search(raw) else 0.0
    score += 0.15 if _CUE.search(raw) else 0.0
    n_alpha = n_caps = n_func = 0
    for w in words:
        if w[0].isalpha():
            n_alpha += 1
            n_caps += w[0].isupper()
            n_func += w.lower().rstrip(".,;:)") in _FUNCTION
    caps = n_caps / max(n_alpha, 1)
    func = n_func / len(words)
    score += 0.4 * (caps - 0.3) - 1.2 * max(0.0, func - 0.08)
    if len(words) > 30 and not _YEARISH.search(raw):
        score -= 0.01 * (len(words) - 30)
    return round(min(1.0, max(0.0, score)), 3)

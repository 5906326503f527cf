"""Bibliography formats: a registry from a name or a file suffix to a reader and a writer.

Readers take ``(text, path)`` and return ``(works, problems)``; writers take a sequence of
works and return text. Database search exports (Web of Science, Scopus, PubMed, OpenAlex,
EndNote XML, the CSV exports of other databases and tools, spreadsheets) and library files
(Word's list of sources, MODS, MARCXML) are read only. A suffix several formats use (``.txt``,
``.json``, ``.csv``, ``.tsv``, ``.xml``) is told apart by the file's first lines
(:func:`detect`); a spreadsheet (``.xlsx``, ``.xls``) is read as the CSV its first sheet
would be. Format modules are imported only when used.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from litreview.core.bulk import bulk
from litreview.core.errors import InputError, Problem
from litreview.core.model import Work
from litreview.core.tables import wrapped_lines

__all__ = [
    "FORMATS",
    "WRITABLE",
    "Format",
    "Reader",
    "Writer",
    "canonical",
    "detect",
    "format_for",
    "read_file",
    "reader_for",
    "validate_file",
    "writer_for",
]

Reader = Callable[[str, str], tuple[list[Work], list[Problem]]]
Writer = Callable[[Sequence[Work]], str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    """A bibliography format: its name, file suffixes and where its functions live."""

    name: str
    suffixes: tuple[str, ...]
    module: str
    reader: str
    writer: str = ""  # "" for a format litreview reads only
    writer_options: tuple[tuple[str, Any], ...] = ()
    description: str = ""
    bytes_reader: str = ""
    binary: bool = False  # the reader reads the file's bytes, never its text

    def read(self) -> Reader:
        """The reader function."""
        return getattr(_module(self.module), self.reader)

    def write(self) -> Writer:
        """The writer function (with this format's options bound)."""
        fn = getattr(_module(self.module), self.writer)
        return partial(fn, **dict(self.writer_options)) if self.writer_options else fn


def _module(name: str) -> Any:
    return importlib.import_module(f"litreview.formats.{name}")


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            name="bibtex",
            suffixes=(".bib", ".bibtex"),
            module="bibtex",
            reader="read_bibtex",
            writer="export_bibtex",
            description="BibTeX",
            bytes_reader="read_bibtex_bytes",
        ),
        Format(
            name="biblatex",
            suffixes=(),
            module="bibtex",
            reader="read_bibtex",
            writer="export_biblatex",
            description="BibLaTeX",
            bytes_reader="read_bibtex_bytes",
        ),
        Format(
            name="ris",
            suffixes=(".ris",),
            module="ris",
            reader="read_ris",
            writer="write_ris",
            description="RIS (EndNote, Zotero)",
        ),
        Format(
            name="csljson",
            suffixes=(".json", ".csljson"),
            module="csljson",
            reader="read_csljson",
            writer="write_csljson",
            description="CSL-JSON (Zotero, pandoc)",
        ),
        Format(
            name="cslyaml",
            suffixes=(".yaml", ".yml"),
            module="cslyaml",
            reader="read_cslyaml",
            writer="write_cslyaml",
            description="CSL YAML (pandoc's references: list)",
        ),
        Format(
            name="crossref",
            suffixes=(),
            module="crossref",
            reader="read_crossref",
            description="Crossref REST API responses of works (read only)",
        ),
        Format(
            name="spreadsheet",
            suffixes=(".xlsx", ".xls"),
            module="spreadsheet",
            reader="read_spreadsheet",
            description="a spreadsheet's first sheet, read as the CSV exports are (read only)",
            binary=True,
        ),
        Format(
            name="csv",
            suffixes=(".csv", ".tsv"),
            module="tabular",
            reader="read_csv",
            writer="write_csv",
            description="flat CSV, one row per work",
        ),
        Format(
            name="wos",
            suffixes=(".isi", ".ciw"),
            module="wos",
            reader="read_wos",
            description="Web of Science plain text or tab-delimited (read only)",
        ),
        Format(
            name="scopus",
            suffixes=(),
            module="scopus",
            reader="read_scopus",
            description="Scopus CSV (read only)",
        ),
        Format(
            name="search-csv",
            suffixes=(),
            module="search_csv",
            reader="read_search_csv",
            description=(
                "CSV exports of IEEE Xplore, Springer Link, PubMed, Embase, Lens.org,"
                " Dimensions, Publish or Perish (read only)"
            ),
        ),
        Format(
            name="search-json",
            suffixes=(),
            module="search_csv",
            reader="read_search_json",
            description="JSON exports of Publish or Perish (read only)",
        ),
        Format(
            name="medline",
            suffixes=(".nbib", ".medline"),
            module="medline",
            reader="read_medline",
            description="PubMed MEDLINE (read only)",
        ),
        Format(
            name="openalex",
            suffixes=(".jsonl",),
            module="openalex",
            reader="read_openalex",
            description="OpenAlex works, JSON or JSON Lines (read only)",
        ),
        Format(
            name="endnote",
            suffixes=(".xml",),
            module="endnote",
            reader="read_endnote",
            description="EndNote XML (read only)",
        ),
        Format(
            name="word-xml",
            suffixes=(),
            module="word_xml",
            reader="read_word_xml",
            description="Word's list of sources, Sources.xml (JabRef: MS Office 2007; read only)",
        ),
        Format(
            name="mods",
            suffixes=(".mods",),
            module="mods",
            reader="read_mods",
            description="MODS XML, mods or modsCollection (library catalogues, Zotero; read only)",
        ),
        Format(
            name="hayagriva",
            suffixes=(),
            module="hayagriva",
            reader="read_hayagriva",
            description="Hayagriva YAML, Typst's bibliography (a .yml or .yaml file; read only)",
        ),
        Format(
            name="cff",
            suffixes=(".cff",),
            module="cff",
            reader="read_cff",
            description="Citation File Format, CITATION.cff (read only)",
        ),
        Format(
            name="zotero-rdf",
            suffixes=(".rdf",),
            module="zotero_rdf",
            reader="read_zotero_rdf",
            description="Zotero RDF: items with notes, attachments and collections (read only)",
        ),
        Format(
            name="marcxml",
            suffixes=(".marcxml",),
            module="marcxml",
            reader="read_marcxml",
            description="MARCXML, MARC 21 records in XML (library catalogues, SRU; read only)",
        ),
        Format(
            name="pubmed-xml",
            suffixes=(),
            module="pubmed_xml",
            reader="read_pubmed_xml",
            description="PubMed XML, PubmedArticleSet (E-utilities efetch; read only)",
        ),
        Format(
            name="ovid",
            suffixes=(".ovd", ".cgi"),
            module="ovid",
            reader="read_ovid",
            description="Ovid tagged text (Embase, Ovid MEDLINE, PsycINFO; read only)",
        ),
        Format(
            name="proquest",
            suffixes=(),
            module="proquest",
            reader="read_proquest",
            description="ProQuest text export, 'Document 1 of N' (a .txt file; read only)",
        ),
        Format(
            name="refworks",
            suffixes=(),
            module="refworks",
            reader="read_refworks",
            description="RefWorks tagged, RT lines (ProQuest, EBSCOhost, CNKI; .txt; read only)",
        ),
        Format(
            name="enw",
            suffixes=(".enw", ".enl"),
            module="refer",
            reader="read_refer",
            description="EndNote tagged, %T lines (Google Scholar, HAL; read only)",
        ),
    )
}
# Writable formats (export), in the order above.
WRITABLE = tuple(name for name, f in FORMATS.items() if f.writer)
# Suffixes several formats write: the first lines of the file decide.
_SNIFFED = frozenset(
    {
        *(".txt", ".json", ".csv", ".tsv", ".xml", ".ris", ".nbib", ".isi", ".enw", ".ovd"),
        *(".cgi", ".yml", ".yaml"),
    }
)
_ALIASES = {
    "bib": "bibtex",
    "json": "csljson",
    "csl-json": "csljson",
    "csl": "csljson",
    "csl-yaml": "cslyaml",
    "yaml": "cslyaml",
    "xlsx": "spreadsheet",
    "xls": "spreadsheet",
    "rdf": "zotero-rdf",
    "zotero": "zotero-rdf",
    "typst": "hayagriva",
    "citation-file-format": "cff",
    "rwt": "refworks",
}


def canonical(name: str) -> str:
    """A format's own name for ``name`` or one of its other names (``CSL-JSON`` ->
    ``csljson``, ``bib`` -> ``bibtex``); other names come back lower-cased."""
    return _ALIASES.get(name.lower(), name.lower())


def format_for(name_or_path: str | os.PathLike[str]) -> Format:
    """The format named ``name_or_path`` (``"ris"``) or of that file's suffix (``x.ris``)."""
    text = str(name_or_path)
    name = canonical(text)
    if name in FORMATS:
        return FORMATS[name]
    suffix = Path(text).suffix.lower()
    for fmt in FORMATS.values():
        if suffix and suffix in fmt.suffixes:
            return fmt
    if suffix == ".txt":  # told apart by its first lines in read_file
        return FORMATS["ris"]
    known = ", ".join(f"{f.name} ({' '.join(f.suffixes) or 'by name'})" for f in FORMATS.values())
    raise InputError(
        f"unknown format {suffix or text!r}; known: {known}", path=text if suffix else ""
    )


def reader_for(name_or_path: str | os.PathLike[str]) -> Reader:
    """The reader of a format name or a file's suffix; unknown -> :class:`InputError`."""
    return format_for(name_or_path).read()


def writer_for(name: str) -> Writer:
    """The writer of a format name; unknown or read-only -> :class:`InputError`."""
    if canonical(name) not in WRITABLE:
        raise InputError(f"cannot write format {name!r}; formats written: {', '.join(WRITABLE)}")
    return format_for(name).write()


def detect(text: str, suffix: str) -> str:
    """The format of a file from its first lines, for a suffix several formats use; ``""``
    when they do not tell."""
    from litreview.formats.cff import is_cff
    from litreview.formats.crossref import is_crossref
    from litreview.formats.endnote import is_endnote_xml
    from litreview.formats.hayagriva import is_hayagriva
    from litreview.formats.marcxml import is_marcxml
    from litreview.formats.medline import is_medline
    from litreview.formats.mods import is_mods
    from litreview.formats.openalex import is_openalex
    from litreview.formats.ovid import is_ovid
    from litreview.formats.proquest import is_proquest
    from litreview.formats.pubmed_xml import is_pubmed_xml
    from litreview.formats.refer import is_refer
    from litreview.formats.refworks import is_refworks
    from litreview.formats.scopus import is_scopus_csv
    from litreview.formats.search_csv import is_search_csv, is_search_json, is_titled_table
    from litreview.formats.word_xml import is_word_xml
    from litreview.formats.wos import is_wos_plain, is_wos_tab
    from litreview.formats.zotero_rdf import is_zotero_rdf

    head = text[:20000]
    checks = (
        ("wos", is_wos_plain),
        ("wos", is_wos_tab),
        ("medline", is_medline),
        ("ovid", is_ovid),
        ("proquest", is_proquest),
        ("openalex", is_openalex),
        ("crossref", is_crossref),
        ("marcxml", is_marcxml),
        ("endnote", is_endnote_xml),
        ("pubmed-xml", is_pubmed_xml),
        ("word-xml", is_word_xml),
        ("mods", is_mods),
        ("zotero-rdf", is_zotero_rdf),
        ("cff", is_cff),
        ("hayagriva", is_hayagriva),
        ("enw", is_refer),
        ("refworks", is_refworks),
        ("search-json", is_search_json),
        # before Scopus, whose test (a "Source title" and an "Authors" column) a Dimensions
        # header passes too; no export of the table has a Scopus header's columns
        ("search-csv", is_search_csv),
        ("scopus", is_scopus_csv),
    )
    found = next((name for name, test in checks if test(head)), "")
    if not found and suffix in _TABLES and is_titled_table(head):
        # any other table with a title column, read by the same reader: only in a file
        # named a table (a text document's first line may name a "Title" too)
        found = "search-csv"
    if found or suffix not in (".txt",):
        return found
    if "\nTY  - " in "\n" + head.lstrip("\ufeff\n"):
        return "ris"
    # a BibTeX file saved as text (Google Scholar's "BibTeX" copied into a .txt, Mendeley's
    # export as library.txt): an entry opens a line near the start, after a few lines of
    # comments or a tool's header at most
    return "bibtex" if _BIBTEX_START.search(head.lstrip("\ufeff")[:2000]) else ""


_BIBTEX_START = re.compile(r"^[ \t]*@[A-Za-z]+[ \t]*[{(][^,{}()\s]*,", re.MULTILINE)


@bulk
def read_file(
    path: str | os.PathLike[str], fmt: str | None = None
) -> tuple[list[Work], list[Problem]]:
    """Works and problems of a bibliography file, its format named or taken from its suffix.

    A missing file, a folder or an empty file is an :class:`InputError`. A file that is not
    UTF-8 is an :class:`InputError` too, except for formats whose reader can skip the entries
    holding a bad byte (BibTeX) and read the rest.
    """
    from litreview.core.files import (
        WINDOWS_1252_READ,
        decode_utf8,
        read_bytes,
        utf16_as_utf8,
        windows_1252_whole,
    )

    p = Path(path)
    form = format_for(fmt or p)
    data = read_bytes(p)
    if not data or data.isspace():  # (not data.strip(): a copy of the whole file)
        raise InputError("empty file: nothing to read", path=str(p))
    if form.name == "enw" and p.suffix.lower() == ".enl" and not _tagged(data):
        raise InputError(
            "an EndNote library (.enl) is EndNote's own database, not an export",
            path=str(p),
            hint="in EndNote, export the references as RIS or as XML, and import that",
        )
    if form.binary:
        return _bounded(form.read()(data, str(p)), str(p))  # type: ignore[arg-type]
    if form.bytes_reader:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            fn = getattr(_module(form.module), form.bytes_reader)
            return _bounded(fn(data, str(p)), str(p))
    said: list[Problem] = []
    try:
        text = decode_utf8(utf16_as_utf8(data), str(p))
    except InputError:
        declared = _xml_declared(data) if p.suffix.lower() in _XML else None
        if declared is not None:  # an XML file in the encoding its declaration names
            text = declared
        else:
            table = p.suffix.lower() in _TABLES
            ansi = _windows_1252(data) if table else windows_1252_whole(data)
            if ansi is None:
                raise
            text = ansi
            message = _ANSI if table else WINDOWS_1252_READ
            said.append(Problem(path=str(p), line=1, severity="warning", message=message))
    del data  # a search export of hundreds of megabytes: not held twice while it is read
    if p.suffix.lower() in _TABLES and wrapped_lines(text):
        raise InputError(
            "each line of this table is one cell of a ';'-separated table, its quotes"
            " changed: a comma-separated file opened and saved again by a spreadsheet",
            path=str(p),
            line=1,
            hint="export it again from its source, or open it with ',' as the separator",
        )
    if fmt is None and p.suffix.lower() in _SNIFFED:
        form = FORMATS.get(detect(text, p.suffix.lower()), form)
    works, problems = _bounded(form.read()(text, str(p)), str(p))
    return works, said + problems


# A table a spreadsheet saved as "CSV" on Windows is in its ANSI code page, Windows-1252 in
# western locales: read so when it is not UTF-8 but is that, and said.
_TABLES = frozenset({".csv", ".tsv"})
_ANSI = (
    "not UTF-8: read as Windows-1252, as a spreadsheet saves CSV on Windows (if accented"
    " letters look wrong, save the table as 'CSV UTF-8' and import it again)"
)


# Files XML readers read: one that is not UTF-8 may be in the encoding its declaration names
# (``<?xml version="1.0" encoding="ISO-8859-1"?>``, as catalogues' MODS exports are).
_XML = frozenset({".xml", ".mods", ".nxml", ".marcxml", ".rdf"})
_DECLARED = re.compile(rb"\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z][\w.:-]{0,40})[\"']")


def _xml_declared(data: bytes) -> str | None:
    """``data`` decoded in the encoding its XML declaration names, or ``None`` (no
    declaration, an encoding Python does not know, or bytes that are not of it)."""
    m = _DECLARED.match(data[:300])
    if not m:
        return None
    try:
        text = data.decode(m.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    return None if "\x00" in text else text


def _windows_1252(data: bytes) -> str | None:
    """``data`` as Windows-1252 text, or ``None`` when a byte is not one of its characters
    (five bytes are not) or the text holds a NUL."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def _tagged(data: bytes) -> bool:
    """Whether ``data`` opens as EndNote tagged text (``%0 Journal Article``), as some
    tools name their ``.enl`` exports, rather than an EndNote library's binary."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"%"


def _bounded(read: tuple[list[Work], list[Problem]], path: str) -> tuple[list[Work], list[Problem]]:
    """``read``, unless it holds more than :data:`MAX_FILE_ENTRIES` entries (9 MB of empty
    CSL-JSON items are 3 million, whose import took 2.5 GB): then a one-line InputError."""
    from litreview.core.limits import MAX_FILE_ENTRIES

    if len(read[0]) > MAX_FILE_ENTRIES:
        raise InputError(
            f"{len(read[0]):,} entries, more than {MAX_FILE_ENTRIES:,} in one file",
            path=path,
            hint="split the file",
        )
    return read


def validate_file(
    path: str | os.PathLike[str], fmt: str | None = None
) -> tuple[list[Work], list[Problem]]:
    """Like :func:`read_file`, with the checks a format has beyond reading (BibTeX: years,
    months, DOIs, entry types and required fields that are wrong or missing)."""
    works, problems = read_file(path, fmt)
    form = format_for(fmt or path)
    if form.module == "bibtex" and works:
        from litreview.core.files import read_text
        from litreview.formats._bibtex_checks import check_works

        try:
            text = read_text(Path(path))
        except InputError:  # not UTF-8: the entries read were checked by reading
            return works, problems
        problems = sorted(problems + check_works(works, text, str(path)), key=lambda p: p.line or 0)
    return works, problems

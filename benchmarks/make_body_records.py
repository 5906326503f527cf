"""Records of reports, briefs and web pages issued by bodies, for the reference parser's
renderings (``refparse_synth.py --bodies``; ``refparse_data/BODY_RECORDS.md``).

    python3 benchmarks/make_body_records.py --crs <crs-reports git dir> \
        --gao <gao-reports-reader git dir> --out benchmarks/refparse_data/body_records.jsonl

Sources (US government works, public domain, 17 U.S.C. § 105; bibliographic facts):

- ``ProfAmiot/crs-reports``: the CRS products' own metadata (``crs-database-csv-records/*.csv``
  and the front matter of ``markdown/**/*.md``: number, title, date, authors, URL), and
  in the products' notes the CRS products they cite (``CRS Report R44780, Title, by
  Author``), GAO reports (``U.S. Government Accountability Office, Title, GAO-20-518, July
  2020, URL``) and bodies' documents and web pages cited ``Body, "Title," Date, URL``.
- ``jeremyschlatter-intern/gao-reports-reader``: GAO's catalogue of its reports
  (``data/catalog.json``) and in the reports' notes (``data/markdown/gao-*.md``) the works
  cited ``Body, _Title_, Number (Place: Date)`` (the title is in italics) and web pages
  cited ``“Title,” Body, accessed Date, URL``.

The repositories are read at a commit with ``git show`` (a bare mirror will do). Left out:
every product that is one of the held-out documents (``../shared/benchmarks/documents``,
``benchmarks/documents_styles``, ``benchmarks/documents_extra``), and every record whose
report number or normalised title is in the text of those documents or of their gold
(the same work as one they cite). No body gives more than ``--cap`` records.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HEADS = ROOT / "litreview" / "data" / "lexicon" / "heads.tsv"
HELD_OUT_DIRS = (
    ROOT.parent / "shared" / "benchmarks" / "documents",
    HERE / "documents_styles",
    HERE / "documents_extra",
)

MONTHS = {
    m: i + 1
    for i, ms in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        )
    )
    for m in ms.split()
}
GAO_BODY = "U.S. Government Accountability Office"
CRS_BODY = "Congressional Research Service"
CRS_GENRE = {
    "IF": "CRS In Focus",
    "IN": "CRS Insight",
    "LSB": "CRS Legal Sidebar",
    "R": "CRS Report",
    "RL": "CRS Report",
    "RS": "CRS Report",
}

# A date as notes print it: "Jan. 30, 2025", "July 2023", "September 14, 2021", "2020".
_DATE = re.compile(r"(?:([A-Z][a-z]{2,8})\.? (?:(\d{1,2}), )?)?((?:19|20)\d\d)")
_LINK = re.compile(r"\[([^\]\[]*)\]\(([^()\s]*)\)")
_NUMBER = re.compile(r"[A-Z][A-Za-z]{0,9}(?:[-. ]?[A-Z0-9]{1,8}){0,4}")
_CRS_CITED = re.compile(
    r"CRS (Report|In Focus|Insight|Legal Sidebar) ([A-Z]{1,3}\d{4,5}), ([^|]{8,300}?), by "
    r"([A-Z][^|;:()]{2,200}?)(?<![A-Z])[.;]"
)
_CRS_GAO = re.compile(
    r"(?:U\.S\. )?(?:Government Accountability|General Accounting) Office, ([^|]{8,300}?), "
    r"(GAO[-/][A-Z0-9-]{4,14}), ((?:[A-Z][a-z]{2,8}\.? )?(?:\d{1,2}, )?(?:19|20)\d\d)"
    r"(?:, (https?://[^\s,;|)]+))?"
)
# Body, "Title," rest-of-clause: CRS notes cite bodies' documents and pages this way.
_QUOTED = re.compile(
    r"(?:^|[|:;] |[Ss]ee (?:also )?|Source: )"
    r'([A-Z][^|;:"“”]{1,90}), "([^"|]{6,220}),"([^|;"]{0,220})'
)
# GAO notes: Body, _Title_, Number (Place: Date)
_ITALIC = re.compile(
    r"_([^_\n]{4,400})_\s*,?\s*([^()_\n]{0,40}?)\s*\(([A-Z][^:()\n]{1,40}): ([^()\n]{3,30})\)"
)
_GAO_PAGE = re.compile(
    r"“([^”\n]{5,200}),” ([A-Z][^,“”\n]{2,80}(?:, [A-Z][^,“”\n]{2,80})?), "
    r"accessed ([A-Z][a-z]+ \d{1,2}, \d{4}),?\s*(https?://[^\s)\]]+)?"
)
_URL = re.compile(r"https?://[^\s,;|)\]]+")


def git_show(repo: Path, commit: str, path: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"{commit}:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def git_files(repo: Path, commit: str, under: str) -> list[str]:
    out = subprocess.run(
        ["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", commit, under],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return sorted(out.split("\n")[:-1])


def git_commit(repo: Path, commit: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(repo), "rev-parse", commit],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def norm(text: str) -> str:
    """Letters and digits, lower-cased: how titles and numbers are matched."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def issued(text: str) -> dict | None:
    """CSL date-parts of a printed date (the last date in ``text``), or None."""
    found = list(_DATE.finditer(text))
    if not found:
        return None
    month, day, year = found[-1].groups()
    parts = [int(year)]
    if month and month.lower().rstrip(".") in MONTHS:
        parts.append(MONTHS[month.lower().rstrip(".")])
        if day:
            parts.append(int(day))
    return {"date-parts": [parts]}


def org_words() -> set[str]:
    words = set()
    for line in HEADS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, tag = line.split("\t")[:2]
            if tag == "org":
                words.add(word)
    return words


# The lower-case words a body's name holds ("Office of the Inspector General for ...").
_NAME_WORDS = frozenset(
    ["of", "for", "and", "the", "on", "in", "to", "at", "&", "de", "du", "des", "la", "le", "et"]
)


def is_body(name: str, orgs: set[str]) -> bool:
    """A body's name: a head word of organisations, or an acronym, in a short name with no
    sentence in it."""
    words = name.split()
    if not 1 <= len(words) <= 14 or not name[0].isupper() or re.search(r"\d", name):
        return False
    if any(w[0].islower() and w not in _NAME_WORDS for w in words):
        return False
    return any(w.lower().strip(",.") in orgs for w in words) or any(
        re.fullmatch(r"[A-Z][A-Z&]{1,7}s?,?", w) for w in words
    )


_LEAD_CUT = re.compile(
    r"(?<![A-Z])\.\s|\b_?[Ss]ee_?:?,? (?:also )?(?:the links at )?|\bfrom |\b[Ff]or example,? |"
    r"\be\.g\., |\bSource: |\bData (?:are )?from "
)


def clean_lead(lead: str) -> str:
    """The body's name out of what precedes a title in a note: after the last cue ("see",
    "for example", "from", a sentence's end), without a leading "and"."""
    lead = _LEAD_CUT.split(lead)[-1].strip(" ,;:")
    return re.sub(r"^(?:and also|and|also)\b\s*", "", lead)


def person_authors(text: str) -> list[dict]:
    """``Joseph Dalaker, Julie M. Lawhorn, and Lisa S. Benson`` as CSL names."""
    names = re.split(r",? and |, ", text.strip())
    out = []
    for name in names:
        parts = name.strip().split()
        if len(parts) < 2 or not all(p[0].isupper() for p in parts):
            return []
        out.append({"given": " ".join(parts[:-1]), "family": parts[-1]})
    return out


def crs_genre(number: str) -> str:
    return CRS_GENRE.get(re.match(r"[A-Z]+", number).group(0), "CRS Report")  # type: ignore[union-attr]


def crs_record(number: str, title: str, date: str, authors: list[dict], url: str | None) -> dict:
    rec: dict = {
        "type": "report",
        "title": title.strip(),
        "number": number,
        "genre": crs_genre(number),
        "publisher": CRS_BODY,
        "publisher-place": "Washington, DC",
    }
    if authors:
        rec["author"] = authors
    when = issued(date) if date else None
    if when:
        rec["issued"] = when
    if url:
        rec["URL"] = url
    return rec


def _mdy(date: str) -> str:
    """``04/20/2026`` as ``April 20, 2026`` for :func:`issued`."""
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", date.strip())
    if not m:
        return date
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{names[int(m.group(1)) - 1]} {int(m.group(2))}, {m.group(3)}"


def _crs_people(text: str) -> list[dict]:
    """``Shanton, Karen L.; Clark, Corrie E.`` (the CRS metadata's inverted names)."""
    out = []
    for name in re.split(r";|\|", text):
        family, _, given = name.strip().partition(", ")
        if family:
            out.append({"family": family, "given": given} if given else {"family": family})
    return out


def crs_records(
    repo: Path, commit: str, orgs: set[str], skip: set[str], shapes: bool = False
) -> list[dict]:
    """The CRS records; ``shapes``: also the notes' quoted pages and reports with a cue, a
    release or a number before their URL (:func:`_quoted`)."""
    out = []
    for path in git_files(repo, commit, "crs-database-csv-records"):
        text = git_show(repo, commit, path).lstrip("\ufeff")
        # Some exports open with a "Downloaded on" line, one has no header: the columns
        # are always number, title, URL, date, authors, topics.
        for row in csv.reader(io.StringIO(text)):
            if len(row) < 5 or not re.fullmatch(r"[A-Z]{1,3}\d{4,5}", row[0].strip()):
                continue
            number = row[0].strip()
            if number in skip:
                continue
            out.append(crs_record(number, row[1], _mdy(row[3]), _crs_people(row[4]), row[2]))
    for path in git_files(repo, commit, "markdown"):
        number = re.match(r"[A-Z]+\d+", Path(path).name)
        if number is None or number.group(0) in skip:
            continue
        text = git_show(repo, commit, path)
        front = dict(re.findall(r"^\*\*([^*]+):\*\* (.*)$", text[:2000], flags=re.M))
        title = re.search(r"^# (.+)$", text, flags=re.M)
        if title and front.get("Report No."):
            url = front.get("Source", "").split("?")[0] or None
            out.append(
                crs_record(
                    front["Report No."].strip(),
                    title.group(1),
                    _mdy(front.get("Publication Date", "")),
                    _crs_people(front.get("Author(s)", "")),
                    url,
                )
            )
        flat = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
        for m in _CRS_CITED.finditer(flat):
            out.append(crs_record(m.group(2), m.group(3), "", person_authors(m.group(4)), None))
            out[-1].pop("issued", None)
        for m in _CRS_GAO.finditer(flat):
            rec = {
                "type": "report",
                "title": m.group(1),
                "number": m.group(2),
                "publisher": GAO_BODY,
                "issued": issued(m.group(3)),
            }
            if m.group(4):
                rec["URL"] = m.group(4).rstrip(".")
            out.append(rec)
        for m in _QUOTED.finditer(flat):
            out.extend(_quoted(m, orgs, shapes))
    return out


# What a CRS note may print between a page's title and its URL besides dates: the cues of
# a date or a link, a release's kind (kept as the genre), a report's number (kept).
_PAGE_CUES = re.compile(r"\b(?:accessed|available at|at|last updated|updated|revised)\b")
_RELEASE = re.compile(r"(?:press|news) release")
_REPORT_NO = re.compile(
    r"(?:([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*?) )?(?:No\.|Number)? ?"
    r"([A-Z]{2,}-[A-Z0-9-]*\d[A-Z0-9-]*|\d+-\d+)"
)


def _quoted(m: re.Match[str], orgs: set[str], shapes: bool = False) -> list[dict]:
    """A CRS note's ``Body, "Title," Date, URL``: a web page when it has a URL and nothing
    but a date, an access date and the URL after the title (with ``shapes``, also a cue
    before the URL or date, "at", "updated", a press or news release, its genre, and a
    report's number, ``Final Report No. OIG-21-017-1``, ``GAO-21-470``: a report), else
    nothing."""
    body, title, rest = m.group(1).strip(), m.group(2).strip(), m.group(3)
    body = clean_lead(body)
    if not is_body(body, orgs):
        return []
    url = _URL.search(rest)
    if url is None:
        return []
    before = rest[: url.start()]
    left = _DATE.sub("", before.replace("accessed", ""))
    rec: dict = {"type": "webpage", "title": title, "author": [{"literal": body}]}
    if shapes:
        left = _PAGE_CUES.sub("", left).strip(" ,.")
        number = _REPORT_NO.fullmatch(left)
        if _RELEASE.fullmatch(left):
            rec["genre"], left = left, ""
        elif number:
            rec = {"type": "report", "title": title, "publisher": body, "number": number[2]}
            rec["genre"], left = number[1], ""
    if re.search(r"[A-Za-z]{2}", left):
        return []
    rec["URL"] = url.group(0).rstrip(".")
    when = (
        issued(before.split("accessed")[0]) if _DATE.search(before.split("accessed")[0]) else None
    )
    if when:
        rec["issued"] = when
    if "accessed" in before:
        acc = issued(before.split("accessed")[1])
        if acc:
            rec["accessed"] = acc
    return [rec]


def gao_records(repo: Path, commit: str, orgs: set[str], skip: set[str]) -> list[dict]:
    out = []
    for item in json.loads(git_show(repo, commit, "data/catalog.json")):
        number = item["report_id"].upper()
        if number in skip:
            continue
        out.append(
            {
                "type": "report",
                "title": item["title"],
                "number": number,
                "publisher": GAO_BODY,
                "publisher-place": "Washington, DC",
                "issued": issued(_iso(item["pub_date"])),
                "URL": item["url"],
            }
        )
    for path in git_files(repo, commit, "data/markdown"):
        number = Path(path).stem.upper()
        if number in skip:
            continue
        text = git_show(repo, commit, path)
        for para in re.split(r"\n\s*\n", text):
            flat = _LINK.sub(lambda m: m.group(1), para.replace("\n", " "))
            flat = re.sub(r"_\s*_", " ", re.sub(r"_ +_", " ", flat))
            out.extend(_italic(flat, orgs))
            for m in _GAO_PAGE.finditer(flat):
                if is_body(m.group(2), orgs):
                    rec = {
                        "type": "webpage",
                        "title": m.group(1),
                        "publisher": m.group(2),
                        "accessed": issued(m.group(3)),
                    }
                    if m.group(4):
                        rec["URL"] = m.group(4).rstrip(".")
                    out.append(rec)
    return out


def _iso(date: str) -> str:
    y, m, d = date.split("-")
    return _mdy(f"{m}/{d}/{y}")


def _italic(flat: str, orgs: set[str]) -> list[dict]:
    """The ``Body, _Title_, Number (Place: Date)`` works of one GAO note; a work after a
    semicolon without a body of its own has the body before it."""
    out = []
    body = None
    pos = 0
    for m in _ITALIC.finditer(flat):
        lead = flat[pos : m.start()]
        pos = m.end()
        lead = clean_lead(re.sub(r"^\s*\d+\s+", "", lead))
        if lead:
            body = lead if is_body(lead, orgs) else None
        number = m.group(2).strip(" ,")
        if body is None or (
            number and not re.fullmatch(r"[A-Z0-9][\w./-]*(?: [\w./-]+){0,3}", number)
        ):
            continue
        if number and not re.search(r"\d", number):
            continue
        rec: dict = {
            "type": "report",
            "title": re.sub(r"\s+", " ", m.group(1)).strip(" ,"),
            "publisher": GAO_BODY if body == "GAO" else body,
            "publisher-place": m.group(3).strip(),
        }
        if number:
            rec["number"] = number
        when = issued(m.group(4))
        if when:
            rec["issued"] = when
        if body == "GAO" and number:
            rec["URL"] = f"https://www.gao.gov/products/{number.lower()}"
        out.append(rec)
    return out


def held_out_text() -> tuple[str, set[str]]:
    """The held-out documents' text and gold, normalised (:func:`norm`), and their own
    report numbers (``GAO-06-282``, ``R48725``), which are left out as sources."""
    chunks = []
    own = set()
    for root in HELD_OUT_DIRS:
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            m = re.match(r"(gao-\d\d-\d+|crs-[a-z]+\d+)", path.name)
            if m and root.name != "sources":
                own.add(m.group(1).upper().replace("CRS-", ""))
            if path.suffix == ".pdf":
                chunks.append(_pdf_text(path))
            elif path.suffix in (".md", ".txt", ".yaml", ".json", ".py", ".xml"):
                chunks.append(path.read_text(encoding="utf-8", errors="replace"))
    return norm("\n".join(chunks)), own


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--crs", type=Path, required=True, help="git dir of ProfAmiot/crs-reports")
    ap.add_argument("--gao", type=Path, required=True, help="git dir of gao-reports-reader")
    ap.add_argument("--crs-commit", default="12265120e33ab237acd3f178b1d697ece3ac188f")
    ap.add_argument("--gao-commit", default="8a043f2c46b797ee17031bfb05a277f17565d9a6")
    ap.add_argument("--cap", type=int, default=40, help="records at most per body")
    ap.add_argument(
        "--more-shapes",
        action="store_true",
        help="also CRS notes with a cue, a release or a report number before the URL "
        "(measured with --cap 100, not trained on: BODY_RECORDS.md)",
    )
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    orgs = org_words()
    text, own = held_out_text()
    print(f"held-out documents' own numbers: {sorted(own)}", file=sys.stderr)
    records = crs_records(
        args.crs, git_commit(args.crs, args.crs_commit), orgs, own, args.more_shapes
    )
    records += gao_records(args.gao, git_commit(args.gao, args.gao_commit), orgs, own)
    kept: list[dict] = []
    seen: set[str] = set()
    dropped: Counter[str] = Counter()
    per_body: Counter[str] = Counter()
    for rec in records:
        rec = {k: v for k, v in rec.items() if v}
        body = rec.get("publisher") or rec["author"][0].get("literal", "")
        key = norm(rec.get("number") or "") or norm(rec["title"])
        tkey = norm(rec["title"])
        if key in seen or tkey in seen or len(tkey) < 8:
            dropped["duplicate"] += 1
            continue
        seen.update({key, tkey})
        number = norm(rec.get("number") or "")
        if (len(number) >= 5 and number in text) or (len(tkey) >= 20 and tkey in text):
            dropped["same work as a held-out document's"] += 1
            continue
        if per_body[body] >= args.cap:
            dropped["over the cap of its body"] += 1
            continue
        per_body[body] += 1
        kept.append(rec)
    for k, rec in enumerate(kept):
        rec["id"] = f"body-{k:04d}"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for rec in kept:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(kept)} records of {len(per_body)} bodies written to {args.out}", file=sys.stderr)
    print(f"dropped: {dict(dropped)}", file=sys.stderr)
    for body, n in per_body.most_common():
        print(f"  {n:4d}  {body}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

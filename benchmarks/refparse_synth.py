"""Synthetic grey-literature references, labelled by construction, for CRF training.

Reports by organisations (with series numbers, places and publishers), webpages (site
name, URL, access date), news articles (outlet and date), legislation, and footnote-style
citations. Templates and vocabulary are our own; nothing is drawn from the benchmark
sets. Each record has the benchmark's shape: ``{"id", "raw", "labels": [[tag, text], ...]}``.

    from refparse_synth import synthetic_records
    records = synthetic_records(600, seed=7)
"""

from __future__ import annotations

import random
from collections.abc import Callable

_ORG_HEADS = [
    "Ministry of Health",
    "Ministry of Finance",
    "Ministry of Interior",
    "Ministry of Social Welfare",
    "National Statistics Bureau",
    "Central Bank",
    "Office of the Ombudsman",
    "Federal Audit Office",
    "Electoral Commission",
    "Human Rights Commission",
    "Planning Commission",
    "Law Reform Commission",
]
_COUNTRIES = [
    "Kenya",
    "Peru",
    "Nepal",
    "Ghana",
    "Viet Nam",
    "Chile",
    "Jordan",
    "Malawi",
    "Bolivia",
    "Sri Lanka",
    "Morocco",
    "Uganda",
    "Mongolia",
    "Fiji",
    "Ecuador",
]
_AGENCIES = [
    "UNDP",
    "UNICEF",
    "UNHCR",
    "UNESCO",
    "UNFPA",
    "OECD",
    "World Bank",
    "ILO",
    "WHO",
    "IMF",
    "FATF",
    "UN Women",
    "OHCHR",
    "Asian Development Bank",
    "United Nations Development Programme",
    "World Health Organization",
    "International Labour Organization",
    "Inter-American Development Bank",
    "European Commission",
    "African Union Commission",
]
_NGOS = [
    "Amnesty International",
    "Human Rights Watch",
    "Transparency International",
    "Oxfam",
    "Save the Children",
    "Open Society Foundations",
    "Minority Rights Group",
    "International Crisis Group",
    "Fair Trials",
    "Article 19",
    "Privacy International",
    "Hands Together Trust",
    "Rural Voices Network",
    "Lantern Legal Aid Society",
    "Centre for Civic Research",
    "Institute for Policy Studies",
    "Riverbend Institute",
    "Forum for Social Equity",
    "Commonwealth Human Rights Initiative",
    "Global Alliance for Fair Work",
    "Coalition for Open Budgets",
]
_TOPICS = [
    "Informal Labour",
    "Urban Housing",
    "Access to Justice",
    "Public Health Financing",
    "Gender-Based Violence",
    "Financial Inclusion",
    "Child Protection",
    "Prison Conditions",
    "Digital Identity",
    "Climate Adaptation",
    "Land Tenure",
    "Migrant Workers",
    "Police Accountability",
    "Social Protection",
    "Water Governance",
    "Tax Evasion",
    "Anti-Corruption Measures",
    "Minority Rights",
    "Refugee Education",
    "Drug Policy",
    "Human Trafficking",
    "Cash Transfers",
    "Legal Identity",
    "Hate Speech",
]
_TITLE_FORMS = [
    "{t} in {c}",
    "{t}: A Situation Analysis",
    "Annual Report {y}",
    "{t} and the Law in {c}",
    "Assessing {t} in {c}",
    "{y} Report on {t}",
    "Mapping {t}: Evidence from {c}",
    "National Strategy on {t} {y}-{y2}",
    "{t} Index {y}",
    "Country Profile: {c}",
    "Briefing on {t}",
    "Left Behind: {t} in {c}",
    "{t} Survey {y}",
    "Review of {t} Policy",
    "“We Have No Choice”: {t} in {c}",
    "{c}: {t} Update",
    "Guidelines on {t}",
    "The State of {t} {y}",
    "{t} Monitor",
]
_SERIES = [
    "Working Paper",
    "Policy Brief",
    "Occasional Paper",
    "Technical Report",
    "Discussion Paper",
    "Research Report",
    "Issue Paper",
    "Country Report",
]
_PLACES = [
    "Geneva",
    "New York",
    "Vienna",
    "Paris",
    "London",
    "Washington, DC",
    "Nairobi",
    "Bangkok",
    "Manila",
    "Lima",
    "Kathmandu",
    "Accra",
    "Brussels",
    "Rome",
    "Oslo",
    "The Hague",
    "Berlin",
    "Delhi",
    "Colombo",
    "Amman",
]
_PUBLISHERS = [
    "UNDP",
    "United Nations",
    "World Bank",
    "OECD Publishing",
    "Zed Books",
    "Policy Press",
    "Government Printing Office",
    "UN Women",
    "Oxfam",
    "Brookings Institution Press",
    "Hart Publishing",
    "Pluto Press",
]
_OUTLETS = [
    "The Guardian",
    "Dawn",
    "Daily Mirror",
    "The Nation",
    "Al Jazeera",
    "Reuters",
    "The Express Tribune",
    "BBC News",
    "The Hindu",
    "Financial Times",
    "Kathmandu Post",
    "The Diplomat",
    "Daily Nation",
    "Le Monde",
    "The Independent",
    "Associated Press",
]
_SITES = [
    "ReliefWeb",
    "Refworld",
    "UN News",
    "OHCHR website",
    "Devex",
    "Open Democracy",
    "The Conversation",
    "Global Voices",
    "IRIN News",
    "Council on Foreign Relations",
]
_HEADLINES = [
    "Court Strikes Down {t} Rules",
    "Activists Demand Action on {t}",
    "New Law on {t} Comes into Force",
    "{c} Pledges Reform of {t}",
    "Report Finds Gaps in {t}",
    "Inside the Fight over {t}",
    "Why {t} Still Matters",
    "Officials Admit Failures on {t}",
]
_LAW_FORMS = [
    "{t} Act {y}",
    "The {t} (Amendment) Act, {y}",
    "{t} Ordinance {y}",
    "{t} Rules {y}",
    "Constitution (Twenty-{n}th Amendment) Act {y}",
    "{t} (Protection of Rights) Act, {y}",
]
_FAMILY = [
    "Ahmed",
    "Okafor",
    "Silva",
    "Novak",
    "Haddad",
    "Tanaka",
    "Mensah",
    "Kowalski",
    "Rossi",
    "Nguyen",
    "Fischer",
    "Mwangi",
    "Petrov",
    "Lindqvist",
    "Bose",
    "Rahimi",
    "Garcia",
    "Osei",
    "Dubois",
    "Karimi",
    "Walsh",
    "Yilmaz",
]
_GIVEN = [
    "Amina",
    "David",
    "Leila",
    "Tomas",
    "Ravi",
    "Grace",
    "Jun",
    "Fatima",
    "Peter",
    "Sara",
    "Kofi",
    "Elena",
    "Omar",
    "Ines",
    "Hugo",
    "Nadia",
]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DOMAINS = ["org", "int", "gov", "net", "com"]

_TOWNS = [
    "Northbridge",
    "Eastford",
    "Westmoor",
    "Crestmoor",
    "Lakeside",
    "Harrowgate",
    "Kingsbury",
    "Millbrook",
    "Ashdale",
    "Port Ellis",
    "Redhill",
    "Stonebridge",
]
_ADJ = [
    "Regional",
    "Coastal",
    "Rural",
    "Urban",
    "Northern",
    "Southern",
    "Independent",
    "National",
    "Joint",
    "Environmental",
]
_ORG_FORMS = [
    "{p} City Council",
    "{c} Environmental Protection Agency",
    "Department of {t}",
    "{a} Institute for {t}",
    "{p} Water Authority",
    "{a} Fisheries Board",
    "{c} Bureau of Statistics",
    "{a} Health Service",
    "Office of {t}",
    "{p} County Health Department",
    "{a} Planning Office",
    "Centre for {t}",
    "{p} Energy Ltd",
    "{a} Development Agency",
    "{c} Red Cross Society",
    "Friends of {p}",
    "{a} Research Unit",
    "{p} Chamber of Commerce",
    "{a} Audit Office",
    "{c} Forest Service",
]
_PUBLISHERS_PLUS = [
    "Stationery Office",
    "Government Printer",
    "Earthscan",
    "University of Westmoor Press",
    "Lakeside Academic Press",
    "Northbridge University",
    "Island Press",
]
_PLACES_PLUS = [
    "Northbridge",
    "Eastford, UK",
    "Ottawa, Ontario",
    "Canberra, ACT",
    "Wellington, New Zealand",
    "Cape Town, South Africa",
    "Boulder, CO",
]
_COUNTRIES_WORDS = {w for c in _COUNTRIES for w in c.split()}

Segments = list[tuple[str, str]]


class _Gen:
    """Random choices for one synthetic reference."""

    def __init__(self, rng: random.Random) -> None:
        """Keep the random generator."""
        self.r = rng
        self.year = rng.randint(1995, 2024)

    def pick(self, seq: list[str]) -> str:
        """One element."""
        return self.r.choice(seq)

    def org(self) -> str:
        """An organisation name."""
        kind = self.r.random()
        if kind < 0.25:
            return self.pick(_ORG_FORMS).format(
                p=self.pick(_TOWNS),
                c=self.pick(_COUNTRIES),
                t=self.pick(_TOPICS),
                a=self.pick(_ADJ),
            )
        kind = self.r.random()
        if kind < 0.3:
            return (
                f"{self.pick(_ORG_HEADS)}, {self.pick(_COUNTRIES)}"
                if self.r.random() < 0.3
                else f"Government of {self.pick(_COUNTRIES)}"
                if self.r.random() < 0.3
                else self.pick(_ORG_HEADS)
            )
        return self.pick(_AGENCIES) if kind < 0.65 else self.pick(_NGOS)

    def person(self) -> str:
        """A person name in one of three orders."""
        fam, giv = self.pick(_FAMILY), self.pick(_GIVEN)
        return self.r.choice([f"{fam}, {giv[0]}.", f"{giv} {fam}", f"{fam}, {giv}"])

    def title(self) -> str:
        """A report-like title."""
        y2 = self.year + self.r.randint(1, 5)
        title = self.pick(_TITLE_FORMS).format(
            t=self.pick(_TOPICS), c=self.pick(_COUNTRIES), y=self.year, y2=y2
        )
        if self.r.random() < 0.4:  # sentence case, as many report lists write titles
            words = title.split()
            title = " ".join(
                [
                    words[0],
                    *(
                        w if w[:1].isupper() and w in _COUNTRIES_WORDS else w.lower()
                        for w in words[1:]
                    ),
                ]
            )
        return title

    def date(self, full: bool = False) -> str:
        """A year, or a day-month-year / month-year date."""
        if full or self.r.random() < 0.3:
            if self.r.random() < 0.5:
                return f"{self.r.randint(1, 28)} {self.pick(_MONTHS)} {self.year}"
            return f"{self.pick(_MONTHS)} {self.year}"
        return str(self.year)

    def url(self, name: str = "") -> str:
        """A URL on an invented domain."""
        slug = "".join(ch for ch in (name or self.pick(_TOPICS)).lower() if ch.isalnum())[:12]
        path = "-".join(self.pick(_TOPICS).lower().split()[:2])
        return f"https://www.{slug or 'site'}.{self.pick(_DOMAINS)}/{path}/{self.r.randint(1, 999)}"

    def access(self) -> str:
        """An access-date phrase."""
        day = f"{self.r.randint(1, 28)} {self.pick(_MONTHS)} {self.r.randint(2015, 2025)}"
        return self.r.choice(
            [
                f"(accessed {day})",
                f"accessed {day}.",
                f"[accessed {day}]",
                f"Accessed on {day}.",
                f"last visited {day}.",
            ]
        )

    def place(self) -> str:
        """A place of publication."""
        return self.pick(_PLACES) if self.r.random() < 0.7 else self.pick(_PLACES_PLUS)

    def publisher(self) -> str:
        """A publisher: a press or an organisation."""
        kind = self.r.random()
        return (
            self.pick(_PUBLISHERS)
            if kind < 0.4
            else self.pick(_PUBLISHERS_PLUS)
            if kind < 0.6
            else self.org()
        )

    def series(self) -> Segments:
        """A report series and number: ``Working Paper No. 12.`` as genre + volume."""
        num = self.r.randint(1, 120)
        numtext = self.r.choice(
            [f"No. {num}", f"no. {num}", f"{num}", f"{self.year}/{num}", f"Number {num}"]
        )
        if self.r.random() < 0.2:
            return [("note", f"{self.pick(_SERIES)} {numtext}.")]
        return [
            ("genre", self.pick(_SERIES) + self.r.choice(["", ","])),
            ("volume", numtext + self.r.choice([".", ","])),
        ]

    def web_tail(self) -> Segments:
        """``Available at: URL`` / ``Retrieved from URL`` / bare URL, maybe an access note."""
        lead = self.r.choice(
            [
                "Available at:",
                "Available at",
                "Available from:",
                "Retrieved from",
                "Online:",
                "URL:",
                "",
            ]
        )
        segs = [("note", lead)] if lead else []
        segs.append(("url", self.url()))
        if self.r.random() < 0.4:
            segs.append(("note", self.access()))
        return segs

    def quote(self, text: str) -> str:
        """``text`` quoted in one of the styles footnotes use."""
        left, right = self.r.choice([("“", "”"), ("‘", "’"), ("'", "'"), ('"', '"'), ("", "")])
        return f"{left}{text}{right}"


def _report_apa(g: _Gen) -> Segments:
    """``Org. (2019). Title (Series No. 4). Place: Publisher.``"""
    segs = [("author", g.org() + "."), ("date", f"({g.date()})."), ("title", g.title() + ".")]
    if g.r.random() < 0.5:
        segs += g.series()
    if g.r.random() < 0.7:
        segs += [("location", g.place() + ":"), ("publisher", g.publisher() + ".")]
    elif g.r.random() < 0.5:
        segs += [("publisher", g.publisher() + ","), ("location", g.place() + ".")]
    if g.r.random() < 0.2:
        segs.append(("pages", f"{g.r.randint(12, 400)} {g.r.choice(['pp.', 'p.'])}"))
    if g.r.random() < 0.3:
        segs += g.web_tail()
    return segs


def _report_footnote(g: _Gen) -> Segments:
    """``Org (2015), “Title”, Publisher.`` or ``Org, “Title”, Place: Month 2022.``"""
    author = g.org() if g.r.random() < 0.8 else g.person()
    if g.r.random() < 0.5:
        segs = [("author", author), ("date", f"({g.year}),"), ("title", g.quote(g.title()) + ",")]
        end = g.pick(_PUBLISHERS + _AGENCIES)
        segs.append(("publisher", end + g.r.choice([".", "", "."])))
        return segs
    segs = [("author", author + ","), ("title", g.quote(g.title()) + ",")]
    if g.r.random() < 0.4:
        segs.append(("publisher", g.pick(_PUBLISHERS + _AGENCIES) + ","))
    segs += [
        ("location", g.pick(_PLACES) + g.r.choice([":", ","])),
        ("date", g.date(full=True) + g.r.choice([".", "", ","])),
    ]
    if g.r.random() < 0.3:
        segs.append(("pages", f"p. {g.r.randint(2, 200)}."))
    return segs


def _report_chicago(g: _Gen) -> Segments:
    """``Org, Title (Place: Publisher, 2011), 12.``"""
    return [
        ("author", g.org() + ","),
        ("title", g.title()),
        ("location", "(" + g.pick(_PLACES) + ":"),
        ("publisher", g.pick(_PUBLISHERS) + ","),
        ("date", f"{g.year}),"),
        ("pages", f"{g.r.randint(1, 300)}."),
    ]


def _untitled_web(g: _Gen) -> Segments:
    """``Title. URL`` with no author or year (the access phrase is cut before tagging)."""
    segs = [("title", g.title() + g.r.choice([".", "", ","]))]
    if g.r.random() < 0.5:
        segs.append(("publisher", g.org() + ","))
    return [*segs, ("url", g.url())]


def _webpage(g: _Gen) -> Segments:
    """``Org. “Page title.” Site, 2020. URL (accessed ...).``"""
    segs = [("author", g.org() + ".")] if g.r.random() < 0.7 else []
    segs.append(("title", g.quote(g.title() + ".")))
    site = g.pick(_SITES)
    news = "News" in site or site in ("The Conversation", "Devex")
    tag = "container-title" if news else "publisher"
    segs += [(tag, site + ","), ("date", g.date() + "."), ("url", g.url())]
    if g.r.random() < 0.4:
        segs.append(("note", g.access()))
    return segs


def _news(g: _Gen) -> Segments:
    """``Name, “Headline”, Outlet, 12 March 2019.``"""
    head = g.pick(_HEADLINES).format(t=g.pick(_TOPICS).lower(), c=g.pick(_COUNTRIES))
    segs = [("author", g.person() + ",")] if g.r.random() < 0.6 else []
    if g.r.random() < 0.5:
        segs += [
            ("title", g.quote(head) + ","),
            ("container-title", g.pick(_OUTLETS) + ","),
            ("date", g.date(full=True) + "."),
        ]
    else:
        segs += [
            ("date", f"({g.date(full=True)})."),
            ("title", head + "."),
            ("container-title", g.pick(_OUTLETS) + "."),
        ]
    if g.r.random() < 0.4:
        segs.append(("url", g.url(segs[-1][1])))
    return segs


def _law(g: _Gen) -> Segments:
    """``The Topic Act, 2012`` optionally with the government that enacted it."""
    title = g.pick(_LAW_FORMS).format(t=g.pick(_TOPICS), y=g.year, n=g.r.randint(2, 9))
    segs = [("author", f"Government of {g.pick(_COUNTRIES)},")] if g.r.random() < 0.3 else []
    segs.append(("title", title + g.r.choice([".", ",", ""])))
    if g.r.random() < 0.4:
        segs.append(("publisher", "Official Gazette,"))
        segs.append(("date", g.date(full=True) + "."))
    return segs


def _person_report(g: _Gen) -> Segments:
    """``Surname, G. and G. Surname (2018). Title. Series 12. Org.``"""
    names = g.person()
    if g.r.random() < 0.4:
        names += f" and {g.pick(_GIVEN)} {g.pick(_FAMILY)}"
    segs = [("author", names), ("date", f"({g.year})."), ("title", g.title() + ".")]
    if g.r.random() < 0.5:
        segs += g.series()
    segs.append(("publisher", g.org() + g.r.choice([".", ","])))
    if segs[-1][1].endswith(","):
        segs.append(("location", g.place() + "."))
    return segs


def _web_harvard(g: _Gen) -> Segments:
    """``Org (2019) Title. Available at: URL (Accessed: 3 March 2020).``"""
    author = g.org() if g.r.random() < 0.7 else g.person()
    year = g.r.choice([f"({g.year})", f"({g.year}).", f"{g.year}.", "(n.d.)."])
    segs = [
        ("author", author + g.r.choice(["", "."])),
        ("date", year),
        ("title", g.title() + g.r.choice([".", "", ","])),
    ]
    if g.r.random() < 0.3:
        segs.append(("publisher", g.org() + "."))
    return segs + g.web_tail()


def _web_vancouver(g: _Gen) -> Segments:
    """``Org. Title [Internet]. Place: Publisher; 2015 [cited 2017 Jan 5]. Available from: URL``"""
    segs = [("author", g.org() + "."), ("title", g.title() + " [Internet].")]
    if g.r.random() < 0.7:
        segs += [("location", g.place() + ":"), ("publisher", g.publisher() + ";")]
    cited = f"[cited {g.r.randint(2015, 2024)} {g.pick(_MONTHS)[:3]} {g.r.randint(1, 28)}]."
    return [
        *segs,
        ("date", str(g.year)),
        ("note", cited),
        ("note", "Available from:"),
        ("url", g.url()),
    ]


def _report_no_author(g: _Gen) -> Segments:
    """``Title. Org, Place, 2010. 84 pp.`` and ``Title (2010). Place: Publisher.``"""
    segs = [("title", g.title() + ".")]
    if g.r.random() < 0.5:
        segs += [
            ("publisher", g.org() + ","),
            ("location", g.place() + ","),
            ("date", f"{g.year}."),
        ]
    else:
        segs += [
            ("date", f"({g.year})."),
            ("location", g.place() + ":"),
            ("publisher", g.publisher() + "."),
        ]
    if g.r.random() < 0.3:
        segs.append(("pages", f"{g.r.randint(12, 400)} pp."))
    return segs


def _chapter_in_report(g: _Gen) -> Segments:
    """A chapter in an edited book: the book is a real container."""
    segs = [
        ("author", g.person().rstrip(".") + "."),
        ("date", f"({g.year})."),
        ("title", g.title() + "."),
    ]
    editor = f"{g.pick(_GIVEN)[0]}. {g.pick(_FAMILY)}"
    segs += [
        ("editor", f"In {editor} (Ed.),"),
        ("container-title", g.r.choice(["Handbook of ", "Perspectives on ", ""]) + g.pick(_TOPICS)),
        ("pages", f"(pp. {(a := g.r.randint(1, 300))}-{a + g.r.randint(5, 30)})."),
        ("location", g.place() + ":"),
        ("publisher", g.publisher() + "."),
    ]
    return segs


_TEMPLATES: list[Callable[[_Gen], Segments]] = [
    _report_apa,
    _report_footnote,
    _report_footnote,
    _report_chicago,
    _untitled_web,
    _webpage,
    _news,
    _law,
    _person_report,
    _web_harvard,
    _web_vancouver,
    _report_no_author,
    _report_apa,
    _chapter_in_report,
]


def synthetic_records(n: int, *, seed: int = 7) -> list[dict]:
    """``n`` labelled synthetic grey-literature references (deterministic for a seed)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        segs = rng.choice(_TEMPLATES)(_Gen(rng))
        labels = [[tag, text] for tag, text in segs if text.strip()]
        out.append(
            {"id": f"synth-{i:05d}", "raw": " ".join(t for _, t in labels), "labels": labels}
        )
    return out

"""Clustering: deterministic, stable over seeds, sensible on small and larger corpora."""

from __future__ import annotations

import csv
import io
import random

import pytest
from sklearn.exceptions import NotFittedError
from sklearn.metrics import adjusted_rand_score

from litreview.core.model import Citation, GapStatement, Work
from litreview.gaps.cluster import (
    ClusterResult,
    ThemeClusterer,
    cluster_texts,
    statement_texts,
    work_texts,
)
from litreview.render.cluster_figures import cluster_map_png, compute_cluster_map

TOPICS = [
    "river flood levee rainfall inundation",
    "heat wave temperature sunstroke cooling",
    "vaccine measles immunisation clinic dose",
    "school teacher classroom pupils exam",
]
FILLER = ["report", "study", "review", "analysis", "paper", "region", "country", "people", "year"]


def corpus(n: int, seed: int) -> tuple[list[str], list[int]]:
    """``n`` short texts drawn from four topics plus shared filler words, and their topics."""
    rng = random.Random(seed)
    texts, truth = [], []
    for i in range(n):
        t = i % len(TOPICS)
        words = rng.sample(TOPICS[t].split(), 3) + rng.sample(FILLER, 3)
        rng.shuffle(words)
        texts.append(" ".join(words))
        truth.append(t)
    return texts, truth


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_small_corpus_finds_the_topics_stably(seed: int) -> None:
    """20 texts: k chosen by silhouette, clusters match the topics, runs agree."""
    texts, truth = corpus(20, seed)
    model = ThemeClusterer(random_state=seed, k_range=(2, 6)).fit(texts)
    assert model.k_ == 3 or model.k_ == 4
    assert adjusted_rand_score(truth, model.labels_) >= 0.6
    assert model.stability_ >= 0.8
    assert len(model.keywords_) == model.k_ and all(model.keywords_)


def test_fixed_k_keywords_name_the_topics() -> None:
    """With k given, each cluster's top keyword belongs to one topic's vocabulary."""
    texts, _ = corpus(40, 7)
    result = cluster_texts(texts, n_clusters=4, random_state=0)
    tops = {kw[0].split()[0] for kw in result.keywords}
    owners = {
        next(i for i, t in enumerate(TOPICS) if w in t.split())
        for w in tops
        if any(w in t.split() for t in TOPICS)
    }
    assert len(owners) == 4


def test_same_seed_same_result_and_canonical_labels() -> None:
    """Deterministic: the same input and seed give an identical result; cluster 0 is largest."""
    texts, _ = corpus(30, 1)
    a = cluster_texts(texts, [f"w{i}" for i in range(30)], random_state=5)
    b = cluster_texts(texts, [f"w{i}" for i in range(30)], random_state=5)
    assert a == b
    sizes = [a.labels.count(c) for c in range(a.k)]
    assert sizes == sorted(sizes, reverse=True)
    assert set(a.members(0)) <= set(a.ids) and len(a.coords) == 30


def test_large_input_uses_minibatch_and_stays_stable() -> None:
    """Above ``minibatch_above`` items mini-batch k-means is used; runs still agree."""
    texts, truth = corpus(400, 3)
    model = ThemeClusterer(minibatch_above=100, random_state=0, k_range=(2, 8)).fit(texts)
    result = model.result()
    assert result.method.endswith("minibatch-kmeans")
    assert model.stability_ >= 0.8 and adjusted_rand_score(truth, model.labels_) >= 0.6


@pytest.mark.parametrize(
    "texts", [["only one text"], ["a river", "a flood"], ["the and of", "is it"]]
)
def test_tiny_or_empty_inputs_give_one_cluster(texts: list[str]) -> None:
    """Too little to split: one cluster, stability 1, no error."""
    result = cluster_texts(texts)
    assert result.k == 1 and set(result.labels) == {0} and result.stability == 1.0


def test_errors() -> None:
    """result() before fit and bad parameters raise."""
    with pytest.raises(NotFittedError):
        ThemeClusterer().result()
    with pytest.raises(ValueError, match="k_range"):
        ThemeClusterer(k_range=(1, 3)).fit(["a b", "c d", "e f"])
    with pytest.raises(ValueError, match="non-empty"):
        ThemeClusterer().fit([])


def test_a_citing_sentence_is_read_without_its_citation_markers_or_markup() -> None:
    context = (
        "Floods kill (Koenig et al., 1987; Monaco, 1988) and heat harms (Chang, 1979).<sup>3</sup>"
    )
    works = [Work(key="k", title="Floods"), Work(key="c", title="Heat")]
    cits = [
        Citation(
            doc_id="d",
            footnote=None,
            position=i,
            raw=raw,
            work_key=key,
            context=context,
            char_start=0,
            char_end=len(context),
        )
        for i, (raw, key) in enumerate(
            [("(Koenig et al., 1987; Monaco, 1988)", "k"), ("(Chang, 1979)", "c")]
        )
    ]
    _, texts = work_texts(works, cits)
    assert texts == ["Heat Floods kill and heat harms . 3", "Floods Floods kill and heat harms . 3"]
    # a marker is taken out only of the sentence it was found in
    other = Citation(
        doc_id="e",
        footnote=None,
        position=0,
        raw="x",
        work_key="c",
        context="Chang (1979) says heat harms.",
        char_start=0,
        char_end=28,
    )
    assert "Chang (1979)" in work_texts(works, [*cits, other])[1][0]


def test_texts_of_works_and_statements() -> None:
    """Works: title plus citing contexts, in key order; statements: quote plus facet values."""
    works = [Work(key="b", title="Floods in towns"), Work(key="a", title="Heat")]
    cits = [
        Citation(doc_id="d", footnote=n, position=0, raw="r", work_key="a", context="Heat kills.")
        for n in (1, 2)
    ]
    assert work_texts(works, cits) == (["a", "b"], ["Heat Heat kills.", "Floods in towns"])
    st = GapStatement(
        doc_id="d",
        char_start=3,
        char_end=9,
        section="",
        quote="No data.",
        facets=(("crime_type", ("fraud",)),),
    )
    assert statement_texts([st], ["crime_type"]) == (["d:3-9"], ["No data. fraud"])


@pytest.mark.slow
def test_cluster_map() -> None:
    """The map frame has one row per item; the PNG is a PNG, the same each time."""
    texts, _ = corpus(24, 2)
    result = cluster_texts(texts, random_state=0)
    frame = compute_cluster_map(result, shapes={"0": "report"})
    assert list(frame.columns) == ["id", "x", "y", "cluster", "label", "shape"]
    assert len(frame) == 24 and set(frame["shape"]) == {"report", ""}
    png = cluster_map_png(result, title="Themes")
    assert png.startswith(b"\x89PNG")
    assert cluster_map_png(result, title="Themes") == png  # deterministic: no timestamp inside
    assert isinstance(result, ClusterResult)


def test_fit_notes_count_library_warnings() -> None:
    """Duplicate texts leave k-means fewer distinct points than clusters: scikit-learn's
    ConvergenceWarnings are counted into one note, told once as one LibraryWarning."""
    import warnings

    from litreview.core.library_warnings import LibraryWarning

    with warnings.catch_warnings(record=True) as told:
        warnings.simplefilter("always")
        result = cluster_texts(["river flood"] * 6 + ["heat wave"] * 6, n_clusters=4)
    assert len(result.notes) == 1 and "ConvergenceWarning" in result.notes[0]
    assert int(result.notes[0].split(" × ")[0]) > 1
    assert [(w.category, str(w.message)) for w in told] == [(LibraryWarning, result.notes[0])]


def test_central_members_come_first() -> None:
    """``central`` lists a cluster's members by closeness to its centre."""
    texts = ["flood river levee", "flood river levee", "flood river", "heat wave", "heat wave sun"]
    result = cluster_texts(texts, ["a", "b", "c", "d", "e"], n_clusters=2, random_state=0)
    flood = result.labels[0]
    central = result.central(flood, 3)
    assert set(central) == {"a", "b", "c"} and central[-1] == "c"


def test_naming_texts_give_the_phrases() -> None:
    """Phrases come from ``naming`` when given (one text per clustered text), else ``texts``."""
    texts, truth = corpus(20, 1)
    plain = ThemeClusterer(n_clusters=4, random_state=0).fit(texts)
    named = ThemeClusterer(n_clusters=4, random_state=0).fit(
        texts,
        naming=[f"{t} zebra crossing" if g == 0 else t for t, g in zip(texts, truth, strict=True)],
    )
    assert list(named.labels_) == list(plain.labels_)
    assert any("zebra crossing" in kw for kw in named.keywords_)
    with pytest.raises(ValueError, match="naming"):
        ThemeClusterer().fit(texts, naming=["one"])


def test_clusters_csv_rows_follow_statements() -> None:
    """One row per statement, its id parsed back into offsets; empty input gives a header."""
    from litreview.render.clusters import CLUSTERS_CSV, clusters_csv, statement_clusters

    stmts = [
        GapStatement(
            doc_id="d",
            char_start=n * 10,
            char_end=n * 10 + 5,
            section="",
            quote=q,
            facets=(("crime_type", (c,)),),
        )
        for n, (q, c) in enumerate(
            [
                ("No data on drug routes.", "drugs"),
                ("Drug markets poorly understood.", "drugs"),
                ("Little research on bank laundering.", "laundering"),
                ("Laundering via property unstudied.", "laundering"),
            ]
        )
    ]
    found = statement_clusters(stmts)
    assert found is not None
    rows = list(csv.DictReader(io.StringIO(clusters_csv(found))))
    assert tuple(rows[0]) == CLUSTERS_CSV
    assert [(r["doc_id"], int(r["char_start"])) for r in rows] == [
        ("d", 0),
        ("d", 10),
        ("d", 20),
        ("d", 30),
    ]
    assert rows[0]["cluster"] == rows[1]["cluster"] != rows[2]["cluster"] == rows[3]["cluster"]
    assert all(r["label"] and r["keywords"] for r in rows)
    assert clusters_csv(statement_clusters([])) == ",".join(CLUSTERS_CSV) + "\n"

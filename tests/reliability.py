"""Kill and race trials of real ``litreview`` processes on a small review (used by
``tests/commands/test_reliability.py`` with small counts and ``benchmarks/bench_reliability.py``
with the issue's counts).

A kill trial copies a review in its state before a command, starts the command, SIGKILLs it
(at a random time, or a random moment after its save's journal appears), lets the next command
recover the folder (it takes the write lock), and says whether every file is as before the
command (``old``), as after an uninterrupted run (``new``), or neither (``broken``). A race
trial runs two imports of different files into one review at once and counts the works lost
against running them one after the other.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from litreview.cli import main
from litreview.core.errors import InputError
from litreview.review import Review
from litreview.review.transaction import STATE_DIR, read_journal

TESTS = Path(__file__).resolve().parent
CODE = TESTS.parent
FIXTURE = TESTS / "fixture_review"
REAL = TESTS / "data" / "real"
IMPORT_FILE = REAL / "asreview_baseline_zotero.ris"
RACE_SOURCE = REAL / "asreview_baseline_zotero.ris"
COMMANDS = ("import", "ingest", "report")
WHEN = ("uniform", "staging", "committing")


@dataclass(frozen=True, slots=True)
class Scenario:
    """A command and the review it runs on: ``before`` as it was, ``after`` once it ran."""

    command: str
    argv: tuple[str, ...]
    before: Path
    after: dict[str, bytes]
    seconds: float
    window: float  # seconds from the journal's appearance to its removal


@dataclass(frozen=True, slots=True)
class Kill:
    """One kill: when (``uniform``, ``staging``, ``committing``), the save's phase then, and
    the outcome."""

    command: str
    when: str
    phase: str
    outcome: str


def _documents(review: Path) -> list[str]:
    return sorted(str(p) for p in (review / "documents").glob("*.txt"))


def _run(argv: list[str], review: Path) -> None:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = main([*argv, "--review", str(review)])
    if status != 0:
        raise AssertionError(f"litreview {' '.join(argv)} exited {status}")


def command_argv(command: str, review: Path) -> list[str]:
    """The arguments of ``command`` in a trial (its files inside ``review``)."""
    if command == "import":
        return ["import", str(review / "extra.ris")]
    if command == "ingest":
        return ["ingest", *_documents(review)]
    return ["report"]


def build_before(command: str, dest: Path) -> Path:
    """The fixture review in the state before ``command``: for ``import``, documents ingested;
    for ``ingest``, a bibliography imported; for ``report``, both."""
    shutil.copytree(FIXTURE, dest)
    shutil.copy(IMPORT_FILE, dest / "extra.ris")
    if command in ("import", "report"):
        _run(["ingest", *_documents(dest)], dest)
    if command in ("ingest", "report"):
        _run(["import", str(dest / "refs.bib")], dest)
    return dest


def snapshot(review: Path) -> dict[str, bytes]:
    """Every file of the review by relative path (the lock folder aside)."""
    return {
        p.relative_to(review).as_posix(): p.read_bytes()
        for p in sorted(review.rglob("*"))
        if p.is_file() and STATE_DIR not in p.relative_to(review).parts
    }


def environment(code: Path = CODE) -> dict[str, str]:
    """The environment of a trial's processes: ``code`` imported, no progress bars."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(code)
    env.pop("LITREVIEW_LOCK_TIMEOUT", None)
    return env


def start(argv: list[str], review: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``litreview ARGV --review REVIEW`` as a child process."""
    return subprocess.Popen(
        [sys.executable, "-m", "litreview", *argv, "--review", str(review)],
        env=env,
        cwd=review.parent,  # python -m imports from the working folder first
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def prepare(command: str, work: Path, env: dict[str, str], runs: int = 2) -> Scenario:
    """The review before ``command`` and its files after an uninterrupted run (which must be
    the same each of ``runs`` times: the outputs are deterministic)."""
    before = build_before(command, work / f"{command}-before")
    afters = []
    seconds = window = 0.0
    for n in range(runs):
        copy = work / f"{command}-after{n}"
        shutil.copytree(before, copy)
        t0 = time.monotonic()
        proc = start(command_argv(command, copy), copy, env)
        if n == runs - 1:
            window = _journal_window(copy, proc)
        _, err = proc.communicate()
        seconds = time.monotonic() - t0
        if proc.returncode != 0:
            raise AssertionError(f"{command} exited {proc.returncode}: {err.decode()}")
        afters.append(snapshot(copy))
        shutil.rmtree(copy)
    if any(a != afters[0] for a in afters):
        changed = sorted(k for k in afters[0] if afters[0][k] != afters[-1].get(k))
        raise AssertionError(f"{command} is not deterministic: {changed}")
    argv = tuple(command_argv(command, before))
    return Scenario(command, argv, before, afters[0], seconds, max(window, 0.002))


def _journal_window(review: Path, proc: subprocess.Popen[bytes]) -> float:
    """How long the journal of the command's save exists (0 if it was never seen)."""
    journal = review / STATE_DIR / "journal.json"
    while not journal.exists() and proc.poll() is None:
        time.sleep(0.0005)
    t0 = time.monotonic()
    while journal.exists() and proc.poll() is None:
        time.sleep(0.0005)
    return time.monotonic() - t0


def kill_trial(
    scenario: Scenario, work: Path, env: dict[str, str], rng: random.Random, when: str
) -> Kill:
    """Kill the command once, recover, and classify the folder. ``when``: ``uniform`` (a
    random time of its run), ``staging`` (a random moment of its journal's lifetime) or
    ``committing`` (within 1.5 ms of its journal saying so: during the renames)."""
    review = work / "trial"
    shutil.rmtree(review, ignore_errors=True)
    shutil.copytree(scenario.before, review)
    argv = command_argv(scenario.command, review)
    proc = start(argv, review, env)
    if when == "uniform":
        deadline = time.monotonic() + rng.uniform(0, scenario.seconds)
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.002)
    elif when == "staging":
        while _phase(review) == "no journal" and proc.poll() is None:
            time.sleep(0.0005)
        time.sleep(rng.uniform(0, scenario.window * 1.2))
    else:
        while _phase(review) != "committing" and proc.poll() is None:
            time.sleep(0.0002)
        time.sleep(rng.uniform(0, 0.0015))
    finished = proc.poll() is not None
    if not finished:
        proc.send_signal(signal.SIGKILL)
    proc.communicate()
    phase = "finished" if finished else _phase(review)
    with Review.at(review).lock(write=True):  # what the next command does first
        pass
    return Kill(scenario.command, when, phase, classify(review, scenario))


def _phase(review: Path) -> str:
    try:
        journal = read_journal(review)
    except InputError:  # read while being written: not possible with an atomic write
        return "unreadable journal"
    return "no journal" if journal is None else journal[0]


def classify(review: Path, scenario: Scenario) -> str:
    """``old``, ``new`` or ``broken`` (a mix, a leftover, or a journal left)."""
    if (review / STATE_DIR / "journal.json").exists():
        return "broken"
    now = snapshot(review)
    if now == snapshot(scenario.before):
        return "old"
    return "new" if now == scenario.after else "broken"


def race_files(work: Path, source: Path = RACE_SOURCE) -> tuple[Path, Path]:
    """The two halves of a RIS export (records alternately), as two files."""
    text = source.read_text(encoding="utf-8")
    records = [r + "ER  -" for r in text.split("ER  -") if r.strip()]
    halves = (work / "race-a.ris", work / "race-b.ris")
    for n, path in enumerate(halves):
        path.write_text("\n".join(records[n::2]) + "\n", encoding="utf-8")
    return halves


def race_trial(
    work: Path, env: dict[str, str], expected: set[int], source: Path = RACE_SOURCE
) -> int:
    """Two imports of different files into one review at once: the works lost (0 when the
    corpus has as many works as after importing one file, then the other)."""
    review = work / "race"
    shutil.rmtree(review, ignore_errors=True)
    shutil.copytree(FIXTURE, review)
    procs = [start(["import", str(f)], review, env) for f in race_files(work, source)]
    for proc in procs:
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise AssertionError(f"import exited {proc.returncode}: {err.decode()}")
    return max(0, min(expected) - count_works(review))


def sequential_counts(work: Path, source: Path = RACE_SOURCE) -> set[int]:
    """The works after importing the two race files one after the other, in either order."""
    counts = set()
    files = race_files(work, source)
    for order in (files, files[::-1]):
        review = work / "sequential"
        shutil.rmtree(review, ignore_errors=True)
        shutil.copytree(FIXTURE, review)
        for f in order:
            _run(["import", str(f)], review)
        counts.add(count_works(review))
    return counts


def count_works(review: Path) -> int:
    """Entries of the review's ``corpus.bib``."""
    works, _ = Review.at(review).load_works()
    return len(works)

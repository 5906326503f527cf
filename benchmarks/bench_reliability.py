"""Kill and race trials of real ``litreview`` processes (issue 19).

    python3 benchmarks/bench_reliability.py [--kills 100] [--races 20] [--seed 1] [--code DIR]

Kills: ``import``, ``ingest`` and ``report`` in turn, each SIGKILLed at a random time of its
run, at a random moment while its save is staged (its journal exists), or just after its
journal says ``committing`` (during the renames), in turn; then the next
command's recovery runs, and every file of the review is compared with the review before the
command (old) and after an uninterrupted run (new). Races: two ``import``s of different files
into one review at once; the works lost against importing them one after the other. Prints
the counts and outcomes. The targets: every kill old or new, no work lost. ``--code DIR`` runs
another checkout's ``litreview`` in the trials (e.g. one without the lock, to see the losses).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import reliability as rel


def main() -> None:
    """Run the trials and print their outcomes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=100, help="kills in all (default 100)")
    parser.add_argument("--races", type=int, default=20, help="race trials (default 20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--race-records",
        type=int,
        default=2000,
        help="records in the two race files together (synthetic, as bench_import makes them)",
    )
    parser.add_argument("--code", type=Path, default=rel.CODE, help="the litreview to run")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    env = rel.environment(args.code.resolve())
    with tempfile.TemporaryDirectory(prefix="bench_reliability.") as tmp:
        work = Path(tmp)
        if args.kills:
            kills(work, env, rng, args.kills)
        if args.races:
            races(work, env, args.races, args.race_records, args.seed)


def kills(work: Path, env: dict[str, str], rng: random.Random, total: int) -> None:
    """``total`` kills spread over the three commands and the three moments."""
    t0 = time.monotonic()
    scenarios = {c: rel.prepare(c, work, env) for c in rel.COMMANDS}
    for s in scenarios.values():
        print(
            f"{s.command}: {s.seconds:.2f} s uninterrupted, save journaled {s.window * 1e3:.1f} ms"
        )
    results = []
    for n in range(total):
        command = rel.COMMANDS[n % len(rel.COMMANDS)]
        when = rel.WHEN[(n // len(rel.COMMANDS)) % len(rel.WHEN)]
        results.append(rel.kill_trial(scenarios[command], work, env, rng, when))
    print(f"\nkills tried: {len(results)} ({time.monotonic() - t0:.0f} s)")
    head = f"{'command':8} {'kill at':10} {'tried':>5} {'old':>5} {'new':>5} {'broken':>6}"
    print(f"{head}  phases at kill")
    for command in rel.COMMANDS:
        for when in rel.WHEN:
            rows = [k for k in results if k.command == command and k.when == when]
            out = Counter(k.outcome for k in rows)
            phases = ", ".join(
                f"{p}: {n}" for p, n in sorted(Counter(k.phase for k in rows).items())
            )
            print(
                f"{command:8} {when:10} {len(rows):5} {out['old']:5} {out['new']:5} "
                f"{out['broken']:6}  {phases}"
            )
    out = Counter(k.outcome for k in results)
    print(f"{'all':8} {'':10} {len(results):5} {out['old']:5} {out['new']:5} {out['broken']:6}")


def races(work: Path, env: dict[str, str], trials: int, records: int, seed: int) -> None:
    """``trials`` races of two imports (half of ``records`` each); the works lost in each."""
    from benchmarks.bench_import import make_ris

    t0 = time.monotonic()
    source = work / "race-source.ris"
    source.write_text(make_ris(records, seed), encoding="utf-8")
    expected = rel.sequential_counts(work, source)
    lost = [rel.race_trial(work, env, expected, source) for _ in range(trials)]
    print(
        f"\nraces tried: {trials} of two imports of {records // 2} records "
        f"({time.monotonic() - t0:.0f} s); works expected "
        f"{'/'.join(map(str, sorted(expected)))}; trials losing works: "
        f"{sum(n > 0 for n in lost)}; entries lost: {sum(lost)}"
    )


if __name__ == "__main__":
    main()

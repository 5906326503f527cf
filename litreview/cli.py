"""The ``litreview`` command: argparse, exit codes, one-line errors.

Each subcommand lives in ``litreview/commands/<name>.py`` with ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; ``LOCK`` says how it holds the review's
lock (``"write"``, the default; ``"read"``; ``"none"``), taken here for the whole command.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from litreview.core.errors import LitreviewError, one_line

COMMANDS = (
    "init",
    "ingest",
    "import",
    "tag",
    "coverage",
    "gaps",
    "report",
    "export",
    "validate",
    "parse",
)
_MODULES = {"import": "import_"}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    from litreview import __version__

    parser = argparse.ArgumentParser(
        prog="litreview", description="Research-gap and literature-review toolkit."
    )
    parser.add_argument("--version", action="version", version=f"litreview {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"litreview.commands.{_MODULES.get(name, name)}")
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run, _lock=getattr(module, "LOCK", "write"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input). Warnings the
    libraries raise are told after the command, one line per kind with a count."""
    from litreview.core.library_warnings import counted_warnings

    parser = build_parser()
    args = parser.parse_args(argv)
    with counted_warnings() as caught:
        status = _run(args)
    for line in caught:
        print(f"litreview {args.command}: library warning: {line}", file=sys.stderr)
    return status


def _run(args: argparse.Namespace) -> int:
    """The chosen subcommand, its errors turned into one line and exit status 2."""
    from litreview.commands._common import review_lock

    try:
        with review_lock(args):
            return int(args._run(args))
    except LitreviewError as exc:
        for problem in getattr(exc, "details", ()):
            print(problem, file=sys.stderr)
        print(f"litreview {args.command}: {exc}", file=sys.stderr)
        return 2
    except (
        PermissionError,
        NotADirectoryError,
        IsADirectoryError,
        FileNotFoundError,
        FileExistsError,
    ) as exc:
        # a path the user gave that the system refuses (no right to write, through a file)
        where = f"{exc.filename}: " if exc.filename else ""
        what = exc.strerror or str(exc)
        if isinstance(exc, (FileExistsError, NotADirectoryError)):
            what = "a file stands where a folder is needed"
        print(f"litreview {args.command}: {one_line(where + what)}", file=sys.stderr)
        return 2
    except OSError as exc:
        # what else the system refuses: a read-only or full disk, a link that loops
        from litreview.core.files import os_problem

        where = f"{exc.filename}: " if exc.filename else ""
        print(f"litreview {args.command}: {one_line(where + os_problem(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"litreview {args.command}: interrupted; files are as they were", file=sys.stderr)
        return 130


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())

"""The command line: ``seller-coach run | coach | match | lint | tone | bench | schema``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.core.loader import load_playbooks, shipped_playbooks_dir
from bot.core.schema import playbook_schema_text


def _lint(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [shipped_playbooks_dir()]
    result = load_playbooks(paths)
    for problem in sorted(result.problems):
        print(problem)
    count = len(result.playbooks)
    if result.problems:
        print(f"{len(result.problems)} problem(s); {count} playbook(s) valid", file=sys.stderr)
        return 1
    print(f"{count} playbook(s) valid", file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    text = playbook_schema_text()
    if args.write:
        target = shipped_playbooks_dir() / "schema.json"
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seller-coach", description="Coach a seller through answering an unhappy customer."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    lint = commands.add_parser("lint", help="validate playbook files or folders")
    lint.add_argument("paths", nargs="*", metavar="PATH", help="default: the shipped playbooks")
    lint.set_defaults(handler=_lint)

    schema = commands.add_parser("schema", help="print the playbook JSON Schema")
    schema.add_argument("--write", action="store_true", help="update playbooks/schema.json")
    schema.set_defaults(handler=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)

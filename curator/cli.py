"""The ``curator`` command: parses arguments, calls the library, prints, sets the exit code.

Exit codes: 0 done (or nothing to do), 1 the work failed (a dataset that does not validate,
a failed run), 2 bad usage or a bad spec, 3 another run holds the dataset's lock.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3

EPILOG = """exit codes: 0 done or nothing to do; 1 failed (e.g. validation); 2 bad usage or spec;
3 another curator run holds the dataset's lock.
Commands that read sources take the spec file; commands on a built dataset take its folder."""


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build, update

    result = (update if args.command == "update" else build)(
        args.spec, progress=not args.json and not args.quiet
    )
    print(json.dumps(result.to_json(), indent=2) if args.json else result.summary())
    return EXIT_OK


def _cmd_clean(args: argparse.Namespace) -> int:
    from .clean import clean_html, clean_text

    data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    is_html = args.form == "html" or (
        args.form == "auto" and (args.file.endswith((".html", ".htm")) or data.lstrip()[:1] == b"<")
    )
    result = clean_html(data, args.url) if is_html else clean_text(data, args.url)
    if args.explain:
        print(result.explain())
        print(json.dumps(result.metadata, ensure_ascii=False, indent=2))
    if result.rejected:
        print(f"rejected: {result.rejected}", file=sys.stderr)
        return EXIT_FAILED
    if not args.explain:
        print(result.text)
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from .package.validate import validate

    problems = validate(Path(args.path))
    for p in problems:
        print(p)
    print(f"{args.path}: {'valid' if not problems else f'{len(problems)} problem(s)'}")
    return EXIT_FAILED if problems else EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    from .package.info import info

    print(info(Path(args.path), as_json=args.json))
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="curator", description="Scrape news pages, strip site chrome, deduplicate and tag the "
        "articles, and publish them as a versioned Hugging Face-style dataset.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in (("build", "build the first version of the dataset a spec describes"),
                       ("update", "add what is new in the sources as a new version")):  # fmt: skip
        c = sub.add_parser(name, help=text, description=text + ".", epilog=EPILOG)
        c.add_argument("spec", help="dataset spec (TOML), e.g. datasets/news-sample.toml")
        c.add_argument("--json", action="store_true", help="print a machine-readable summary")
        c.add_argument("--quiet", action="store_true", help="no progress bars")
        c.set_defaults(func=_cmd_build)
    c = sub.add_parser("clean", help="clean one page and print the article body", description=(
        "Clean one page (HTML or plain text) and print the article body; with --explain, "
        "print each removed line with the rule that removed it, then the metadata found."))  # fmt: skip
    c.add_argument("file", help="the page, or - for standard input")
    c.add_argument("--explain", action="store_true", help="show removed lines and their rules")
    c.add_argument("--url", help="the page's URL, if known")
    c.add_argument(
        "--form",
        choices=["auto", "html", "text"],
        default="auto",
        help="how to read the file (default: by name and content)",
    )
    c.set_defaults(func=_cmd_clean)
    c = sub.add_parser("validate", help="check a built dataset's shards, rows and card")
    c.add_argument("path", help="dataset folder")
    c.set_defaults(func=_cmd_validate)
    c = sub.add_parser("info", help="versions, sizes, languages and sources of a dataset")
    c.add_argument("path", help="dataset folder")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=_cmd_info)
    return p


def main(argv: list[str] | None = None) -> int:
    from .lock import LockedError
    from .spec import SpecError

    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except SpecError as exc:
        print(f"curator: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except LockedError as exc:
        print(f"curator: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except FileNotFoundError as exc:
        print(f"curator: {exc.filename}: no such file", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())

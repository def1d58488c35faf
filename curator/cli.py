"""The ``curator`` command: parses arguments, calls the library, prints, sets the exit code.

Exit codes (also in ``--help`` and the README): 0 done, or nothing new, also when some
sources failed (they are listed); 1 the work failed (no source could be fetched, a dataset
that does not validate, a push the Hub refused); 2 bad usage or a bad spec, a folder that is
not a dataset, ``build`` over an existing dataset; 3 another run holds the dataset's lock;
130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # each command imports what it runs, so `curator --help` stays quick
    from .clean.result import Cleaned

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

EPILOG = """exit codes:
  0    done, or nothing new (also when some sources failed: they are listed)
  1    the work failed: no source could be fetched, validation failed, the Hub refused
  2    bad usage or spec, a folder that is not a dataset, build over an existing dataset
  3    another curator run holds the dataset's lock
  130  interrupted (Ctrl-C); the last good version is intact
Commands that read sources take the spec file; commands on a built dataset take its folder.
Progress goes to stderr: bars in a terminal, a plain line every few seconds in a log."""


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, indent=2, ensure_ascii=False))


def _cmd_build(args: argparse.Namespace) -> int:
    from .builder import build, update
    from .log import log

    executor = {"kind": args.executor, "workers": args.workers, "address": args.address}
    run = update if args.command == "update" else build
    result = run(args.spec, progress=not args.json and args.verbosity >= 0, executor=executor)
    _print_json(result.to_json()) if args.json else print(result.summary())
    for line in result.failure_lines():
        log.warning("%s", line)
    return EXIT_FAILED if result.failed else EXIT_OK


def _cmd_crawl(args: argparse.Namespace) -> int:
    from .sources import crawl
    from .spec import load_spec

    summary = crawl(load_spec(args.spec), None, progress=not args.json and args.verbosity >= 0)
    if args.json:
        _print_json({host: s.to_json() for host, s in sorted(summary.by_host.items())})
    else:
        print(summary.table())
    return EXIT_OK


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _clean_url(args: argparse.Namespace) -> int:
    """``curator clean URL``: fetch the page as a build does (robots.txt, User-Agent, rate
    limit, SSRF guard; ``--spec`` for a dataset's ``[fetch]`` settings), then clean it."""
    from .clean import clean_html
    from .errors import UsageError
    from .extract import extract, fetch_document

    if args.url or args.form == "text":
        raise UsageError("--url and --form text are for a FILE; a URL is fetched as HTML")
    if args.json:
        record = extract(url=args.file, fetch=True, spec=args.spec)
        print(json.dumps(record.to_dict(), ensure_ascii=False, indent=2, default=str))
        if record.rejected:
            print(f"rejected: {record.rejected}", file=sys.stderr)
        return EXIT_FAILED if record.rejected else EXIT_OK
    doc = fetch_document(args.file, args.spec)
    if doc.rejected:
        print(f"rejected: {doc.rejected}", file=sys.stderr)
        return EXIT_FAILED
    return _print_cleaned(clean_html(doc.raw or b"", doc.record.get("url")), args)


def _print_cleaned(result: Cleaned, args: argparse.Namespace) -> int:
    if args.explain:
        print(result.explain())
        print(json.dumps(result.metadata, ensure_ascii=False, indent=2))
    if result.rejected:
        print(f"rejected: {result.rejected}", file=sys.stderr)
        return EXIT_FAILED
    if not args.explain:
        print(result.text)
    return EXIT_OK


def _cmd_clean(args: argparse.Namespace) -> int:
    from .clean import clean_html, clean_text

    if _is_url(args.file):
        return _clean_url(args)
    if args.spec:
        from .errors import UsageError

        raise UsageError("--spec is for a URL: it gives the fetch settings")
    data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    is_html = args.form == "html" or (
        args.form == "auto" and (args.file.endswith((".html", ".htm")) or data.lstrip()[:1] == b"<")
    )
    if args.json:  # the whole record a build makes of this page (curator.extract)
        from .extract import extract

        record = extract(data, args.url, form="html" if is_html else "text")
        print(json.dumps(record.to_dict(), ensure_ascii=False, indent=2, default=str))
        if record.rejected:
            print(f"rejected: {record.rejected}", file=sys.stderr)
        return EXIT_FAILED if record.rejected else EXIT_OK
    result = clean_html(data, args.url) if is_html else clean_text(data, args.url)
    return _print_cleaned(result, args)


def _require_dataset(path: str) -> Path:
    from .errors import NotADataset
    from .package import load_manifest

    folder = Path(path)
    if load_manifest(folder) is None:
        raise NotADataset(folder)
    return folder


def _cmd_validate(args: argparse.Namespace) -> int:
    from .package.validate import validate

    problems = validate(_require_dataset(args.path))
    if args.json:
        _print_json({"dataset": args.path, "valid": not problems, "problems": problems})
    else:
        for p in problems:
            print(p)
        print(f"{args.path}: {'valid' if not problems else f'{len(problems)} problem(s)'}")
    return EXIT_FAILED if problems else EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    from .package.info import info

    print(info(Path(args.path), as_json=args.json))
    return EXIT_OK


def _cmd_remove(args: argparse.Namespace) -> int:
    from .package.remove import remove

    result = remove(args.spec, url=args.url, id_=args.id, reason=args.reason)
    _print_json(result.to_json()) if args.json else print(result.summary())
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from .package.diff import diff, diff_json

    d = diff(_require_dataset(args.path), args.a, args.b)
    print(diff_json(d) if args.json else d.summary())
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from .package.export import export

    fields = [f.strip() for f in args.fields.split(",") if f.strip()] if args.fields else None
    out = export(_require_dataset(args.path), args.version, Path(args.out), fmt=args.format,
                 fields=fields)  # fmt: skip
    if args.json:
        _print_json({"dataset": args.path, "version": args.version, "out": str(out),
                     "format": args.format, "fields": fields})  # fmt: skip
    else:
        print(f"wrote {args.version} of {args.path} to {out} ({args.format})")
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import refresh_card_assets, report

    dataset = _require_dataset(args.path)
    out = report(dataset, args.version, Path(args.out) if args.out else None)
    assets = refresh_card_assets(dataset) if args.card_assets else []
    if args.json:
        _print_json({"dataset": args.path, "report": str(out), "card_assets": assets})
    else:
        print(f"wrote the report of {args.path} to {out}")
        if assets:
            print(f"drew {len(assets)} chart(s) for the card in {Path(args.path) / 'assets'}")
    return EXIT_OK


def _cmd_push(args: argparse.Namespace) -> int:
    from .package.push import push

    ask = None
    if args.squash is None and sys.stdin.isatty() and not args.json:
        ask = lambda q: input(q).strip().lower() in ("y", "yes")  # noqa: E731
    result = push(
        Path(args.path), args.repo, endpoint=args.endpoint, squash=args.squash,
        dry_run=args.dry_run, ask=ask, private=args.private, create_pr=args.create_pr,
    )  # fmt: skip
    _print_json(result.to_json()) if args.json else print(result.summary())
    return EXIT_OK


def _common() -> argparse.ArgumentParser:
    """Options every command takes, before or after its own arguments."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=1,
                        default=argparse.SUPPRESS, help="say more (debug messages)")  # fmt: skip
    common.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=-1,
                        default=argparse.SUPPRESS, help="no progress, only warnings and errors")  # fmt: skip
    common.add_argument("--log-file", default=argparse.SUPPRESS, metavar="FILE",
                        help="also write every message, debug included, to FILE")  # fmt: skip
    return common


def _add_version_commands(sub: Commands, common: argparse.ArgumentParser) -> None:
    c = sub.add_parser("remove", parents=[common], epilog=EPILOG,
                       help="take an article down from every version (takedown request)")  # fmt: skip
    c.add_argument("spec", help="dataset spec (TOML)")
    which = c.add_mutually_exclusive_group(required=True)
    which.add_argument("--url", help="the article's URL (any form: it is canonicalised)")
    which.add_argument("--id", help="the article's id")
    c.add_argument("--reason", required=True, help="why (goes in .curator/removals.jsonl)")
    c.add_argument("--json", action="store_true", help="print a machine-readable summary")
    c.set_defaults(func=_cmd_remove)
    c = sub.add_parser("diff", parents=[common], epilog=EPILOG,
                       help="articles added, removed and changed between two versions")  # fmt: skip
    c.add_argument("path", help="dataset folder")
    c.add_argument("a", help="older version, e.g. v1.0.0")
    c.add_argument("b", help="newer version, e.g. v1.1.0")
    c.add_argument("--json", action="store_true", help="every article with its URL and title")
    c.set_defaults(func=_cmd_diff)
    c = sub.add_parser("export", parents=[common], epilog=EPILOG,
                       help="write one version as a dataset folder of its own")  # fmt: skip
    c.add_argument("path", help="dataset folder")
    c.add_argument("version", help="e.g. v1.0.0")
    c.add_argument("out", help="new (or empty) folder to write, outside the dataset")
    c.add_argument("--format", choices=["parquet", "jsonl", "jsonl.gz"], default="parquet",
                   help="shard format (default parquet); JSON lines have ISO 8601 timestamps")  # fmt: skip
    c.add_argument("--fields", metavar="A,B", help="only these columns, comma-separated")
    c.add_argument("--json", action="store_true", help="print a machine-readable summary")
    c.set_defaults(func=_cmd_export)
    c = sub.add_parser("report", parents=[common], epilog=EPILOG,
                       help="an HTML page with charts of a dataset and its latest run")  # fmt: skip
    c.add_argument("path", help="dataset folder")
    c.add_argument("--version", metavar="vX.Y.Z", help="the version to show (default: the latest)")
    c.add_argument("--out", metavar="FILE.html", help="default: .curator/reports/report.html")
    c.add_argument("--card-assets", action="store_true",
                   help="also draw the card's charts into assets/ and show them in the card")  # fmt: skip
    c.add_argument("--json", action="store_true", help="print a machine-readable summary")
    c.set_defaults(func=_cmd_report)
    _add_push(sub, common)


def _add_push(sub: Commands, common: argparse.ArgumentParser) -> None:
    c = sub.add_parser("push", parents=[common], epilog=EPILOG,
                       help="publish unpushed versions to the Hugging Face Hub (token from HF_TOKEN)")  # fmt: skip
    c.add_argument("path", help="dataset folder")
    c.add_argument("--repo", required=True, help="ORG/NAME of the dataset repository")
    c.add_argument(
        "--endpoint", default=None, help="Hub URL (default: $HF_ENDPOINT or huggingface.co)"
    )
    c.add_argument("--squash", action=argparse.BooleanOptionalAction, default=None,
                   help="after a removal, squash the repo history and re-create the tags (default: ask on a terminal)")  # fmt: skip
    c.add_argument("--private", action=argparse.BooleanOptionalAction, default=True,
                   help="create the repository private (default) or, with --no-private/--public, public")  # fmt: skip
    c.add_argument("--public", dest="private", action="store_false", help=argparse.SUPPRESS)
    c.add_argument("--create-pr", action="store_true",
                   help="open a pull request per version instead of committing to main (no tags until merged)")  # fmt: skip
    c.add_argument(
        "--dry-run", action="store_true", help="print the commits it would make; no network"
    )
    c.add_argument("--json", action="store_true", help="print a machine-readable summary")
    c.set_defaults(func=_cmd_push)


def _add_run_commands(sub: Commands, common: argparse.ArgumentParser) -> None:
    for name, text in (("build", "build the first version of the dataset a spec describes"),
                       ("update", "add what is new in the sources as a new version")):  # fmt: skip
        c = sub.add_parser(name, parents=[common], help=text, description=text + ".", epilog=EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
        c.add_argument("spec", help="dataset spec (TOML), e.g. datasets/news-sample.toml")
        c.add_argument("--json", action="store_true", help="print a machine-readable summary")
        c.add_argument("--executor", choices=["local", "ray"], default="local",
                       help="where cleaning and tagging run: local processes (default) or Ray")  # fmt: skip
        c.add_argument(
            "--workers", type=int, default=None, help="worker processes (default: every core)"
        )
        c.add_argument("--address", help="with --executor ray: address of an existing Ray cluster")
        c.set_defaults(func=_cmd_build)
    c = sub.add_parser("crawl", parents=[common], epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       help="fetch and archive the sources' pages, nothing else", description=(
        "Fetch the pages the spec's sources list, politely (robots.txt, rate limits, retries), "
        "and archive every response as WARC in the dataset's state folder; a later build reads "
        "from that archive. Ends with a summary by host."))  # fmt: skip
    c.add_argument("spec", help="dataset spec (TOML)")
    c.add_argument("--json", action="store_true", help="the per-host counts, machine-readable")
    c.set_defaults(func=_cmd_crawl)


def _add_dataset_commands(sub: Commands, common: argparse.ArgumentParser) -> None:
    c = sub.add_parser("clean", parents=[common], help="clean one page and print the article body", description=(
        "Clean one page (HTML or plain text, a file or a URL) and print the article body; with "
        "--explain, print each removed line with the rule that removed it, then the metadata "
        "found. A URL is fetched as a build fetches: robots.txt, a User-Agent naming curator, "
        "the rate limit, retries and the SSRF guard."))  # fmt: skip
    c.add_argument("file", metavar="FILE|URL",
                   help="the page: a file, - for standard input, or an http(s) URL to fetch")  # fmt: skip
    c.add_argument("--spec", help="with a URL: fetch with this dataset spec's [fetch] settings "
                   "and deny-list")  # fmt: skip
    c.add_argument("--explain", action="store_true", help="show removed lines and their rules")
    c.add_argument("--url", help="the page's URL, if known")
    c.add_argument("--json", action="store_true",
                   help="print the page's whole record (metadata, language, quality) as JSON")  # fmt: skip
    c.add_argument(
        "--form",
        choices=["auto", "html", "text"],
        default="auto",
        help="how to read the file (default: by name and content)",
    )
    c.set_defaults(func=_cmd_clean)
    c = sub.add_parser("validate", parents=[common], epilog=EPILOG,
                       help="check a built dataset's shards, rows and card")  # fmt: skip
    c.add_argument("path", help="dataset folder")
    c.add_argument("--json", action="store_true", help="the problems, machine-readable")
    c.set_defaults(func=_cmd_validate)
    c = sub.add_parser("info", parents=[common], epilog=EPILOG,
                       help="versions, sizes, languages, sources and the last run of a dataset")  # fmt: skip
    c.add_argument("path", help="dataset folder")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=_cmd_info)


def parser() -> argparse.ArgumentParser:
    from . import __version__

    common = _common()
    p = argparse.ArgumentParser(
        prog="curator", parents=[common], epilog=EPILOG,
        description="Scrape news pages, strip site chrome, deduplicate and tag the articles, "
        "and publish them as a versioned Hugging Face-style dataset.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    p.add_argument("--version", action="version", version=f"curator {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_run_commands(sub, common)
    _add_dataset_commands(sub, common)
    _add_version_commands(sub, common)
    return p


def main(argv: list[str] | None = None) -> int:
    from .log import configure
    from .redact import redacting_streams

    args = parser().parse_args(argv)
    args.verbosity = getattr(args, "verbosity", 0)
    with redacting_streams():  # no token or credential reaches the terminal or a log
        configure(args.verbosity, getattr(args, "log_file", None))
        return _run(args)


def _fail(message: str, code: int) -> int:
    from .log import log

    log.error("%s", message)
    return code


def _run(args: argparse.Namespace) -> int:
    from .errors import DatasetError, UsageError, is_disk_full
    from .lock import LockedError
    from .package.push import PushError
    from .spec import SpecError

    try:
        return args.func(args)
    except (SpecError, UsageError) as exc:  # a bad spec, an unknown version, a folder not ours
        return _fail(str(exc), EXIT_USAGE)
    except LockedError as exc:
        return _fail(str(exc), EXIT_LOCKED)
    except (DatasetError, PushError) as exc:
        return _fail(str(exc), EXIT_FAILED)
    except KeyboardInterrupt:
        return _fail(
            "interrupted; the last good version is intact, run again to finish", EXIT_INTERRUPTED
        )
    except BrokenPipeError:  # output piped into `head`: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except FileNotFoundError as exc:
        return _fail(f"{exc.filename}: no such file", EXIT_USAGE)
    except OSError as exc:
        if not is_disk_full(exc):
            raise
        return _fail(disk_full_message(exc), EXIT_FAILED)


def disk_full_message(exc: BaseException) -> str:
    where = getattr(exc, "filename", None) or "a file"
    return (
        f"no space left on the device while writing {where}; the last good version is intact: "
        "free some space and run again"
    )


if __name__ == "__main__":
    sys.exit(main())

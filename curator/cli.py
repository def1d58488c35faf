"""The ``curator`` command: parses arguments, calls the library, prints, sets the exit code.

Exit codes: 0 done (or nothing to do), 1 the work failed (a dataset that does not validate,
a failed run), 2 bad usage or a bad spec, 3 another run holds the dataset's lock, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

EPILOG = """exit codes: 0 done or nothing to do; 1 failed (e.g. validation); 2 bad usage or spec;
3 another curator run holds the dataset's lock; 130 interrupted (Ctrl-C).
Commands that read sources take the spec file; commands on a built dataset take its folder."""


def _cmd_build(args: argparse.Namespace) -> int:
    from .builder import build, update

    executor = {"kind": args.executor, "workers": args.workers, "address": args.address}
    result = (update if args.command == "update" else build)(
        args.spec, progress=not args.json and not args.quiet, executor=executor
    )
    print(json.dumps(result.to_json(), indent=2) if args.json else result.summary())
    return EXIT_OK


def _cmd_crawl(args: argparse.Namespace) -> int:
    from .fetch import crawl
    from .spec import load_spec

    summary = crawl(load_spec(args.spec), None, progress=not args.quiet)
    print(summary.table())
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


def _cmd_remove(args: argparse.Namespace) -> int:
    from .package.remove import remove

    result = remove(args.spec, url=args.url, id_=args.id, reason=args.reason)
    print(json.dumps(result.to_json(), indent=2) if args.json else result.summary())
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from .package.diff import diff, diff_json

    d = diff(Path(args.path), args.a, args.b)
    print(diff_json(d) if args.json else d.summary())
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from .package.export import export

    out = export(Path(args.path), args.version, Path(args.out))
    print(f"wrote {args.version} of {args.path} to {out}")
    return EXIT_OK


def _cmd_push(args: argparse.Namespace) -> int:
    from .package.push import push

    ask = None
    if args.squash is None and sys.stdin.isatty() and not args.json:
        ask = lambda q: input(q).strip().lower() in ("y", "yes")  # noqa: E731
    result = push(
        Path(args.path),
        args.repo,
        endpoint=args.endpoint,
        squash=args.squash,
        dry_run=args.dry_run,
        ask=ask,
    )
    print(json.dumps(result.to_json(), indent=2) if args.json else result.summary())
    return EXIT_OK


def _add_version_commands(sub) -> None:
    c = sub.add_parser(
        "remove", help="take an article down from every version (takedown request)", epilog=EPILOG
    )
    c.add_argument("spec", help="dataset spec (TOML)")
    which = c.add_mutually_exclusive_group(required=True)
    which.add_argument("--url", help="the article's URL (any form: it is canonicalised)")
    which.add_argument("--id", help="the article's id")
    c.add_argument("--reason", required=True, help="why (goes in .curator/removals.jsonl)")
    c.add_argument("--json", action="store_true", help="print a machine-readable summary")
    c.set_defaults(func=_cmd_remove)
    c = sub.add_parser("diff", help="articles added, removed and changed between two versions")
    c.add_argument("path", help="dataset folder")
    c.add_argument("a", help="older version, e.g. v1.0.0")
    c.add_argument("b", help="newer version, e.g. v1.1.0")
    c.add_argument("--json", action="store_true", help="all ids, machine-readable")
    c.set_defaults(func=_cmd_diff)
    c = sub.add_parser("export", help="write one version as a dataset folder of its own")
    c.add_argument("path", help="dataset folder")
    c.add_argument("version", help="e.g. v1.0.0")
    c.add_argument("out", help="new folder to write")
    c.set_defaults(func=_cmd_export)
    c = sub.add_parser(
        "push", help="publish unpushed versions to the Hugging Face Hub", epilog=EPILOG
    )
    c.add_argument("path", help="dataset folder")
    c.add_argument("--repo", required=True, help="ORG/NAME of the dataset repository")
    c.add_argument(
        "--endpoint", default=None, help="Hub URL (default: $HF_ENDPOINT or huggingface.co)"
    )
    c.add_argument("--squash", action=argparse.BooleanOptionalAction, default=None,
                   help="after a removal, squash the repo history and re-create the tags (default: ask on a terminal)")  # fmt: skip
    c.add_argument(
        "--dry-run", action="store_true", help="print the commits it would make; no network"
    )
    c.add_argument("--json", action="store_true", help="print a machine-readable summary")
    c.set_defaults(func=_cmd_push)


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
        c.add_argument("--executor", choices=["local", "ray"], default="local",
                       help="where cleaning and tagging run: local processes (default) or Ray")  # fmt: skip
        c.add_argument(
            "--workers", type=int, default=None, help="worker processes (default: every core)"
        )
        c.add_argument("--address", help="with --executor ray: address of an existing Ray cluster")
        c.set_defaults(func=_cmd_build)
    c = sub.add_parser("crawl", help="fetch and archive the sources' pages, nothing else", description=(
        "Fetch the pages the spec's sources list, politely (robots.txt, rate limits, retries), "
        "and archive every response as WARC in the dataset's state folder; a later build reads "
        "from that archive. Ends with a summary by host."))  # fmt: skip
    c.add_argument("spec", help="dataset spec (TOML)")
    c.add_argument("--quiet", action="store_true", help="no progress bar")
    c.set_defaults(func=_cmd_crawl)
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
    _add_version_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    from .redact import redacting_streams

    args = parser().parse_args(argv)
    with redacting_streams():  # no token or credential reaches the terminal or a log
        return _run(args)


def _fail(message: str, code: int) -> int:
    print(f"curator: {message}", file=sys.stderr)
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

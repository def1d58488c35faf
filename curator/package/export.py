"""``curator export PATH vX.Y.Z OUT [--format parquet|jsonl|jsonl.gz] [--fields a,b]``: any
version, also one whose config the card no longer keeps, as a dataset folder of its own (one
version, its shards, manifest and card), in parquet (the shards copied, checksums verified) or
as JSON lines (one object a line, timestamps in ISO 8601, optionally gzipped); ``--fields``
keeps only the columns named. ``load_dataset(OUT)`` reads every format.

OUT follows the rule every write of curator's follows: it is a new or empty folder, outside
the dataset, and it becomes a folder curator owns. The copy is made in a fresh temporary
folder beside OUT and renamed into place, so OUT is either whole or absent, and nothing that
was there before is ever deleted."""

from __future__ import annotations

import copy
import gzip
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import PUBLIC_MODE, write_atomic
from ..errors import NotADataset, UsageError
from ..layout import Layout
from ..owner import claim
from . import journal
from .card import render_card
from .files import inside, sha256_file
from .manifest import Manifest, load_manifest
from .parquet import shard_path

if TYPE_CHECKING:
    import pyarrow as pa


class ExportError(UsageError):
    pass


def check_fields(fields: list[str] | None) -> list[str] | None:
    """``--fields`` as the record's column order; an unknown name is refused by name."""
    if not fields:
        return None
    from ..record import article_schema

    known = list(article_schema()["properties"])
    unknown = [f for f in fields if f not in known]
    if unknown:
        raise ExportError(
            f"--fields: {', '.join(unknown)}: not a column (columns: {', '.join(known)})"
        )
    return [k for k in known if k in fields]


def _iso(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


def _write_jsonl(table: pa.Table, target: Path, gz: bool) -> None:
    """One JSON object a line; a gzip file with no name or time in its header (reproducible)."""
    with open(target, "wb") as raw:
        fh = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) if gz else raw
        try:
            for batch in table.to_batches(max_chunksize=1000):
                lines = (
                    json.dumps(_iso(row), ensure_ascii=False) + "\n" for row in batch.to_pylist()
                )
                fh.write("".join(lines).encode("utf-8"))
        finally:
            if gz:
                fh.close()


def _write_parquet(table: pa.Table, target: Path) -> None:
    import pyarrow.parquet as pq

    # the datasets Features in the metadata would name every column; --fields keeps fewer
    pq.write_table(table.replace_schema_metadata(None), target, compression="zstd",
                   row_group_size=1000, write_page_index=True)  # fmt: skip


# --format -> the writer of one shard; a shard keeps its name with the format as extension,
# from which `load_dataset(OUT)` picks its reader.
ShardWriter = Callable[["pa.Table", Path], None]
WRITERS: dict[str, ShardWriter] = {
    "parquet": _write_parquet,
    "jsonl": lambda table, target: _write_jsonl(table, target, gz=False),
    "jsonl.gz": lambda table, target: _write_jsonl(table, target, gz=True),
}
FORMATS = tuple(WRITERS)


def _convert_shards(
    dataset: Path,
    manifest: Manifest,
    entry: dict,
    staging: Path,
    fmt: str,
    fields: list[str] | None,
) -> dict:
    """Each shard read (checksum first) and written in ``fmt`` with ``fields``, under the same
    name with the format's extension; returns the new shard entries."""
    import pyarrow.parquet as pq

    shards, names = {}, []
    for rel in entry["shards"]:
        source = shard_path(dataset, rel)
        if sha256_file(source) != manifest.shards[rel]["sha256"]:
            raise ExportError(
                f"{rel}: sha256 does not match the manifest; run `curator validate {dataset}`"
            )
        new_rel = rel.removesuffix(".parquet") + f".{fmt}"
        target = inside(staging, new_rel, "manifest.json: shard")
        target.parent.mkdir(parents=True, exist_ok=True)
        table = pq.read_table(source, columns=fields)
        WRITERS[fmt](table, target)
        os.chmod(target, PUBLIC_MODE)
        shards[new_rel] = {
            **manifest.shards[rel],
            "sha256": sha256_file(target),
            "num_rows": table.num_rows,
            "num_bytes": target.stat().st_size,
        }
        names.append(new_rel)
    entry["shards"] = names
    return shards


def _check_out(dataset: Path, out: Path) -> None:
    root = dataset.resolve()
    if out == root or root in out.parents or out in root.parents:
        raise ExportError(f"{out}: overlaps the dataset {root}; export into a folder outside it")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"{out}: exists and is not empty; export writes a new folder")


def _copy_shards(dataset: Path, manifest: Manifest, entry: dict, staging: Path) -> dict:
    shards = {}
    for rel in entry["shards"]:
        target = inside(staging, rel, "manifest.json: shard")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shard_path(dataset, rel), target)
        os.chmod(target, PUBLIC_MODE)
        if sha256_file(target) != manifest.shards[rel]["sha256"]:
            raise ExportError(
                f"{rel}: sha256 does not match the manifest; run `curator validate {dataset}`"
            )
        shards[rel] = manifest.shards[rel]
    return shards


def export(
    dataset: Path,
    version: str,
    out: Path,
    *,
    fmt: str = "parquet",
    fields: list[str] | None = None,
) -> Path:
    """Write ``version`` to ``out`` (same relative paths; other formats change only the
    extension) with a manifest holding only that version and a card whose default config is
    it; checksums are verified on the way."""
    if fmt not in FORMATS:
        raise ExportError(f"--format {fmt!r}: one of {', '.join(FORMATS)}")
    fields = check_fields(fields)
    manifest = load_manifest(dataset)
    if manifest is None:
        raise NotADataset(dataset)
    entry = copy.deepcopy(manifest.version(version))
    out = Path(out).absolute()
    _check_out(dataset, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".curator-export", dir=out.parent)
    )
    try:
        claim(staging, manifest.name)
        if fmt == "parquet" and fields is None:
            shards = _copy_shards(dataset, manifest, entry, staging)
        else:
            shards = _convert_shards(dataset, manifest, entry, staging, fmt, fields)
        if fields is not None:
            entry["fields"] = fields
        entry["format"] = fmt
        entry["note"] = (entry.get("note") or "") + f" Exported from {manifest.name} {version}."
        single = Manifest(name=manifest.name, versions=[entry], shards=shards)
        single.save(staging)
        card = render_card(single, entry.get("meta", {}), out.name, 1, dataset=staging)
        write_atomic(Layout(staging).card, card)  # its snippet names OUT, not the staging folder
        journal.clear(staging)  # the export is whole: nothing in it is a leftover
        if out.exists():
            out.rmdir()
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # our own fresh folder, nothing else
        raise
    return out

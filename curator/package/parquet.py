"""Parquet shards written from the one schema, with the ``datasets`` Features embedded (written
by ``record.hf_arrow_schema()``: building never imports ``datasets``)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..atomic import atomic_target
from ..errors import DatasetError
from ..record import Record, from_row, hf_arrow_schema, to_row
from .files import inside

ROW_GROUP_ROWS = 1000  # small row groups keep the Hub viewer and streaming readers happy


def table_of(records: list[Record]) -> pa.Table:
    return pa.Table.from_pylist([to_row(r) for r in records], schema=hf_arrow_schema())


def write_shard(path: Path, records: list[Record]) -> None:
    """Write to a temporary name, then rename: a shard is either whole or absent."""
    with atomic_target(path) as tmp:
        pq.write_table(
            table_of(records),
            tmp,
            compression="zstd",
            row_group_size=ROW_GROUP_ROWS,
            write_page_index=True,
        )


def shard_path(dataset: Path, rel: str) -> Path:
    """A shard the manifest names, as a path that stays inside the dataset folder."""
    return inside(dataset, rel, "manifest.json: shard")


def read_shard(dataset: Path, rel: str, columns: list[str] | None = None) -> pa.Table:
    """A shard of the dataset as a table; a file that is missing or not parquet is a
    :class:`DatasetError` naming it, not a pyarrow traceback."""
    try:
        return pq.read_table(shard_path(dataset, rel), columns=columns)
    except FileNotFoundError:
        raise DatasetError(f"{rel}: missing; run `curator validate` on the dataset") from None
    except (pa.ArrowException, OSError) as exc:
        raise DatasetError(
            f"{rel}: not a readable parquet shard ({exc}); run `curator validate` on the dataset"
        ) from None


def read_shard_records(dataset: Path, rel: str) -> list[Record]:
    return [from_row(r) for r in read_shard(dataset, rel).to_pylist()]


def shard_names(count: int) -> list[str]:
    return [f"train-{i:05d}-of-{count:05d}.parquet" for i in range(count)]

"""Parquet shards written from the one schema, with the ``datasets`` Features embedded (written
by ``record.hf_arrow_schema()``: building never imports ``datasets``)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..record import Record, from_row, hf_arrow_schema, to_row
from .files import atomic_target

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


def read_records(path: Path, columns: list[str] | None = None) -> list[Record]:
    return [from_row(r) for r in pq.read_table(path, columns=columns).to_pylist()]


def shard_names(count: int) -> list[str]:
    return [f"train-{i:05d}-of-{count:05d}.parquet" for i in range(count)]

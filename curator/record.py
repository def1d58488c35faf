"""The article record, derived from ``schemas/article.schema.json`` (the single source of truth).

One mapping turns a JSON Schema property into Arrow and ``datasets`` types:

=============================  ==========================  ===============================
JSON Schema                    Arrow                       datasets
=============================  ==========================  ===============================
string (format date-time)      timestamp[us, tz=UTC]       Value("timestamp[us, tz=UTC]")
string                         string                      Value("string")
integer                        int64                       Value("int64")
number                         float64                     Value("float64")
boolean                        bool                        Value("bool")
array of T                     list<T>                     List(T)
object with properties         struct                      {name: T, ...}
=============================  ==========================  ===============================

``["T", "null"]`` only makes the column nullable; ``datasets`` has no map type, so every object
in the schema must list its properties. ``features_dict()`` writes this mapping in the form of
``Features.to_dict()`` and ``hf_arrow_schema()`` embeds it as ``datasets`` does, so building a
dataset never imports ``datasets``; ``features()`` (which does) is for tests and readers.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:  # jsonschema is imported when a record is first validated
    from jsonschema import Draft202012Validator

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
ARTICLE_SCHEMA_PATH = SCHEMA_DIR / "article.schema.json"
TIMESTAMP = pa.timestamp("us", tz="UTC")

Record = dict[str, Any]


@cache
def article_schema() -> dict[str, Any]:
    return json.loads(ARTICLE_SCHEMA_PATH.read_text(encoding="utf-8"))


def _base_type(prop: dict[str, Any]) -> str:
    types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
    non_null = [t for t in types if t != "null"]
    if len(non_null) != 1:
        raise ValueError(f"schema property must have exactly one non-null type: {prop}")
    return non_null[0]


def _is_datetime(prop: dict[str, Any]) -> bool:
    return _base_type(prop) == "string" and prop.get("format") == "date-time"


def arrow_type(prop: dict[str, Any]) -> pa.DataType:
    kind = _base_type(prop)
    if _is_datetime(prop):
        return TIMESTAMP
    if kind == "array":
        return pa.list_(arrow_type(prop["items"]))
    if kind == "object":
        return pa.struct([pa.field(k, arrow_type(v)) for k, v in prop["properties"].items()])
    return {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
    }[kind]


@cache
def arrow_schema() -> pa.Schema:
    props = article_schema()["properties"]
    return pa.schema([pa.field(name, arrow_type(prop)) for name, prop in props.items()])


_DTYPES = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}


def _feature_dict(prop: dict[str, Any]) -> dict[str, Any]:
    kind = _base_type(prop)
    if _is_datetime(prop):
        return {"dtype": "timestamp[us, tz=UTC]", "_type": "Value"}
    if kind == "array":
        return {"feature": _feature_dict(prop["items"]), "_type": "List"}
    if kind == "object":
        return {k: _feature_dict(v) for k, v in prop["properties"].items()}
    return {"dtype": _DTYPES[kind], "_type": "Value"}


@cache
def features_dict() -> dict[str, Any]:
    """What ``datasets.Features(...).to_dict()`` gives for a published row, without importing
    ``datasets`` (about a second of imports). Shared and cached: read it, never change it."""
    return {name: _feature_dict(prop) for name, prop in article_schema()["properties"].items()}


@cache
def hf_arrow_schema() -> pa.Schema:
    """The parquet schema of a shard: ``arrow_schema()`` with the Features in the metadata
    exactly as ``datasets`` writes them (``features().arrow_schema``)."""
    info = json.dumps({"info": {"features": features_dict()}})
    return arrow_schema().with_metadata({"huggingface": info})


@cache
def features() -> Any:  # a datasets.Features, which a type checker here cannot see
    """The ``datasets.Features`` of a published row, read by ``datasets`` from
    ``features_dict()`` (one mapping); imports ``datasets``, so only for tests and callers that
    use it anyway: building a dataset uses ``features_dict()`` and ``hf_arrow_schema()``."""
    # the repository's own datasets/ folder shadows the package for a type checker run from here
    from datasets import Features  # type: ignore[attr-defined,unused-ignore]

    return Features.from_dict(features_dict())


def _empty_value(prop: dict[str, Any]) -> Any:
    kind = _base_type(prop)
    if kind == "array":
        return []
    if kind == "object":
        return {k: _empty_value(v) for k, v in prop["properties"].items()}
    if kind == "integer" and "null" not in (prop["type"] if isinstance(prop["type"], list) else []):
        return 0
    return None


def empty_record() -> Record:
    """A record with every field present: nulls, empty lists, zero counts."""
    return {name: _empty_value(prop) for name, prop in article_schema()["properties"].items()}


def parse_datetime(value: str | datetime | None) -> datetime | None:
    """ISO 8601 text or datetime to an aware UTC datetime; naive values are taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def format_datetime(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@cache
def _datetime_fields() -> tuple[str, ...]:
    """Top-level date-time columns: computed once, this runs for every row written or read."""
    props = article_schema()["properties"]
    return tuple(name for name, prop in props.items() if _is_datetime(prop))


def to_row(record: Record) -> Record:
    """Record (date-times as ISO strings) to a row for Arrow (date-times as datetimes)."""
    row = dict(record)
    for name in _datetime_fields():
        row[name] = parse_datetime(row[name])
    return row


def from_row(row: Record) -> Record:
    """Row read back from parquet to a record that validates against the JSON Schema."""
    record = dict(row)
    for name in _datetime_fields():
        value = record.get(name)
        if value is not None and hasattr(value, "to_pydatetime"):
            value = value.to_pydatetime()
        record[name] = format_datetime(value) if isinstance(value, datetime) else value
    return record


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(article_schema(), format_checker=FormatChecker())


def validation_errors(record: Record) -> list[str]:
    """Every way ``record`` breaks the schema, each naming the field."""
    errors = []
    for err in _validator().iter_errors(record):
        where = "/".join(str(p) for p in err.absolute_path) or "(record)"
        errors.append(f"{where}: {err.message}")
    return errors

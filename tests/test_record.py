"""The record is defined once: the Arrow schema and the datasets Features agree with the JSON Schema."""

from __future__ import annotations

import pyarrow as pa

from curator.package.parquet import read_shard_records, write_shard
from curator.record import (
    arrow_schema,
    article_schema,
    empty_record,
    features,
    features_dict,
    hf_arrow_schema,
    validation_errors,
)


def test_arrow_schema_and_features_are_the_same_columns_and_types():
    assert features().arrow_schema.remove_metadata().equals(arrow_schema())
    assert list(features()) == list(article_schema()["properties"])


def test_features_dict_is_what_datasets_makes_of_the_features():
    assert features_dict() == features().to_dict()
    assert list(features_dict()) == list(features().to_dict())  # same column order too


def test_hf_arrow_schema_is_the_schema_datasets_writes_with_the_same_metadata_bytes():
    assert hf_arrow_schema().equals(features().arrow_schema, check_metadata=True)
    assert hf_arrow_schema().metadata == features().arrow_schema.metadata


def test_a_shard_carries_the_features_datasets_reads_back(tmp_path):
    import pyarrow.parquet as pq

    from curator.package.parquet import write_shard
    from datasets import Features

    path = tmp_path / "shard.parquet"
    write_shard(path, [_valid_record()])
    schema = pq.read_schema(path)
    assert schema.metadata == features().arrow_schema.metadata
    assert Features.from_arrow_schema(schema) == features()


def test_mapping_of_each_kind():
    schema = arrow_schema()
    assert schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert schema.field("word_count").type == pa.int64()
    assert schema.field("language_probability").type == pa.float64()
    assert schema.field("authors").type == pa.list_(pa.string())
    assert pa.types.is_struct(schema.field("provenance").type)


def _valid_record() -> dict:
    record = empty_record()
    record.update(
        id="abc123", text="Body text.", content_sha256="0" * 64, version_added="v1.0.0",
        dup_cluster_id="abc123", dup_cluster_size=1, published="2026-03-12T09:14:00Z",
    )  # fmt: skip
    return record


def test_a_record_round_trips_through_a_shard_unchanged(tmp_path):
    record = _valid_record()
    assert validation_errors(record) == []
    write_shard(tmp_path / "train.parquet", [record])
    assert read_shard_records(tmp_path, "train.parquet") == [record]


def test_validation_names_the_field():
    record = _valid_record()
    record["title"] = ""
    record["quality"]["stopword_ratio"] = 3.0
    errors = validation_errors(record)
    assert any(e.startswith("title:") for e in errors)
    assert any(e.startswith("quality/stopword_ratio:") for e in errors)

"""Load and check a dataset spec (TOML) against ``schemas/dataset-spec.schema.json``."""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .record import SCHEMA_DIR
from .urls import mirror_map

DEFAULT_SHARD_SIZE = 5000
DEFAULT_VERSIONS_KEPT = 30


class SpecError(ValueError):
    """A spec file that cannot be used; the message names the file, the key and what was expected."""


@cache
def spec_schema() -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / "dataset-spec.schema.json").read_text(encoding="utf-8"))


@dataclass
class Spec:
    path: Path
    data: dict[str, Any]
    sha256: str

    name: str = field(init=False)

    def __post_init__(self) -> None:
        self.name = self.data["name"]

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    @property
    def output(self) -> Path:
        return (self.base_dir / self.data.get("output", self.name)).resolve()

    @property
    def shard_size(self) -> int:
        return self.data.get("shard_size", DEFAULT_SHARD_SIZE)

    @property
    def versions_kept(self) -> int:
        return self.data.get("versions_kept", DEFAULT_VERSIONS_KEPT)

    @property
    def mirrors(self) -> dict[str, str]:
        return mirror_map(self.data.get("mirrors", {}))

    def section(self, key: str) -> dict[str, Any]:
        return self.data.get(key, {})

    def resolve(self, relative: str) -> Path:
        return (self.base_dir / relative).resolve()


def _key_path(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def check_spec(data: dict[str, Any], where: str = "spec") -> None:
    from jsonschema import Draft202012Validator, FormatChecker

    validator = Draft202012Validator(spec_schema(), format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [f"{where}: {_key_path(e.absolute_path)}: {e.message}" for e in errors]
        raise SpecError("invalid dataset spec\n  " + "\n  ".join(lines))


def load_spec(path: str | Path) -> Spec:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError(f"cannot read spec {path}: {exc.strerror}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SpecError(f"{path}: not valid TOML: {exc}") from exc
    check_spec(data, str(path))
    return Spec(path=path.resolve(), data=data, sha256=hashlib.sha256(raw).hexdigest())

"""Load and check a dataset spec (TOML) against ``schemas/dataset-spec.schema.json``."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeGuard

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

    def card_meta(self) -> dict[str, Any]:
        """What the dataset card tells of the spec (recorded in every version's manifest
        entry): its card keys, and the spec itself as TOML with secrets masked and local
        paths relative to the spec file (:func:`public_toml`)."""
        meta = {k: self.data[k] for k in CARD_KEYS if k in self.data}
        meta["spec_toml"] = public_toml(self.data, self.base_dir)
        return meta


def _key_path(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, str) and not re.fullmatch(r"[A-Za-z0-9_-]+", part):
            part = json.dumps(part, ensure_ascii=False)  # fetch.hosts."example.org", as TOML
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _iso_dates(value: Any) -> Any:
    """``value`` with TOML's native dates and datetimes as ISO day text (``2026-01-01``).

    Users write ``since = 2026-01-01`` unquoted and expect it to work; the schema, and the
    JSON a build writes, take text. A datetime keeps only its day: every date key in the spec
    is a day (``format: date``), and the scope compares days anyway.
    """
    if isinstance(value, dict):
        return {key: _iso_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_iso_dates(item) for item in value]
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _source_type(data: Any, path: list[str | int]) -> str | None:
    """The ``type`` of the ``[[sources]]`` entry an error is in, or None outside one."""
    if len(path) < 2 or path[0] != "sources" or not isinstance(data, dict):
        return None
    sources: Any = data.get("sources")  # anything: the spec is being reported as invalid
    try:
        kind = sources[path[1]].get("type")
    except (TypeError, IndexError, KeyError, AttributeError):
        return None
    return kind if isinstance(kind, str) else None


def _alternatives(error: Any) -> list[str] | None:
    """The keys of an ``anyOf`` of single ``required`` keys (one of url, urls, ...), or None."""
    branches = error.validator_value
    if all(isinstance(b, dict) and list(b) == ["required"] for b in branches):
        return [b["required"][0] for b in branches]
    return None


def _expected(error: Any) -> str:
    """What a schema rule wants, in words, without the value that broke it."""
    described = error.schema.get("description")
    if error.validator == "type":
        return f"expected a {error.validator_value}"
    if described:
        return f"expected {described[0].lower()}{described[1:].rstrip('.')}"
    if error.validator == "pattern":
        return f"expected text matching {error.validator_value}"
    return f"expected what the schema's {error.validator!r} rule allows"


def _secret_line(error: Any, path: list[str | int]) -> str | None:
    """The line for a bad value under a secret key (a header, a cookie, a proxy URL with its
    password): it names the key and what was expected, never the value. None for a key name
    (a header's name is no secret)."""
    if "propertyNames" in error.schema_path:
        return None
    return f"{_key_path(path)}: not valid (the value is not shown: it may be a secret); {_expected(error)}"


def _error_lines(error: Any, data: Any) -> list[str]:
    """One readable line per problem in a jsonschema error, naming the key.

    jsonschema's own text names the object, not the key (``'path' is a required property``
    at ``sources[0]``), and an ``anyOf`` says only "not valid under any of the given schemas",
    so the common cases are written here from the source's type. A value under a secret key
    (headers, cookies, proxy) is never repeated.
    """
    path = list(error.absolute_path)
    if any(isinstance(p, str) and SECRET_KEYS.search(p) for p in path):
        line = _secret_line(error, path)
        if line:
            return [line]
    if "propertyNames" in error.schema_path:
        name = error.instance
        if error.validator == "not":
            return [f"{_key_path([*path, name])}: set user_agent or cookies, not this header"]
        return [f"{_key_path([*path, name])}: {_expected(error)}"]
    kind = _source_type(data, path)
    what = f' for type "{kind}"' if kind else ""
    instance = error.instance if isinstance(error.instance, dict) else {}
    if error.validator == "required":
        missing = [key for key in error.validator_value if key not in instance]
        return [f"{_key_path([*path, key])}: required{what}" for key in missing]
    if error.validator == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        owner = f'a "{kind}" source' if kind else (f"[{_key_path(path)}]" if path else "the spec")
        return [
            f"{_key_path([*path, key])}: not a key of {owner} (its keys: {', '.join(known)})"
            for key in instance
            if key not in known
        ]
    if error.validator == "anyOf" and (keys := _alternatives(error)):
        return [f"{_key_path([*path, keys[0]])}: required{what} (or {', or '.join(keys[1:])})"]
    if error.validator == "pattern" and error.schema.get("description"):
        expected = error.schema["description"].rstrip(".")
        return [
            f"{_key_path(path)}: {error.instance!r}: expected {expected[0].lower()}{expected[1:]}"
        ]
    return [f"{_key_path(path)}: {error.message}"]


def _schema_problems(data: dict[str, Any]) -> list[str]:
    from jsonschema import Draft202012Validator, FormatChecker

    validator = Draft202012Validator(spec_schema(), format_checker=FormatChecker())
    errors = sorted(
        validator.iter_errors(data),
        key=lambda e: [(isinstance(p, str), p) for p in e.absolute_path],
    )
    # a key missing from two places of the schema would be reported twice
    return list(dict.fromkeys(line for e in errors for line in _error_lines(e, data)))


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _range_problems(data: dict[str, Any]) -> list[str]:
    """``min_X`` above ``max_X`` in one section: every document would be rejected. Found by
    name, so a pair a later issue adds is checked too."""
    problems = []
    for section, table in data.items():
        if not isinstance(table, dict):
            continue
        for key, low in table.items():
            high_key = "max_" + key.removeprefix("min_")
            high = table.get(high_key)
            if key.startswith("min_") and _is_number(low) and _is_number(high) and low > high:
                problems.append(
                    f"{section}.{key}: {low} is more than {section}.{high_key} ({high})"
                )
    return problems


def _regex_problems(data: dict[str, Any]) -> list[str]:
    """``[scope]`` regexes that do not compile. Checked here, for every source type: a remote
    build would otherwise stop with a traceback mid-run, and a local one never compiles them."""
    scope = data.get("scope")
    if not isinstance(scope, dict):
        return []
    problems = []
    for key in ("include", "exclude"):
        patterns = scope.get(key)
        for i, pattern in enumerate(patterns if isinstance(patterns, list) else []):
            if not isinstance(pattern, str):
                continue
            try:
                re.compile(pattern)
            except re.error as exc:
                problems.append(f"scope.{key}[{i}]: {pattern!r} is not a valid regex: {exc}")
    return problems


def _band_problems(data: dict[str, Any]) -> list[str]:
    """LSH bands x rows must fit in the MinHash signature, or deduplication refuses mid-build."""
    dedup = data.get("dedup")
    if not isinstance(dedup, dict) or not ({"bands", "rows"} & dedup.keys()):
        return []
    from .dedup.settings import NUM_PERM, DedupSettings  # numpy and friends: only when needed

    default = DedupSettings()
    bands, rows = dedup.get("bands", default.bands), dedup.get("rows", default.rows)
    if _is_number(bands) and _is_number(rows) and bands * rows > NUM_PERM:
        key = "bands" if "bands" in dedup else "rows"
        return [f"dedup.{key}: bands x rows is {bands * rows}, more than {NUM_PERM}"]
    return []


def _fetch_problems(data: dict[str, Any]) -> list[str]:
    """The adaptive throttle's first delay above its longest."""
    fetch = data.get("fetch")
    if not isinstance(fetch, dict):
        return []
    start, longest = fetch.get("throttle_start_delay"), fetch.get("throttle_max_delay")
    if _is_number(start) and _is_number(longest) and start > longest:
        return [
            f"fetch.throttle_start_delay: {start} is more than fetch.throttle_max_delay ({longest})"
        ]
    return []


def _card_problems(data: dict[str, Any]) -> list[str]:
    """``license_name`` and ``license_link`` name a licence the Hub does not know: they go
    with ``license = "other"`` only (the Hub ignores them beside a known licence id)."""
    license_id = data.get("license", "other")
    return [
        f'{key}: only with license = "other" (license is {license_id!r}, a licence the Hub knows)'
        for key in ("license_name", "license_link")
        if key in data and license_id != "other"
    ]


# The spec's keys the dataset card reads (the card's YAML and its notes)
CARD_KEYS = (
    "pretty_name", "license", "languages", "description", "license_name", "license_link",
    "copyright", "limitations", "personal_data", "homepage", "tags", "task_categories", "task_ids",
)  # fmt: skip
# Keys whose values are secrets wherever they appear (request headers, cookies, proxies)
SECRET_KEYS = re.compile(r"header|cookie|proxy|proxies|token|password|secret|auth", re.I)
PATH_KEYS = ("path", "output")


def _public(value: Any, base: Path, key: str = "") -> Any:
    """``value`` with secrets masked and absolute local paths made relative to ``base``."""
    from .redact import MASK, redact

    if SECRET_KEYS.search(key):
        if isinstance(value, dict):
            return {k: MASK for k in value}
        return [MASK for _ in value] if isinstance(value, list) else MASK
    if isinstance(value, dict):
        return {k: _public(v, base, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_public(v, base, key) for v in value]
    if isinstance(value, str):
        if key in PATH_KEYS and Path(value).is_absolute():
            value = Path(os.path.relpath(value, base)).as_posix()
        return redact(value)
    return value


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string is a JSON string


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def public_toml(data: dict[str, Any], base: Path) -> str:
    """The spec ``data`` as TOML that can be published: header, cookie and proxy values (and
    credentials in URLs) masked, local paths relative to ``base`` (the spec's folder)."""
    data = _public(data, base)
    plain = {k: v for k, v in data.items() if not isinstance(v, dict) and k != "sources"}
    lines = [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in plain.items()]
    for name, table in data.items():
        if isinstance(table, dict):
            lines += ["", f"[{_toml_key(name)}]"]
            lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items()]
    for source in data.get("sources", []):
        lines += ["", "[[sources]]"]
        lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in source.items()]
    return "\n".join(lines) + "\n"


def check_spec(data: dict[str, Any], where: str = "spec") -> dict[str, Any]:
    """Raise :class:`SpecError` naming every bad key of ``data`` (a parsed spec); return the
    data as the build uses it (native TOML dates as ISO text)."""
    data = _iso_dates(data)
    problems = _schema_problems(data)
    if isinstance(data, dict):
        problems += _range_problems(data) + _regex_problems(data) + _band_problems(data)
        problems += _card_problems(data) + _fetch_problems(data)
    if problems:
        lines = [f"{where}: {line}" for line in problems]
        raise SpecError("invalid dataset spec\n  " + "\n  ".join(lines))
    return data


def _check_output(spec: Spec, where: str) -> None:
    """The output folder, or the first part of it that exists, must be a folder: writing into
    a file fails deep in the build with NotADirectoryError."""
    existing = next(part for part in (spec.output, *spec.output.parents) if part.exists())
    if not existing.is_dir():
        key = "output" if "output" in spec.data else f"output (default: the name {spec.name!r})"
        raise SpecError(
            f"invalid dataset spec\n  {where}: {key}: {existing} is a file, not a folder"
        )


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
    data = check_spec(data, str(path))
    spec = Spec(path=path.resolve(), data=data, sha256=hashlib.sha256(raw).hexdigest())
    _check_output(spec, str(path))
    return spec

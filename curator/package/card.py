"""The dataset card (README.md): YAML front matter that ``datasets`` and the Hub read, written
through ``huggingface_hub``'s :class:`DatasetCardData` (configs with explicit file lists, a
``dataset_info`` for every config with the Arrow sizes ``datasets`` computes), and a body
written for the people deciding whether to use the data: what it is and how it was made (the
spec itself), licence and copyright, limitations, counts, reject and duplicate reasons, tools
and changelog. Every count is cumulative over the versions, and right after a takedown."""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_atomic
from ..layout import Layout
from ..record import article_schema, features_dict
from .manifest import Manifest

if TYPE_CHECKING:  # the Hub client is imported when a card is rendered
    from huggingface_hub import DatasetCardData

SIZE_CATEGORIES = [
    (1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"),
]  # fmt: skip
DEFAULT_TAGS = ["news", "curator"]
DEFAULT_TASKS = ["text-generation"]  # rows carry no labels: no classification task
DEFAULT_TASK_IDS = ["language-modeling"]
DEFAULT_LICENSE_NAME = "publishers-copyright"
DEFAULT_LICENSE_LINK = "README.md"  # the card's own "Licence and copyright" section
PLACEHOLDER = "ORG/NAME"
# Charts the card shows when `curator report --card-assets` or `push` has drawn them
CARD_CHARTS = {
    "versions.png": "Articles per version",
    "languages.png": "Languages",
    "hosts.png": "Top hosts",
    "published.png": "Publication dates",
}

DEFAULT_COPYRIGHT = (
    "The article texts, titles and descriptions were published by the sites listed under "
    "Sources and remain the copyright of their publishers and authors. The licence above "
    "covers this compilation (the selection, the cleaning and the metadata), not the texts: "
    "check each publisher's terms before you redistribute the texts or train on them. To "
    "have an article taken down, ask the maintainer; `curator remove` removes it from every "
    "version."
)
DEFAULT_LIMITATIONS = (
    "The articles are what the listed sites published in the crawl window, so the data "
    "carries their editorial choices, topics, regions and biases, and over-represents the "
    "hosts with most pages (see the tables below). Cleaning is automatic: some site chrome "
    "may remain and, rarely, a paragraph of the article may be lost. Languages, dates and "
    "authors are detected automatically and can be wrong; rows without a detected date count "
    "as `unknown`. Near-duplicates above the threshold are dropped, so syndicated copies "
    "appear once."
)
DEFAULT_PERSONAL_DATA = (
    "News articles name people: public figures, and private people quoted or reported on. "
    "Author names are kept in `authors`. No personal data was added or inferred, and none was "
    "removed beyond what the sites published; treat the texts as personal data where your law "
    "says so, and do not use them to profile individuals."
)


def size_category(rows: int) -> str:
    return next((label for limit, label in SIZE_CATEGORIES if rows < limit), "n>1B")


def _data_files(version: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"split": "train", "path": list(version["shards"])}]


def config_versions(manifest: Manifest, kept: int) -> list[dict[str, Any]]:
    """The versions that keep a config of their own: the most recent ``kept`` ones."""
    return manifest.versions[-kept:]


def _yaml_feature(feature: dict[str, Any]) -> dict[str, Any]:
    """One feature of ``features_dict()`` in the card's YAML form, as ``datasets`` writes it
    (``Features._to_yaml_list``): a list of a plain value or of a struct is shortened."""
    kind = feature.get("_type")
    if kind == "Value":
        return {"dtype": feature["dtype"]}
    if kind == "List":
        inner = _yaml_feature(feature["feature"])
        if list(inner) in (["dtype"], ["struct"]):
            inner = next(iter(inner.values()))
        return {"list": inner}
    if kind is None:
        return {"struct": _yaml_features(feature)}
    raise ValueError(f"no YAML form for feature type {kind!r}")


def _yaml_features(fields: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"name": name, **_yaml_feature(feature)} for name, feature in fields.items()]


# -- sizes: what `datasets` reports -------------------------------------------------------------
_ARROW_BYTES: dict[str, int] = {}  # shard sha256 -> Arrow bytes, for this process


def arrow_nbytes(path: Path) -> int:
    """The Arrow size of one parquet shard as ``datasets`` counts it when it loads the file
    (``split_info.num_bytes``): its parquet builder reads each file in batches of the first
    row group's length and its writer adds up ``Table.nbytes`` of each batch."""
    import pyarrow as pa
    import pyarrow.dataset as pads

    with open(path, "rb") as fh:
        fragment = pads.ParquetFileFormat().make_fragment(fh)
        if not fragment.row_groups:
            return 0
        size = fragment.row_groups[0].num_rows
        batches = fragment.to_batches(batch_size=size, batch_readahead=0, fragment_readahead=0)
        return sum(pa.Table.from_batches([b]).combine_chunks().nbytes for b in batches)


def shard_arrow_bytes(dataset: Path | None, manifest: Manifest) -> dict[str, int] | None:
    """Shard path -> Arrow bytes for every shard of ``manifest`` (None without the folder or
    with a shard that is not parquet). Kept by sha256 in ``.curator/card-sizes.json``, so a
    shard is read once in its life, not at every card."""
    if dataset is None or any(not rel.endswith(".parquet") for rel in manifest.shards):
        return None
    cache_file = Layout(dataset).card_sizes
    cache: dict[str, int] = {}
    if cache_file.is_file():
        try:
            cache = {k: int(v) for k, v in json.loads(cache_file.read_text("utf-8")).items()}
        except (ValueError, AttributeError, TypeError):
            cache = {}
    out, changed = {}, False
    for rel, meta in manifest.shards.items():
        sha = meta["sha256"]
        if sha not in cache:
            if sha not in _ARROW_BYTES:
                path = dataset / rel
                if not path.is_file():
                    return None
                _ARROW_BYTES[sha] = arrow_nbytes(path)
            cache[sha], changed = _ARROW_BYTES[sha], True
        out[rel] = cache[sha]
    if changed and Layout(dataset).state.is_dir():
        live = {meta["sha256"] for meta in manifest.shards.values()}
        kept = {k: v for k, v in sorted(cache.items()) if k in live}
        write_atomic(cache_file, json.dumps(kept, indent=1) + "\n")
    return out


def _dataset_info(
    manifest: Manifest, name: str, version: dict[str, Any], arrow: dict[str, int] | None
) -> dict[str, Any]:
    """One config's ``dataset_info`` as ``DatasetInfo._to_yaml_dict`` writes it."""
    shards = version["shards"]
    split: dict[str, Any] = {"name": "train"}
    if arrow is not None:
        split["num_bytes"] = sum(arrow[s] for s in shards)
    split["num_examples"] = sum(manifest.shards[s]["num_rows"] for s in shards)
    info: dict[str, Any] = {"config_name": name, "features": _yaml_features(_features(manifest))}
    if arrow is not None:  # datasets reads splits only with num_bytes: JSON lines have none
        info["splits"] = [split]
    info["download_size"] = sum(manifest.shards[s]["num_bytes"] for s in shards)
    if arrow is not None:
        info["dataset_size"] = split["num_bytes"]
    return info


def _fields(manifest: Manifest) -> list[str] | None:
    """The columns of an export made with ``--fields`` (None: all)."""
    return (manifest.latest or {}).get("fields")


def _features(manifest: Manifest) -> dict[str, Any]:
    fields = _fields(manifest)
    return {k: v for k, v in features_dict().items() if fields is None or k in fields}


def card_data(
    manifest: Manifest, meta: dict[str, Any], kept: int, dataset: Path | None = None
) -> DatasetCardData:
    """The card's metadata as a :class:`huggingface_hub.DatasetCardData`."""
    from huggingface_hub import DatasetCardData

    latest = manifest.head
    rows = latest["stats"]["rows"]
    languages = meta.get("languages") or sorted(
        k for k in latest["stats"]["by_language"] if k != "unknown"
    )
    license_id = meta.get("license") or "other"
    other: dict[str, Any] = {}
    if license_id == "other":
        other = {
            "license_name": meta.get("license_name") or DEFAULT_LICENSE_NAME,
            "license_link": meta.get("license_link") or DEFAULT_LICENSE_LINK,
        }
    configs = {"default": latest}
    for version in config_versions(manifest, kept):
        configs[version["version"]] = version
    arrow = shard_arrow_bytes(dataset, manifest)
    return DatasetCardData(
        pretty_name=meta.get("pretty_name") or manifest.name,
        license=license_id,
        **other,
        language=languages,
        multilinguality="multilingual" if len(languages) > 1 else "monolingual",
        size_categories=[size_category(rows)],
        source_datasets=["original"],
        language_creators=["found"],
        annotations_creators=["machine-generated"],
        task_categories=meta.get("task_categories") or DEFAULT_TASKS,
        task_ids=meta.get("task_ids") or DEFAULT_TASK_IDS,
        tags=meta.get("tags") or DEFAULT_TAGS,
        dataset_info=[
            _dataset_info(manifest, name, configs[name], arrow) for name in sorted(configs)
        ],
        configs=[
            {"config_name": name, "data_files": _data_files(configs[name])}
            for name in sorted(configs)
        ],
    )


def front_matter(
    manifest: Manifest, meta: dict[str, Any], kept: int, dataset: Path | None = None
) -> str:
    """The YAML that ``datasets`` and the Hub read, as ``DatasetCardData`` writes it."""
    return card_data(manifest, meta, kept, dataset).to_yaml().strip()


# -- the body ------------------------------------------------------------------------------------
def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(counter: dict[str, int], head: str, limit: int = 15, unit: str = "rows") -> str:
    rows = Counter(counter).most_common(limit)
    if not rows:
        return f"| {head} | {unit} |\n|---|---:|\n| (none) | 0 |"
    lines = [f"| {head} | {unit} |", "|---|---:|"] + [f"| {_cell(k)} | {v} |" for k, v in rows]
    if len(counter) > limit:
        lines.append(
            f"| ({len(counter) - limit} more) | {sum(counter.values()) - sum(n for _, n in rows)} |"
        )
    return "\n".join(lines)


def _fields_table(fields: list[str] | None) -> str:
    props = article_schema()["properties"]
    lines = ["| column | description |", "|---|---|"]
    lines += [
        f"| `{name}` | {prop.get('description', '')} |"
        for name, prop in props.items()
        if fields is None or name in fields
    ]
    return "\n".join(lines)


def _changelog(manifest: Manifest) -> str:
    out = []
    for v in reversed(manifest.versions):
        c = v["counts"]
        out.append(
            f"- **{v['version']}** ({v['date'][:10]}): {c.get('added', 0)} added, {c.get('updated', 0)} updated, "
            f"{c.get('removed', 0)} removed, {c.get('duplicates', 0)} duplicates dropped, {c.get('rejected', 0)} rejected"
            + (f". {v['note']}" if v.get("note") else "")
        )
    return "\n".join(out)


def load_hint(path_hint: str) -> str:
    """What the load snippet names: ORG/NAME on the Hub, a relative folder as it is, and for
    a local absolute path only the folder's name (the card never tells where it was built)."""
    if not path_hint or Path(path_hint).is_absolute() or path_hint.startswith(("~", "\\")):
        return Path(path_hint).name if path_hint else PLACEHOLDER
    return path_hint


def reasons(dataset: Path | None, manifest: Manifest) -> tuple[Counter, Counter] | None:
    """Reject reasons (the part before the first colon) and duplicate reasons, counted over
    every version's report; None when the folder keeps no reports (an export)."""
    if dataset is None:
        return None
    layout = Layout(dataset)
    rejects: Counter[str] = Counter()
    duplicates: Counter[str] = Counter()
    found = False
    for v in manifest.versions:
        folder = layout.version_reports(v["version"])
        for name, counter in (("rejects.jsonl", rejects), ("duplicates.jsonl", duplicates)):
            path = folder / name
            if not path.is_file():
                continue
            found = True
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    try:
                        reason = json.loads(line).get("reason") or "unknown"
                    except (ValueError, AttributeError):
                        continue
                    counter[str(reason).split(":", 1)[0]] += 1
    return (rejects, duplicates) if found else None


def _spec_parts(meta: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    text = meta.get("spec_toml") or ""
    try:
        return text, tomllib.loads(text) if text else {}
    except tomllib.TOMLDecodeError:
        return text, {}


def _source_line(source: dict[str, Any]) -> str:
    kind = source.get("type", "?")
    if "url" in source:
        return f"- `{kind}`: <{source['url']}>"
    if "urls" in source:
        urls = source["urls"]
        shown = ", ".join(f"<{u}>" for u in urls[:5]) + (
            f" and {len(urls) - 5} more" if len(urls) > 5 else ""
        )
        return f"- `{kind}`: {len(urls)} URL(s): {shown}"
    if "path" in source:
        return f"- `{kind}`: `{source['path']}` (local, relative to the spec)"
    return f"- `{kind}`"


def _sources(meta: dict[str, Any], stats: dict[str, Any]) -> str:
    _, spec = _spec_parts(meta)
    lines = [_source_line(s) for s in spec.get("sources", [])]
    if not lines:
        lines = ["- (the spec's sources were not recorded by the curator that built this version)"]
    hosts = sorted(k for k in stats.get("by_source", {}) if k != "unknown")
    if hosts:
        lines.append("")
        lines.append("Hosts the published articles come from: " + ", ".join(f"`{h}`" for h in hosts[:40])
                     + (f" and {len(hosts) - 40} more" if len(hosts) > 40 else "") + ".")  # fmt: skip
    return "\n".join(lines)


def _dedup_settings(meta: dict[str, Any]) -> str:
    _, spec = _spec_parts(meta)
    from ..dedup.settings import DedupSettings

    settings = {**DedupSettings().as_dict(), **spec.get("dedup", {})}
    if not settings:
        return "(not recorded)"
    return ", ".join(f"`{k}` = {json.dumps(v)}" for k, v in settings.items())


def _totals(manifest: Manifest) -> dict[str, int]:
    total: Counter = Counter()
    for v in manifest.versions:
        total.update({k: n for k, n in v["counts"].items() if isinstance(n, int)})
        total["removed"] += 0 if "removed" in v["counts"] else len(v.get("removals", []))
    return dict(total)


def _made(manifest: Manifest) -> str:
    t = _totals(manifest)
    processed = t.get("added", 0) + t.get("duplicates", 0) + t.get("rejected", 0)
    pct = (lambda n: f" ({100 * n / processed:.1f}%)") if processed else (lambda n: "")
    latest = manifest.head
    c = latest["counts"]
    if latest.get("removals"):
        last = f"The latest version, {latest['version']}, is a takedown: {len(latest['removals'])} article(s) removed from every version."
    else:
        seen = c.get("added", 0) + c.get("duplicates", 0) + c.get("rejected", 0)
        last = (
            f"The latest version, {latest['version']}: {seen} new or changed pages processed, {c.get('added', 0)} added, "
            f"{c.get('updated', 0)} updated, {c.get('duplicates', 0)} duplicates dropped, {c.get('rejected', 0)} rejected."
        )
    return (
        f"Over all {len(manifest.versions)} version(s): {processed} pages processed, {t.get('added', 0)} added{pct(t.get('added', 0))}, "
        f"{t.get('duplicates', 0)} duplicates dropped{pct(t.get('duplicates', 0))}, {t.get('rejected', 0)} rejected{pct(t.get('rejected', 0))}, "
        f"{t.get('updated', 0)} corrected at the source, {t.get('removed', 0)} taken down; {latest['stats']['rows']} articles published now.\n"
        f"{last}"
    )


def _tools(manifest: Manifest) -> str:
    seen: dict[tuple[str, str], list[str]] = {}
    for v in manifest.versions:
        key = (v.get("curator_version", "?"), v.get("trafilatura_version", "?"))
        seen.setdefault(key, []).append(v["version"])
    lines = ["| versions | curator | trafilatura |", "|---|---|---|"]
    for (cur, traf), names in seen.items():
        which = names[0] if len(names) == 1 else f"{names[0]} to {names[-1]}"
        lines.append(f"| {which} | {cur} | {traf} |")
    return "\n".join(lines)


def _licence(meta: dict[str, Any]) -> str:
    license_id = meta.get("license") or "other"
    if license_id == "other":
        name = meta.get("license_name") or DEFAULT_LICENSE_NAME
        link = meta.get("license_link")
        head = f"Licence: `other` (`{name}`" + (f", {link}" if link else "") + ")."
    else:
        head = f"Licence of the compilation: `{license_id}`."
    return f"{head}\n\n{meta.get('copyright') or DEFAULT_COPYRIGHT}"


def _reasons_section(found: tuple[Counter, Counter] | None) -> str:
    if found is None:
        return "The reports of rejected and dropped pages are not kept in this copy of the dataset."
    rejects, duplicates = found
    return (
        "Why pages were rejected (all versions):\n\n"
        + _table(rejects, "reject reason", unit="pages")
        + "\n\nWhy pages were dropped as duplicates (all versions; `url`: same canonical URL, "
        "`exact`: same text, `near`: MinHash near-duplicate):\n\n"
        + _table(duplicates, "duplicate reason", unit="pages")
    )


def _charts(assets: list[str]) -> str:
    if not assets:
        return ""
    pictures = "\n".join(f"![{CARD_CHARTS.get(a, a)}](assets/{a})" for a in assets)
    return f"\n## Charts\n\n{pictures}\n\n`curator report` draws these and more as one HTML page.\n"


def card_assets(dataset: Path | None) -> list[str]:
    """The chart pictures present in the folder's ``assets/``, in the card's order."""
    if dataset is None:
        return []
    folder = Layout(dataset).assets
    return [name for name in CARD_CHARTS if (folder / name).is_file()]


def body(
    manifest: Manifest,
    meta: dict[str, Any],
    path_hint: str,
    kept: int,
    dataset: Path | None = None,
    assets: list[str] | None = None,
) -> str:
    """The card's prose, section by section, for the people who use the data."""
    return (
        _intro(manifest, meta)
        + _load_section(manifest, path_hint, kept)
        + _notes_section(meta)
        + _made_section(manifest, meta, dataset)
        + _contents_section(manifest, dataset, assets)
    )


def _intro(manifest: Manifest, meta: dict[str, Any]) -> str:
    latest = manifest.head
    homepage = f"\nHomepage: <{meta['homepage']}>\n" if meta.get("homepage") else ""
    return f"""
# {meta.get("pretty_name") or manifest.name}

{meta.get("description") or "News articles with their site chrome removed, deduplicated and tagged with metadata."}
{homepage}
Built by curator {latest["curator_version"]} with trafilatura {latest["trafilatura_version"]}.
Latest version: **{latest["version"]}**, {latest["stats"]["rows"]} articles.
"""


def _load_section(manifest: Manifest, path_hint: str, kept: int) -> str:
    older = len(manifest.versions) - len(config_versions(manifest, kept))
    hint = load_hint(path_hint)
    where = (
        "# on the Hub; from a copy of this folder, name the folder instead"
        if "/" in hint and not hint.startswith(".")
        else f'# the path of this folder; once on the Hub, load_dataset("{PLACEHOLDER}")'
    )
    return f"""
## Load it

```python
from datasets import load_dataset
{where}
ds = load_dataset("{hint}", split="train")               # newest version
v1 = load_dataset("{hint}", "{manifest.versions[0]["version"]}", split="train")  # a pinned version
```

Every version has its own config (the {kept} most recent ones{f"; {older} older ones are rebuilt with `curator export`" if older else ""}). Configs list their files explicitly, so a cached load never
serves stale rows.
"""


def _notes_section(meta: dict[str, Any]) -> str:
    return f"""
## Licence and copyright

{_licence(meta)}

## Limitations and bias

{meta.get("limitations") or DEFAULT_LIMITATIONS}

## Personal data

{meta.get("personal_data") or DEFAULT_PERSONAL_DATA}
"""


def _spec_block(manifest: Manifest, meta: dict[str, Any]) -> str:
    spec_text, _ = _spec_parts(meta)
    if not spec_text:
        return f"The spec's sha256: `{manifest.head['spec_sha256'][:16]}`."
    return (
        f"<details><summary>The spec (secrets masked, local paths relative to it)</summary>\n\n"
        f"```toml\n{spec_text.strip()}\n```\n\n</details>"
    )


def _made_section(manifest: Manifest, meta: dict[str, Any], dataset: Path | None) -> str:
    return f"""
## How it was made

Pages were read from the sources in the spec, cleaned (site chrome such as breadcrumbs, share
prompts, photo captions, mirror notices and promos removed; what they told kept as metadata),
tagged (language with langdetect, dates, authors, section, quality signals), filtered, and
deduplicated (canonical URL, exact text hash, MinHash near-duplicates). Duplicates are not
published; each row says how large its duplicate cluster was (`dup_cluster_size`).

{_made(manifest)}

Deduplication settings: {_dedup_settings(meta)}.

### Sources

{_sources(meta, manifest.head["stats"])}

{_spec_block(manifest, meta)}

### Rejected and dropped pages

{_reasons_section(reasons(dataset, manifest))}
"""


def _contents_section(manifest: Manifest, dataset: Path | None, assets: list[str] | None) -> str:
    stats = manifest.head["stats"]
    return f"""
## Contents

{_table(stats["by_source"], "source")}

{_table(stats["by_language"], "language")}

{_table(stats["by_year"], "year published")}
{_charts(card_assets(dataset) if assets is None else assets)}
## Columns

{_fields_table(_fields(manifest))}

## Tools

{_tools(manifest)}

## Changelog

{_changelog(manifest)}
"""


def render_card(
    manifest: Manifest,
    meta: dict[str, Any],
    path_hint: str,
    kept: int,
    *,
    dataset: Path | None = None,
    assets: list[str] | None = None,
) -> str:
    """The card. ``path_hint`` is what the load snippet names (a Hub repo id, or the folder;
    a local absolute path is cut to the folder's name). ``dataset`` is the folder whose shards
    and reports the card reads; when ``path_hint`` is a folder, it is that folder (and the
    snippet names only the folder's name).
    ``assets`` are the chart pictures to show (default: those in the folder's ``assets/``)."""
    if dataset is None and path_hint and Path(path_hint).is_dir():
        dataset = Path(path_hint).absolute()  # write_card's hint: the folder itself
        path_hint = dataset.name
    yaml_text = front_matter(manifest, meta, kept, dataset)
    return f"---\n{yaml_text}\n---\n{body(manifest, meta, path_hint, kept, dataset, assets)}"

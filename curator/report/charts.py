"""The report's charts, drawn with matplotlib (Agg, no display): inline SVG for the HTML page,
PNG for the card's ``assets/``. Imported only by ``curator report`` and ``push``: a build
never pays for plotting."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

COLOR = "#3b6ea8"
OUTCOMES = ("fetched", "not_modified", "from_archive", "robots_refused", "out_of_scope", "denied", "failed")  # fmt: skip
OUTCOME_COLORS = ["#3b6ea8", "#7fa7d4", "#a8c8e8", "#e0a030", "#b0b0b0", "#8c564b", "#c8443a"]


def _figure(width: float = 7.0, height: float = 3.2):
    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _empty(ax, what: str) -> None:
    ax.text(0.5, 0.5, f"no {what}", ha="center", va="center", color="#888", fontsize=12)
    ax.set_xticks([])
    ax.set_yticks([])


def _barh(counter: dict[str, int], title: str, what: str, limit: int = 15):
    items = Counter(counter).most_common(limit)[::-1]
    fig, ax = _figure(7.0, max(2.2, 0.32 * len(items) + 1.0))
    if not items:
        _empty(ax, what)
    else:
        labels = [str(k)[:48] for k, _ in items]
        values = [v for _, v in items]
        ax.barh(labels, values, color=COLOR)
        for y, v in enumerate(values):
            ax.text(v, y, f" {v}", va="center", fontsize=8)
        ax.set_xlabel(what)
    ax.set_title(title, loc="left", fontsize=11)
    fig.tight_layout()
    return fig


def versions_chart(versions: list[dict[str, Any]]):
    """Articles per version over time: published rows after each version, and rows added."""
    fig, ax = _figure()
    if not versions:
        _empty(ax, "versions")
    else:
        names = [f"{v['version']}\n{v['date'][:10]}" for v in versions]
        x = range(len(versions))
        ax.bar(x, [v["counts"].get("added", 0) for v in versions], color="#a8c8e8", label="added")
        ax.plot(
            x,
            [v["stats"]["rows"] for v in versions],
            color=COLOR,
            marker="o",
            label="published rows",
        )
        ax.set_xticks(list(x), names, fontsize=7)
        ax.set_ylabel("articles")
        ax.legend(frameon=False, fontsize=8)
    ax.set_title("Articles per version", loc="left", fontsize=11)
    fig.tight_layout()
    return fig


def languages_chart(languages: dict[str, int]):
    return _barh(languages, "Languages", "articles")


def hosts_chart(hosts: dict[str, int]):
    return _barh(hosts, "Top hosts", "articles")


def published_chart(months: dict[str, int]):
    """Publication dates by month (rows with no date left out, counted in the title)."""
    fig, ax = _figure()
    known = {k: v for k, v in sorted(months.items()) if k != "unknown"}
    if not known:
        _empty(ax, "publication dates")
    else:
        ax.bar(range(len(known)), list(known.values()), color=COLOR)
        step = max(1, len(known) // 12)
        labels = list(known)
        ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, fontsize=7)
        ax.set_ylabel("articles")
    title = "Publication dates (by month)"
    if months.get("unknown"):
        title += f"; {months['unknown']} without a date"
    ax.set_title(title, loc="left", fontsize=11)
    fig.tight_layout()
    return fig


def histogram(values: Sequence[float], title: str, xlabel: str, bins: int = 30):
    fig, ax = _figure()
    values = [v for v in values if v is not None]
    if not values:
        _empty(ax, "values")
    else:
        ax.hist(values, bins=bins, color=COLOR)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("articles")
    ax.set_title(title, loc="left", fontsize=11)
    fig.tight_layout()
    return fig


def quality_chart(signals: dict[str, list[float]]):
    """One small histogram per quality signal."""
    names = sorted(signals)
    cols = 3
    rows = max(1, -(-len(names) // cols))
    fig, axes = plt.subplots(rows, cols, figsize=(7.0, 2.0 * rows + 0.4), dpi=100, squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.spines[["top", "right"]].set_visible(False)
        if i >= len(names):
            ax.set_visible(False)
            continue
        values = [v for v in signals[names[i]] if v is not None]
        if values:
            ax.hist(values, bins=20, color=COLOR)
        else:
            _empty(ax, "values")
        ax.set_title(names[i].replace("_", " "), fontsize=8)
        ax.tick_params(labelsize=7)
    if not names:
        axes.flat[0].set_visible(True)
        _empty(axes.flat[0], "quality signals")
    fig.suptitle("Quality signals", x=0.01, ha="left", fontsize=11)
    fig.tight_layout()
    return fig


def fetch_chart(by_host: dict[str, dict[str, Any]], limit: int = 20):
    """How each host answered in the run: stacked outcomes per host."""
    rows = []
    for host, stats in by_host.items():
        counts = {}
        for key in OUTCOMES:
            value = stats.get(key, 0)
            counts[key] = sum(value.values()) if isinstance(value, dict) else int(value or 0)
        rows.append((host, counts))
    rows = sorted(rows, key=lambda r: -sum(r[1].values()))[:limit][::-1]
    fig, ax = _figure(7.0, max(2.2, 0.32 * len(rows) + 1.2))
    if not rows:
        _empty(ax, "fetches in this run (local sources)")
    else:
        left = [0] * len(rows)
        labels = [h[:40] for h, _ in rows]
        for key, color in zip(OUTCOMES, OUTCOME_COLORS, strict=True):
            values = [c[key] for _, c in rows]
            if any(values):
                ax.barh(labels, values, left=left, color=color, label=key.replace("_", " "))
                left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_xlabel("requests")
        ax.legend(frameon=False, fontsize=7, loc="lower right")
    ax.set_title("Fetch outcomes per host (latest run)", loc="left", fontsize=11)
    fig.tight_layout()
    return fig


def svg(fig) -> str:
    """The figure as an inline ``<svg>`` element (no XML header, no date: reproducible)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


def png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


Chart = Callable[[], Any]

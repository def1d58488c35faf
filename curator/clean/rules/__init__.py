"""Line rules: one module per class of chrome, each a small named unit.

A rule sees the page as a list of paragraphs (:class:`~.base.Page`) and marks paragraphs
removed, saying which rule removed them, and records what the chrome told as metadata. Rules
run in :data:`RULES` order, set here and nowhere else; a rule never sees paragraphs an earlier
rule removed. Shared helpers live in :mod:`.base`.
"""

from __future__ import annotations

from . import (
    ads,
    bios,
    breadcrumbs,
    bylines,
    captions,
    comments,
    cookies,
    copyright,
    edges,
    mirrors,
    navigation,
    newsletter,
    promos,
    related,
    repeated,
    share,
    span,
    threads,
)
from .base import Rule

# Order matters: rules that harvest metadata run before the generic edge trimming, so the
# section, credits, mirror addresses and bylines are recorded under their own rule names;
# bylines run before the title rule's neighbours so "By X" under a headline is harvested, and
# before bios (a bio opens with a byline's name); navigation runs after the named link lists
# so "Most read" keeps its own rule name; edges reads the header of what is left; in plain
# text, threads then removes a comment thread under the article (as dense as the article, it
# could outweigh it) and span keeps the densest run of prose of what is left.
RULES: list[Rule] = [
    breadcrumbs.rule,
    repeated.title_rule,
    captions.rule,
    mirrors.rule,
    bylines.rule,
    bios.rule,
    share.rule,
    promos.rule,
    newsletter.rule,
    cookies.rule,
    comments.rule,
    related.rule,
    copyright.rule,
    ads.rule,
    navigation.rule,
    repeated.paragraph_rule,
    edges.rule,
    threads.rule,
    span.rule,
]

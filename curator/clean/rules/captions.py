"""Photo captions and credits: "(Photo by Reuters)", "Photo: Jane Doe/AP", "Credit: ...",
"Getty Images", "File photo", "Foto: dpa", "Photo : AFP". The credit goes to ``image_credits``.

Two names: ``photo-caption`` for a line that says it is a caption or a credit (a bracketed
"(Photo by X)", a leading "Photo:", a caption label, "File photo"); ``photo-credit`` for a
line that only ends with an agency's name or a "Photo: X" after a sentence, which on text
renderings of real pages is as often the article's own sentence (removal precision 0.71):
with a line model it is advice (curator/clean/textmodel)."""

from __future__ import annotations

import re

from .base import Page, named

_WORD = (
    r"(?:photos?|photograph|picture|pic|image(?: source)?|foto(?:s|grafía)?|bild(?:quelle)?|crédit(?:s)? photo|photo credit"
    r"|credits?|crédits?|imagen)"
)
# "(Photo by X)" / "(Foto: X)" closing a caption line.
_PAREN = re.compile(
    rf"\(\s*{_WORD}\s*(?:by|de|von|par|:|/)\s*(?P<credit>[^()]{{2,80}})\)\s*$", re.I
)
# "Photo: X" / "Credit: X" as the whole line or its start.
_LEAD = re.compile(rf"^{_WORD}\s*(?:by|:|/|,|©)\s*(?P<credit>.{{2,80}})$", re.I)
# "<caption sentence>. Photo: X" - the credit closing a caption that is itself a sentence.
_AFTER_SENTENCE = re.compile(
    r"[.!?]\s+(?:photo|photograph|foto|bild|image|imagen|crédit photo)\s*:\s*(?P<credit>[^.:]{2,80})$",
    re.I,
)
# A caption label with no credit: "Image caption, ...", "Légende : ...", "Bildunterschrift: ...".
_LABEL = re.compile(r"^(?:image caption|caption|légende|bildunterschrift|pie de foto)\s*[:,]", re.I)
# An agency credit closing a caption: "... Jane Doe/AFP", "... Getty Images", "... (AP Photo/Jane Doe)".
_AGENCY_NAMES = ("AFP", "AP", "Reuters", "dpa", "EFE", "ANSA", "Getty Images", "Shutterstock", "Bloomberg",
                 "Xinhua", "Anadolu", "EPA", "Keystone", "Imago", "Alamy", "picture alliance", "AP Photo")  # fmt: skip
_AGENCIES = f"(?:{'|'.join(_AGENCY_NAMES)})"
# The photographer before "/Agency" is up to four name words or initials ("J. Doe"), never
# the end of the caption's sentence ("... on Thursday. Jane Roe/Reuters" credits "Jane Roe").
_NAME = r"(?:(?:[A-Z]\.|[\w'’-]+)\s){0,3}(?:[A-Z]\.|[\w'’-]+)"
_TAIL = re.compile(
    rf"(?P<credit>(?:{_NAME}\s*/\s*)?{_AGENCIES}(?:\s*/\s*[\w.'’ -]{{1,40}})?)\s*\)?\.?$"
)
_FILE_PHOTO = re.compile(
    r"^(?:\(?file photo\)?|archive photo|photo d'archive|archivbild|archivfoto|foto de archivo)\b",
    re.I,
)
MAX_CAPTION_WORDS = 60


def credit_of(line: str) -> str | None:
    """The credit a caption line gives, or None when the line is not a caption."""
    line = line.strip()
    if len(line.split()) > MAX_CAPTION_WORDS:
        return None
    # Quick necessary conditions first (prose lines fail them): _PAREN needs both brackets,
    # _AFTER_SENTENCE a colon, and _TAIL (case-sensitive) an agency's name.
    for pattern, needed in (
        (_PAREN, "(" in line and ")" in line),
        (_LEAD, True),
        (_AFTER_SENTENCE, ":" in line),
    ):
        m = pattern.search(line) if needed else None
        if m:
            return m.group("credit").strip(" .;")
    m = _TAIL.search(line) if any(a in line for a in _AGENCY_NAMES) else None
    if m and (len(line.split()) <= 8 or "/" in m.group("credit") or "Getty" in m.group("credit")):
        return m.group("credit").strip(" .;()")
    if _FILE_PHOTO.match(line) or _LABEL.match(line):
        return ""
    return None


def says_caption(line: str) -> bool:
    """The line says it is a caption or a credit, not only ends with one."""
    line = line.strip()
    return bool(
        ("(" in line and _PAREN.search(line))
        or _LEAD.search(line)
        or _FILE_PHOTO.match(line)
        or _LABEL.match(line)
    )


@named("photo-caption")
def rule(page: Page) -> None:
    for i in page.live():
        line = page.paragraphs[i]
        credit = credit_of(line)
        if credit is not None:
            page.remove(i, "photo-caption" if says_caption(line) else "photo-credit")
            page.add_meta("image_credits", credit)

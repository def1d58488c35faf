"""Comment prompts and counters: "Leave a comment", "Comments (12)", "Join the conversation",
"Laisser un commentaire", "Kommentar schreiben", "Deja un comentario", "Comments are closed";
and the comment form's own chrome, as WordPress and Drupal print it in many languages ("Your
email address will not be published.", "Allowed HTML tags: <em> <strong>", "Leave this field
blank") with the field labels around it ("Name *", "Website"). The comments stay."""

from __future__ import annotations

import re

from .base import Page, may_contain, named, short_match, spread_over_runs

_PHRASES = re.compile(
    r"^(?:\d+\s+)?(?:reader\s+)?(?:comments?|commentaires?|kommentare?|comentarios?|reactions?|réactions?)\s*(?:\(\d+(?: posted)?\)|:?\s*\d+)?\s*(?:[·|•–-]\s*\S.*)?$"
    r"|\b(?:leave|post|add|write|submit|view|show|read|see|load|expand) (?:a |your |all |the |full )?(?:\d+ )?comments?\b"
    # "Leave a ReplyCancel reply": the renderer glues the form's title to its link
    r"|\b(?:leave|post|write|share|submit) (?:a|your) (?:reply|comment)(?:\b|(?=cancel))|cancel reply\b"
    r"|\bjoin the (?:conversation|discussion|debate)\b|\bbe the first to comment\b|\bcomments? (?:are|is) (?:closed|disabled)\b"
    r"|\bcommenting (?:is|has been) (?:closed|disabled)\b|\bcomment on this (?:story|article)\b"
    r"|^réagir$|laisser un commentaire|ajouter un commentaire|réagir à cet article|voir les commentaires|les commentaires sont fermés|annuler la réponse"
    r"|kommentar (?:schreiben|verfassen|abgeben)|kommentare (?:anzeigen|lesen|geschlossen)|diskutieren sie mit|antworten abbrechen|schreibe einen kommentar"
    r"|deja (?:un|tu) comentario|escribe (?:un|tu) comentario|ver comentarios|comentarios cerrados|cancelar (?:la )?respuesta|deja una respuesta",
    re.I,
)
MAX_WORDS = 16

_short_prompt = short_match(_PHRASES, MAX_WORDS)
# Every match of _PHRASES holds one of these (lower-case): most lines skip the pattern.
_PROMPT_MARKERS = ("comment", "kommentar", "comentario", "reaction", "réaction", "reply", "join the",
                   "réagir", "réponse", "diskutieren", "antworten", "respuesta")  # fmt: skip


def is_comment_prompt(line: str) -> bool:
    return may_contain(line, _PROMPT_MARKERS) and _short_prompt(line)


# The comment form's notices: WordPress's (email not published, required fields, remember me,
# notify me, Akismet) and Drupal's text-format help, in English, French, German and Spanish.
# One pattern per kind of notice, each run only on lines holding one of its markers (every
# match of the pattern holds one): most lines run none.
_FORM_NOTICES: list[tuple[tuple[str, ...], re.Pattern[str]]] = [
    (("format",), re.compile(  # Drupal's text formats
        r"^(?:text formats?|format de texte|formats de texte|textformate?|formato de texto)(?:$|\s+(?:options|basic html|plain text|full html|filtered html|restricted html)\b)"
        r"|^(?:more information about|plus d'informations sur les|weitere informationen über|más información sobre (?:los )?)\s*(?:text formats|formats de texte|textformate|formatos de texto)",
        re.I)),
    (("html",), re.compile(
        r"\b(?:allowed|permitted) html tags\b|\byou (?:may|can) use these html tags\b|\bno html tags allowed\b|\bhtml tags are not allowed\b"
        r"|\bbalises html autorisées\b|\baucune balise html\b|\b(?:zulässige|erlaubte) html-tags\b|\bkeine html-tags\b|\betiquetas html permitidas\b|\bno se permiten etiquetas html\b",
        re.I)),
    (("autom",), re.compile(  # "... automatically", "... automatiquement", "... automatisch"
        r"\blines and paragraphs break automatically\b|\bles lignes et les paragraphes\b.{0,30}\bautomatiquement\b"
        r"|\bzeilenumbrüche und absätze werden automatisch\b|\blas líneas y los párrafos se\b.{0,20}\bautomáticamente\b"
        r"|\bweb page addresses and e-?mail addresses turn into links\b|\badresses de pages web\b.{0,40}\bliens\b"
        r"|\b(?:internet|webseiten)- und e-mail-adressen werden automatisch\b|\blas direcciones de (?:las )?páginas web\b.{0,60}\benlaces\b",
        re.I)),
    (("field", "champ", "feld", "campo", "required"), re.compile(
        r"^leave this field blank\b|^laissez ce champ vide\b|^dieses feld (?:bitte )?leer lassen\b|^deja este campo (?:en blanco|vacío)\b"
        r"|\brequired fields are marked\b|\bles champs obligatoires sont indiqués\b|\berforderliche felder sind\b.{0,20}\bmarkiert\b"
        r"|\blos campos obligatorios están marcados\b",
        re.I)),
    (("mail", "correo", "courriel", "messagerie"), re.compile(  # the email field, remember me
        r"\byour e-?mail(?: address)? will (?:not|never) be (?:published|shared|displayed|made public)\b"
        r"|\bvotre adresse (?:e-?mail|de messagerie|courriel) ne sera pas publiée\b"
        r"|\b(?:deine|ihre) e-mail-adresse wird nicht veröffentlicht\b|\btu (?:dirección de )?correo electrónico no será publicad[oa]\b"
        r"|^save my name,? (?:and )?e-?mail\b|^enregistrer mon nom, mon (?:adresse )?e-?mail\b|^meinen namen, (?:meine )?e-mail\b|^guarda mi nombre, correo\b",
        re.I)),
    (("notif", "prévenez", "benachrichtige", "avísame", "recibir"), re.compile(
        r"^notify me (?:of|when)\b.{0,40}\b(?:comments?|posts|replies)\b|^notify of$|^prévenez-moi de tous les nouveaux (?:commentaires|articles)\b"
        r"|^benachrichtige mich über\b.{0,30}\b(?:kommentare|beiträge)\b|^(?:avísame|notificarme|recibir un correo)\b.{0,50}\b(?:comentarios|entradas)\b",
        re.I)),
    (("comment", "akismet"), re.compile(
        r"\byou can also subscribe without commenting\b|\bhow your comment data is processed\b|\byour comment is awaiting moderation\b"
        r"|\bthis site uses akismet to reduce spam\b|\bce site utilise akismet\b|\bdiese website verwendet akismet\b|\beste sitio usa akismet\b"
        r"|^new follow-up comments\b|\bopinions expressed in (?:the |reader )?comments\b",
        re.I)),
    (("you must",), re.compile(
        r"\byou must (?:be )?(?:logged in|signed in|log ?in|sign ?in)\b.{0,30}\bto (?:\w+ )?(?:a |the )?(?:comment|reply)\b",
        re.I)),
]  # fmt: skip
MAX_FORM_WORDS = 60  # the longest notices join three or four of them with a comment policy

# Labels of the form's fields ("Name *", "Email (Required) Name (Required) Website", "Δ": the
# spam trap's label): they go when they touch a form notice or a comment prompt.
_LABELS = {
    "name", "email", "e-mail", "mail", "website", "url", "comment", "your", "address", "required", "optional",
    "basic", "full", "filtered", "restricted", "html", "plain", "text", "δ", "post", "submit",
    "nom", "courriel", "adresse", "site", "web", "internet", "obligatoire", "commentaire", "publier",
    "kommentar", "e-mail-adresse", "webseite", "erforderlich", "abschicken",
    "nombre", "correo", "electrónico", "comentario", "obligatorio", "publicar",
}  # fmt: skip
MAX_LABEL_TOKENS = 6
_TOKEN = re.compile(r"[\w-]+")
_TAG_LIST = re.compile(
    r"^(?:<[a-z][^<>]*>\s*)+$", re.I
)  # what "You may use these HTML tags:" lists


_FORM_MARKERS = tuple(marker for markers, _ in _FORM_NOTICES for marker in markers)


def is_form_notice(line: str) -> bool:
    if len(line.split()) > MAX_FORM_WORDS or not may_contain(line, _FORM_MARKERS):
        return False
    text = line.lstrip("*+•·-–— ")
    return any(
        may_contain(text, markers) and bool(pattern.search(text))
        for markers, pattern in _FORM_NOTICES
    )


MAX_LABEL_CHARS = 60  # six labels and their marks; longer lines need no tokenising


def _is_label(line: str) -> bool:
    if _TAG_LIST.match(line):
        return True
    if len(line) > MAX_LABEL_CHARS:
        return False
    tokens = _TOKEN.findall(line.lower())
    return 0 < len(tokens) <= MAX_LABEL_TOKENS and all(t in _LABELS for t in tokens)


@named("comment-prompt")
def rule(page: Page) -> None:
    """Comment prompts and form notices, and the field labels in a run with them."""
    live = page.live()
    lines = [page.paragraphs[i] for i in live]
    seeds = [is_comment_prompt(line) or is_form_notice(line) for line in lines]
    labels = [_is_label(line) for line in lines]
    for i, gone in zip(live, spread_over_runs(seeds, labels), strict=True):
        if gone:
            page.remove(i, "comment-prompt")

"""Each line rule on its own: lines it must remove (and what it keeps as metadata) and
article sentences it must leave alone, in English, French, German and Spanish."""

import pytest

from curator.clean.rules import (
    breadcrumbs,
    bylines,
    captions,
    comments,
    cookies,
    copyright,
    edges,
    mirrors,
    newsletter,
    promos,
    related,
    repeated,
    share,
)
from curator.clean.rules.base import Page

PROSE = "The council approved the budget on Tuesday after a long debate about the harbour."


def run(rule, lines, **kw):
    page = Page(paragraphs=list(lines), **kw)
    rule(page)
    return page


def removed(rule, line):
    return bool(run(rule, [line]).removed_by)


CASES = {
    share.rule: (["SHARE THIS ARTICLE", "Partager sur Facebook", "Auf Facebook teilen", "Compartir en WhatsApp",
                  "Facebook Twitter WhatsApp Email", "Follow us on X", "Suivez-nous sur Instagram", "1.2k shares",
                  "Click to share on Twitter (Opens in new window)", "* Click to email a link to a friend (Opens in new window) Email",
                  "61Click to share on Facebook (Opens in new window)61", "o Click to print (Opens in new window) Print",
                  "Cliquez pour partager sur LinkedIn(ouvre dans une nouvelle fenêtre)", "Partager par e-mail (s'ouvre dans une nouvelle fenêtre)",
                  "Klicken, um auf Telegram zu teilen (Wird in neuem Fenster geöffnet)", "Drucken (öffnet in neuem Fenster)",
                  "Haz clic para compartir en Reddit (Se abre en una ventana nueva)", "* Tweet", "### Share this:"],
                 ["Share prices fell sharply on Monday.", "Shares in the company rose 4 per cent.", PROSE,
                  "Jane Doe, head of search at Harbour Media (opens in a new tab)", "Powered by (opens in a new window)",
                  "Click here to read the council's full report on the harbour works.", "Like this:",
                  "Readers can email the council (opens in new window) with their views."]),
    promos.rule: (["Download our app", "Get it on Google Play", "Press TV News Roku", "Téléchargez l'application mobile",
                   "Laden Sie unsere App herunter", "Descarga nuestra app en App Store"],
                  [PROSE, "Apple said its App Store rules would change next year after a ruling by the European Commission, which fined it."]),
    newsletter.rule: (["Sign up for our newsletter", "Get the best stories delivered to your inbox.", "Abonnez-vous à notre newsletter",
                       "Newsletter abonnieren", "Suscríbete a nuestro boletín", "Subscribe now", "S'inscrire"],
                      [PROSE, "The newsletter was sent to 4,000 members of the union last week.", "Subscribers to the service will pay more."]),
    cookies.rule: (["We use cookies to improve your experience.", "Nous utilisons des cookies pour mesurer l'audience.",
                    "Wir verwenden Cookies, um unsere Website zu verbessern.", "Utilizamos cookies propias y de terceros.",
                    "Accept all", "Cookie settings", "Gestion des cookies", "* Manage cookies", "We value your privacy",
                    "Analytics cookies help us count visits and see which pages are read most.", "Our bakery sets this cookie to remember your basket for 30 days.",
                    "Wij gebruiken cookies om de website te verbeteren.", "Questo sito utilizza cookie tecnici e di profilazione."],
                   [PROSE, "The regulator said websites must ask visitors before they set tracking files on their devices and fined three firms.",
                    "I love cookies!", "Chocolate chip cookies", "No cookie-cutter answers",
                    "You can post to a profile, a page or a group, depending on your privacy settings, and change it later."]),
    comments.rule: (["Leave a comment", "Comments (12)", "12 commentaires · Réagir", "Kommentar schreiben", "Deja un comentario",
                     "Join the conversation", "Comments are closed.", "Leave a ReplyCancel reply", "Comments (5 posted)",
                     "Text format Basic HTML Plain text", "More information about text formats",
                     "Allowed HTML tags: <em> <strong> <cite> <blockquote>", "* Lines and paragraphs break automatically.",
                     "Web page addresses and e-mail addresses turn into links automatically.", "No HTML tags allowed.",
                     "Leave this field blank", "Your email address will not be published. Required fields are marked *",
                     "Notify me of follow-up comments by email.", "Save my name, email, and website in this browser for the next time I comment.",
                     "You must be logged in to post a comment.", "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
                     "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
                     "Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *",
                     "Prévenez-moi de tous les nouveaux commentaires par e-mail.", "Zeilenumbrüche und Absätze werden automatisch erzeugt.",
                     "Etiquetas HTML permitidas: <a> <em> <strong>"],
                    [PROSE, "Comments from the minister drew criticism from the opposition.",
                     "Each guide comes in audio and text formats, with notes on the key ideas.",
                     "The paper said it would not publish the email address of the whistleblower.", "Reply", "Website"]),
    copyright.rule: (["© 2026 The Harbour Herald Ltd. All rights reserved.", "Copyright 2017 Press TV", "Tous droits réservés",
                      "Alle Rechte vorbehalten.", "Todos los derechos reservados."],
                     [PROSE, "The court ruled that the copyright of the song belonged to the band and not to the label."]),
    mirrors.rule: (["www.example.com", "https://example.org/news/1"], [PROSE, "Visit example.com for details of the scheme."]),
    captions.rule: (["(Photo by Reuters)", "Photo: Jane Doe/AFP", "Credit: John Smith", "Getty Images", "File photo",
                     "Foto: dpa", "Crédit photo : AFP", "A bus on the harbour front. Photo: Alan Marsh/The Herald"],
                    [PROSE, "The photo was taken by a tourist on the beach, police said on Friday."]),
    bylines.rule: (["By John Smith and Jane Doe", "Par Jean Dupont", "Von Hans Müller | 07.07.2017", "Por Ana Pérez",
                    "(Reporting by Andrew Osborn; Editing by Mark Trevelyan)", "Published: July 7, 2017", "Fri Jul 7, 2017 04:46PM",
                    "Mis à jour le 7 juillet 2017 à 10h"],
                   [PROSE, "By Monday afternoon, rescuers had found 12 survivors.", "By contrast, the team did well.",
                    "Trump, Putin didn't want to 'stop'"]),
}  # fmt: skip


@pytest.mark.parametrize("rule,line", [(r, line) for r, (pos, _) in CASES.items() for line in pos])
def test_rule_removes_its_chrome(rule, line):
    assert removed(rule, line), f"{rule.__name__} kept {line!r}"


@pytest.mark.parametrize("rule,line", [(r, line) for r, (_, neg) in CASES.items() for line in neg])
def test_rule_keeps_article_text(rule, line):
    assert not removed(rule, line), f"{rule.__name__} removed {line!r}"


def test_share_buttons_one_per_line_go_but_a_lone_word_stays():
    page = run(share.rule, ["Share this article", "Facebook", "Twitter", PROSE, "Email"])
    assert sorted(page.removed_by) == [0, 1, 2]


def test_breadcrumbs_give_the_section():
    page = run(breadcrumbs.rule, ["Home › News › Local", PROSE])
    assert page.metadata["section"] == ["News", "Local"] and 0 in page.removed_by


def test_captions_give_the_credit():
    page = run(captions.rule, ["Trump meets Putin in Hamburg. (Photo by Reuters)", "Foto: dpa"])
    assert page.metadata["image_credits"] == ["Reuters", "dpa"]


def test_a_line_that_only_ends_with_a_credit_is_named_apart_and_advised_with_a_model():
    lines = ["Crowds gather at the harbour. Jane Roe/Reuters", "(Photo by Reuters)", PROSE]
    page = run(captions.rule, lines)
    assert page.removed_by == {0: "photo-credit", 1: "photo-caption"}
    # with a line model, "photo-credit" is advice: the line stays, flagged, its credit kept
    advised = Page(paragraphs=list(lines), advised=frozenset({"photo-credit"}))
    captions.rule(advised)
    assert advised.removed_by == {1: "photo-caption"} and advised.flagged == {0: "photo-credit"}
    assert advised.metadata["image_credits"] == ["Jane Roe/Reuters", "Reuters"]


def test_mirror_notice_gives_alternate_urls_and_lone_urls_go():
    page = run(
        mirrors.rule,
        [
            "The site can also be accessed at the following alternate addresses:",
            "www.mirror.example",
            PROSE,
            "example.org",
        ],
    )
    assert page.metadata["alternate_urls"] == ["www.mirror.example"]
    assert page.removed_by == {0: "mirror-notice", 1: "mirror-notice", 3: "bare-url"}


def test_bylines_and_datelines_go_to_metadata_raw():
    page = run(
        bylines.rule, ["By Jane Doe and John Roe", "Published 5 March 2026, 11:20 GMT", PROSE]
    )
    assert page.metadata["bylines"] == ["By Jane Doe and John Roe"]
    assert page.metadata["datelines"] == ["Published 5 March 2026, 11:20 GMT"]
    assert page.metadata["authors"] == ["Jane Doe", "John Roe"]


@pytest.mark.parametrize("line,authors", [("By X Y, A B and C D", ["X Y", "A B", "C D"]), ("By Reuters", None),
                                          ("Par Sophie Lambert Publié le 13 mars 2026", ["Sophie Lambert"])])  # fmt: skip
def test_authors_only_when_trivially_clear(line, authors):
    assert bylines.byline_authors(line) == authors


def test_copyright_licence_goes_to_metadata():
    page = run(
        copyright.rule,
        [
            "This article is published under a Creative Commons Attribution 4.0 International licence."
        ],
    )
    assert page.metadata["licenses"] == ["CC BY 4.0"]


def test_related_heading_takes_its_link_list_but_not_the_next_paragraph():
    page = run(
        related.rule,
        ["Read more", "Putin meets Trump in Hamburg", "Markets rally on rate hopes", PROSE],
    )
    assert sorted(page.removed_by) == [0, 1, 2]
    inline = run(
        related.rule,
        ["Lire aussi | Lait : les éleveurs face à la hausse des coûts", "Mehr zum Thema", PROSE],
    )
    assert sorted(inline.removed_by) == [0, 1]


def test_repeated_title_and_paragraph():
    page = run(repeated.title_rule, ["Putin and Trump meet", PROSE], title="Putin and Trump meet")
    assert page.removed_by == {0: "repeated-title"}
    page = run(repeated.paragraph_rule, [PROSE, "A subheading", PROSE, "A subheading"])
    assert page.removed_by == {2: "repeated-paragraph"}


def test_edges_trim_chrome_and_keep_subheadings():
    page = run(
        edges.rule,
        [
            "Menu",
            "Headline of the story here",
            PROSE,
            "A subheading",
            PROSE + " Again.",
            "About us",
            "Contact",
        ],
    )
    assert page.kept_text() == [PROSE, "A subheading", PROSE + " Again."]
    assert page.metadata["title"] == "Headline of the story here"


def test_edges_standfirst_above_the_byline_goes_to_description():
    page = Page(
        paragraphs=[
            "Councillors voted to fund overnight services on three routes.",
            "By Jane Doe",
            PROSE,
            PROSE + " More.",
        ]
    )
    bylines.rule(page)
    edges.rule(page)
    assert page.removed_by[0] == "standfirst"
    assert page.metadata["description"].startswith("Councillors")


def test_an_advised_standfirst_is_only_flagged_and_stays_a_body_line():
    lines = ["Councillors voted to fund overnight services on three routes.", "By Jane Doe", PROSE,
             PROSE + " More."]  # fmt: skip
    page = Page(paragraphs=list(lines), advised=frozenset({"standfirst"}))
    bylines.rule(page)
    edges.rule(page)
    # the flag is the model's to weigh: the line is not leading chrome for being flagged
    assert page.flagged == {0: "standfirst"} and 0 not in page.removed_by


def test_a_licence_named_late_in_a_paragraph_is_prose_not_a_notice():
    telling = ("Most of the photographs came from the city archive. The rest were shared by readers "
               "under a Creative Commons licence, which lets the paper reprint them with a credit.")  # fmt: skip
    notice = ("This work is licensed under a Creative Commons Attribution-ShareAlike 4.0 International "
              "License. You may share it with a credit.")  # fmt: skip
    assert not removed(copyright.rule, telling)
    page = run(copyright.rule, [notice])
    assert page.removed_by == {0: "copyright"} and page.metadata["licenses"] == ["CC BY-SA 4.0"]


def test_bylines_of_items_inside_the_prose_stay_when_they_name_several_people():
    items = ["By Jane Doe", PROSE, PROSE + " One.", PROSE + " Two.", "Author: Ann Lee", PROSE + " Three.",
             "Author: Bo Chen", PROSE + " Four."]  # fmt: skip
    page = run(bylines.rule, items)
    assert page.removed_by == {0: "byline"}  # the page's own byline; the books' authors stay
    one_author = [
        "By Jane Doe",
        PROSE,
        PROSE + " One.",
        PROSE + " Two.",
        "By Jane Doe",
        PROSE + " Three.",
    ]
    assert run(bylines.rule, one_author).removed_by == {0: "byline", 4: "byline"}


def test_a_url_the_article_cites_stays_and_a_bare_address_goes():
    cited = ["The code and its test data are on the project's page:", "https://example.org/lab/harbour-model",
             PROSE]  # fmt: skip
    assert not run(mirrors.rule, cited).removed_by
    between = [PROSE, "https://example.org/papers/2026/tides.pdf", PROSE + " More."]
    assert not run(mirrors.rule, between).removed_by
    bare = [PROSE, "example.org", PROSE + " More."]
    assert run(mirrors.rule, bare).removed_by == {1: "bare-url"}
    mirror = [
        "Our site can also be accessed at the following alternate address:",
        "https://example.net/news",
    ]
    assert run(mirrors.rule, mirror).removed_by == {0: "mirror-notice", 1: "mirror-notice"}

"""Three classes of chrome the line rules missed (issue 13), in blocks as pages print them:
share buttons written as sentences with their bullets and like box, consent notices longer
than a short notice, and the comment form's own help text and labels. The article and the
comments themselves stay."""

from curator.clean.rules import comments, cookies, share
from curator.clean.rules.base import Page

PROSE = "The council approved the budget on Tuesday after a long debate about the harbour."
MORE = "Residents said the new car park would bring more traffic to the narrow streets."


def removed_lines(rule, lines):
    page = Page(paragraphs=list(lines))
    rule(page)
    return {page.paragraphs[i]: name for i, name in page.removed_by.items()}


# ---- share buttons as sentences ------------------------------------------------------------

JETPACK_BLOCK = [
    "Share this:",
    "* Click to email a link to a friend (Opens in new window)",
    "* 12Click to share on Facebook (Opens in new window)12",
    "* Click to share on Bluesky (Opens in new window) Bluesky",
    "* Click to print (Opens in new window)",
    "*",
    "Like this:",
    "Like Loading...",
]


def test_a_share_block_goes_with_its_bullets_and_like_box():
    gone = removed_lines(share.rule, [PROSE, *JETPACK_BLOCK, "Related", MORE])
    assert set(gone) == set(JETPACK_BLOCK)
    assert set(gone.values()) == {"share-prompt"}


def test_the_like_box_goes_above_share_buttons_too():
    lines = [
        PROSE,
        "Like this:",
        "Like Loading...",
        "* Click to share on X (Opens in new window)",
        MORE,
    ]
    assert set(removed_lines(share.rule, lines)) == set(lines[1:4])


def test_a_lone_like_line_or_bullet_stays():
    lines = [PROSE, "Like this:", MORE, "*", "Loading...", MORE]
    assert removed_lines(share.rule, lines) == {}


def test_a_long_line_with_a_new_window_link_stays():
    line = (
        "Readers can share their views on the harbour plan at the council's consultation page "
        "(opens in new window) until the end of the month."
    )
    assert removed_lines(share.rule, [PROSE, line]) == {}


# ---- long consent notices ------------------------------------------------------------------

LONG_NOTICE = (
    "We use cookies and similar technologies to remember your settings, measure how our pages "
    "are read, show you offers that suit you and keep the site secure. Some of them are set by "
    "our advertising and analytics partners, who may combine them with what they already know "
    "about you. You can accept all of them, refuse the ones that are not needed for the site "
    "to work, or choose purpose by purpose in the settings. You can change your mind at any "
    "time from the link at the foot of every page, and your choice is kept for six months on "
    "this device."
)
REGULATION = (
    "The data protection authority fined three news publishers on Thursday for the way their "
    "websites ask visitors to accept advertising trackers. The regulator found that refusing "
    "took four clicks where accepting took one, and that two of the sites set cookies before "
    "the visitor had chosen anything. We use this ruling, the authority's chair said, to remind "
    "every publisher that consent must be as easy to refuse as to give. The publishers have "
    "two months to appeal, and one of them said it would change its banner next week."
)


def test_a_long_notice_that_opens_with_the_site_using_cookies_goes():
    assert len(LONG_NOTICE.split()) > cookies.MAX_WORDS
    assert cookies.is_cookie_notice(LONG_NOTICE)
    assert cookies.is_cookie_notice(
        "Nous utilisons des cookies pour mesurer l'audience. " + MORE * 5
    )


def test_an_article_paragraph_about_cookie_rules_stays():
    assert len(REGULATION.split()) > cookies.MAX_WORDS
    assert not cookies.is_cookie_notice(REGULATION)
    # the site's sentence later in the paragraph, not first, and a quoted company
    assert not cookies.is_cookie_notice(PROSE + " We use cookies on our own site too. " + MORE * 4)
    quoted = "“We use cookies to learn what readers like,” the editor told the inquiry. " + MORE * 5
    assert not cookies.is_cookie_notice(quoted)
    # "we" and "consent" inside an article's first sentence, not the site speaking
    for opening in (
        "Few of us read the banners, and we happily use sites that set cookies.",
        "The firm followed readers by using software that, without their consent, set cookies.",
    ):
        assert not cookies.is_cookie_notice(opening + " " + MORE * 5)


def test_a_notice_may_open_with_a_short_lead_in():
    notice = "Like most websites, we use cookies to count visits and keep your choices. " + MORE * 5
    assert cookies.is_cookie_notice(notice)


def test_a_notice_longer_than_the_limit_stays():
    assert not cookies.is_cookie_notice(LONG_NOTICE + " " + REGULATION + " " + REGULATION)


def test_a_consent_dialog_of_several_paragraphs_goes_whole():
    dialog = [
        "We and our partners store and/or access information on a device, such as cookies, "
        "and process personal data to show personalised ads and measure them.",
        "The site is run from Canada, and any data you give us may be stored there.",
        "By clicking “Accept” you agree to these uses. You can withdraw your consent at any time.",
    ]
    gone = removed_lines(cookies.rule, [*dialog, PROSE, MORE])
    assert set(gone) == set(dialog)


def test_a_data_paragraph_next_to_one_notice_stays():
    lines = [
        "Cookie settings",
        "Any data you give us may be stored in Canada, the firm said.",
        PROSE,
    ]
    assert set(removed_lines(cookies.rule, lines)) == {"Cookie settings"}


# ---- comment forms -------------------------------------------------------------------------

DRUPAL_FORM = [
    "Your name *",
    "Comment *",
    "More information about text formats",
    "Text format Basic HTML Plain text",
    "Basic HTML",
    "* Allowed HTML tags: <em> <strong> <blockquote> <cite> <p> <br>",
    "* Lines and paragraphs break automatically.",
    "Plain text",
    "* No HTML tags allowed.",
    "* Web page addresses and e-mail addresses turn into links automatically.",
    "Leave this field blank",
]
WORDPRESS_FORM = [
    "Leave a Reply Cancel reply",
    "Your email address will not be published. Required fields are marked *",
    "Name *",
    "Email *",
    "Website",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Δ",
    "Notify me of follow-up comments by email.",
    "Notify me of new posts by email.",
]
A_COMMENT = "I walked past the harbour works last week and the new wall already looks better."


def test_a_drupal_comment_form_goes_and_the_comments_stay():
    gone = removed_lines(comments.rule, [PROSE, MORE, *DRUPAL_FORM, "Anonymous", A_COMMENT])
    assert set(gone) == set(DRUPAL_FORM)
    assert set(gone.values()) == {"comment-prompt"}


def test_a_wordpress_comment_form_goes_with_its_labels():
    gone = removed_lines(comments.rule, [PROSE, A_COMMENT, *WORDPRESS_FORM, MORE])
    assert set(gone) == set(WORDPRESS_FORM)


def test_field_labels_alone_stay():
    lines = [PROSE, "Website", MORE, "Plain text", "Name *", MORE]
    assert removed_lines(comments.rule, lines) == {}


def test_a_comment_that_speaks_of_email_stays():
    line = "Will my email address be published if I sign the petition? I hope the council says."
    assert removed_lines(comments.rule, [*WORDPRESS_FORM[:2], line]) == {
        WORDPRESS_FORM[0]: "comment-prompt",
        WORDPRESS_FORM[1]: "comment-prompt",
    }

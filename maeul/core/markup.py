"""User-written text to safe HTML: a Markdown subset through an allowlist sanitiser.

Whatever a person types (script, iframe, event attributes, `javascript:` links) comes out
inert: markdown renders, then nh3 keeps only the tags and URL schemes listed here.
"""

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "a",
    "h3",
    "h4",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> str:
    """Sanitised HTML for `text`: tags outside the allowlist are dropped, never interpreted."""
    html = markdown.markdown(
        text or "",
        extensions=["nl2br", "sane_lists"],
        output_format="html",
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow ugc noopener noreferrer",
        strip_comments=True,
    )

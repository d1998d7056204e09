"""Video links of records: only https links to known video hosts, shown as plain links.

No embed code is ever stored or rendered: a record keeps the link and the page shows it as
an `<a>` (a pasted `<iframe>` or any other HTML is refused as not being a link).
"""

from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation

# The hosts residents and the district use for community videos (and their mobile hosts).
VIDEO_HOSTS = frozenset(
    {
        "youtube.com",
        "www.youtube.com",
        "m.youtube.com",
        "youtu.be",
        "vimeo.com",
        "www.vimeo.com",
        "tv.naver.com",
        "tv.kakao.com",
    }
)
MAX_LENGTH = 500


def check_video_link(link: str, *, field: str = "video_url") -> str:
    """The link, trimmed, when it is https to a known video host; RuleViolation otherwise.

    An empty link is returned as it is (a record without a video).
    """
    link = link.strip()
    if not link:
        return ""
    refused = RuleViolation(
        _("Give an https link to YouTube, Vimeo, Naver TV or Kakao TV."),
        code="bad_video_link",
        field=field,
    )
    if len(link) > MAX_LENGTH or any(char.isspace() or char in "<>\"'" for char in link):
        raise refused
    try:
        parts = urlsplit(link)
        port = parts.port
    except ValueError:
        raise refused from None
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or host not in VIDEO_HOSTS or port not in (None, 443):
        raise refused
    if parts.username or parts.password:
        raise refused
    return link

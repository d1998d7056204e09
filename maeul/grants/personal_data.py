"""Grants on erasure (`privacy.services.erase_account`); the export's grant sections are in
`grants/export.py`."""

from datetime import datetime
from typing import Any

from maeul.grants.models import CommunityGroup


def erase(user: Any, *, now: datetime) -> None:
    """What becomes of the grants data of `user`:

    - the groups they represent stay (the record of public money outlives its representative),
      but the group's contact number, most often the representative's own phone, is cleared
      until a new representative gives one;
    - applications, agreements and settlements stay unchanged: the record of 보조금.
    """
    CommunityGroup.objects.filter(representative_id=user.pk).update(contact_enc="", contact_hmac="")

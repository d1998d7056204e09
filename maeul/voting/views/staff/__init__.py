"""Staff pages of votes: the list, the settings, the desk, paper-ballot entry (현장투표), the count.

District staff (구청) run the votes of their district, dong staff (동 주민센터) the votes of
their dong and the paper ballots of their dong in district votes, site admins everything.
A vote or batch outside the staff member's dongs and districts does not exist for them
(404); what they may do with one they can see is decided by `can`. Staff see turnout, never
a result before the count.
"""

from maeul.voting.views.staff.confirming import confirm_batch, count
from maeul.voting.views.staff.desk import (
    add_option,
    import_options,
    publish,
    vote_create,
    vote_desk,
    vote_edit,
    vote_list,
)
from maeul.voting.views.staff.paper import (
    batch_entry,
    import_postal,
    open_batch,
    options_template,
    postal_template,
)

__all__ = [
    "add_option",
    "batch_entry",
    "confirm_batch",
    "count",
    "import_options",
    "import_postal",
    "open_batch",
    "options_template",
    "postal_template",
    "publish",
    "vote_create",
    "vote_desk",
    "vote_edit",
    "vote_list",
]

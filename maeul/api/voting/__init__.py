"""Votes (투표) in the API: list and read them, cast a ballot, read the result, download ballots.

Reading is public. Casting needs a signed-in session (with its CSRF token) or a personal
API token (see `maeul.api.auth`), and goes through `cast_ballot` like the ballot page.
Drafts do not exist here (404). Simulations (votes imported from pabulib files to try the
counting rules) are not listed, but can be read, counted and downloaded by their id.

Results, tallies and ballot files are 404 until the vote is counted: nobody sees how a vote
is going while it runs (the mVoting rule). A yes/no vote's ballots are a CSV at
`export.csv` (pabulib has no yes/no ballots); its `export.pb` is 404 with code `yes_no`.
"""

from ninja import Router

from maeul.api.voting import ballots, results, votes

router = Router(tags=["votes"])
router.add_router("", votes.router)
router.add_router("", ballots.router)
router.add_router("", results.router)

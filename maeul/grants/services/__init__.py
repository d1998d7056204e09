"""State changes of grants: `calls` (district staff configure and publish calls), `groups`
(a resident registers a group and its members), `applications` (the representative writes,
submits and withdraws), `screening` (staff look for duplicates again). Each takes the acting
user and `now`, checks `can` first (`enforce`), and audits staff actions."""

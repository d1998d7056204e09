"""State changes of community spaces: `bookings` (book and cancel, the one booking rule),
`desk` (staff approve, refuse, check in, mark used or no-show), `policy` (the district's
capacity level and the re-check of future bookings), `lending` (item loans), `usage`
(walk-in counts and the survey). Each takes the acting user and `now`, checks `can` first
(`enforce`), and audits staff actions."""

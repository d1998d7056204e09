"""Staff pages of plans: a council's plan of a year (`plans`), a project's desk (`projects`),
its payments with receipts and the over-budget confirmation (`spending`), and its progress
updates (`progress`).

Dong staff (동 주민센터) keep the plans and spending of their dong's resident council,
district staff (구청) those of every council of their district (and approve plans, and may
let a project go over its budget, with a reason), site admins everything. Every view is
`staff_required`; a plan, project or entry outside the staff member's dongs and districts
does not exist for them (404, `scope_of(user).rows`); what they may do with one they can see
is decided by `can`, and every action goes through `desk_action`.
"""

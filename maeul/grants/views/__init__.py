"""Grant pages: `public` (calls), `groups` and `applications` (a group's representative),
`staff` (calls and the applications with their similar matches)."""

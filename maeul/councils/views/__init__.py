"""Council pages: `public` (councils, members, timeline, recruitment) and `agenda` (agenda,
meetings, events); the staff desks `staff` (+ `staff_members`), `staff_agenda`,
`staff_events` and the roster download (`roster`), all found through `access`."""

"""Pages of spaces: `public` (spaces, rooms, the calendar), `resident` (book, my bookings,
loans, the survey), `staff` (a space's desk), `policy` (the district's capacity level and
the statistics)."""

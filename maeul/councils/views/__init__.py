"""Council pages: `public` (councils, members, timeline, recruitment) and `staff` (the desk)."""

"""State changes of proposals, split by topic; views, API, commands and demo data call these."""

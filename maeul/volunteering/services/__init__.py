"""State changes of volunteering: camps and clubs, activities and shifts, sign-ups and hours."""

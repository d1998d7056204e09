"""Volunteering pages: public lists, the volunteer's own, the leader's shift desk, staff desks."""

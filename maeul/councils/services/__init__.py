"""Council services: members and terms (`members`), recruitment (`recruitment`), the yearly
cycle and its reminders (`cycle`)."""

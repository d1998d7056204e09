"""Council services: members and terms (`members`), recruitment (`recruitment`), the yearly
cycle and its reminders (`cycle`), agenda items and meetings (`agenda`), events and their
minutes (`events`), the assembly's vote and its result (`assembly`)."""

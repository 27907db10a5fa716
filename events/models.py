"""Events, registrations and 1:1 meetings: the Events issue fills this."""

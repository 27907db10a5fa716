"""1:1 meetings between the registered participants of an event."""

"""Match runs, matches and what people did with them: the Match runs issue fills this."""

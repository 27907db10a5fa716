"""Companies, their people and bridge memberships: the Domain issue fills this."""

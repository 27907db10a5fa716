"""Sectors, bridges, municipalities and their twinning projects: the Domain issue fills this."""

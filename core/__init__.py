"""Helpers every app may use; imports no app of the project."""

"""Plumbing every domain may use; it imports no domain (checked by import-linter)."""

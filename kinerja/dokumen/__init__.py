"""Printable documents: one renderer for every form (WeasyPrint, local assets only)."""

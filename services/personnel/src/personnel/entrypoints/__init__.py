"""Entrypoints: how the world reaches personnel (HTTP routes, the event handler table, the CSV\nreader shared by the upload and the command line)."""

"""Gettext catalogs: the .pot template from an Article, msgmerge-style updates,
reading and writing .po files safely, and translation progress."""

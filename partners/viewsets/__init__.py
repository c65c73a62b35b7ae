"""Wagtail admin viewsets of the partner portal, registered in ``partners/wagtail_hooks.py``."""

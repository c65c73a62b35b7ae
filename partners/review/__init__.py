"""Staff review in the Wagtail admin: a thin layer over the reporting core
(``partners.reporting``)."""

from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "goedwerk.pagecache"
    label = "goedwerk_pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import purge

        purge.connect()

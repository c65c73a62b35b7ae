"""Synonym groups of the site search, managed by editors (Settings → Search synonyms).

A group is a set of terms that mean the same, in any language: "BRP, inschrijven, meldunek,
registration". A search for one of them searches for all of them (``home.search``). A term
belongs to one group at most, so that a word always means the same group. Not translatable:
one group holds every language.
"""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import Textarea
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from home.search_text import parse_terms, term_key, validate_terms


class SynonymGroup(models.Model):
    terms = models.TextField(
        _("terms"),
        validators=[validate_terms],
        help_text=_(
            "Words or short phrases that mean the same, in any language, separated by commas: "
            "BRP, inschrijven, meldunek, registration. A search for one of them also finds "
            "pages with the others. Capitals and accents do not matter."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    panels = [FieldPanel("terms", widget=Textarea(attrs={"rows": 3}))]

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["pk"]

    def __str__(self) -> str:
        return ", ".join(self.term_list)

    @property
    def term_list(self) -> list[str]:
        return parse_terms(self.terms)

    def validate_unique(self, exclude=None):
        """A term belongs to one group at most (checked like a unique field: not when the terms
        already failed their own validation)."""
        super().validate_unique(exclude=exclude)
        if exclude and "terms" in exclude:
            return
        mine = {term_key(term): term for term in self.term_list}
        others = SynonymGroup.objects.exclude(pk=self.pk).only("terms")
        errors = []
        for other in others:
            for term in other.term_list:
                key = term_key(term)
                if key in mine:
                    errors.append(
                        ValidationError(
                            _("“%(term)s” is already in another group: %(group)s."),
                            code="in_other_group",
                            params={"term": mine.pop(key), "group": str(other)},
                        )
                    )
        if errors:
            raise ValidationError({"terms": errors})

    # Every search reads the groups: one copy in Django's cache, dropped when a group is saved
    # or deleted (home/apps.py).
    CACHE_KEY = "goedwerk:synonym_groups"
    CACHE_TIMEOUT = 60 * 60

    @classmethod
    def all_terms(cls) -> list[list[str]]:
        """The terms of every group, from the cache when they are there."""
        groups = cache.get(cls.CACHE_KEY)
        if groups is None:
            groups = [parse_terms(text) for text in cls.objects.values_list("terms", flat=True)]
            cache.set(cls.CACHE_KEY, groups, cls.CACHE_TIMEOUT)
        return groups

    @classmethod
    def forget(cls, **kwargs) -> None:
        cache.delete(cls.CACHE_KEY)

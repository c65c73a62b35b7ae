"""Forms of the review. None of them has a status or a figure field: whole-report decisions are
carried out by ``partners.review.services`` through ``Report.transition_to``."""

from datetime import timedelta

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from goedwerk.forms import SafeForm
from partners.reporting.deadlines import deadline_for

from .models import Verdict

MAX_EXTENSION_DAYS = 180
DEFAULT_RESUBMIT_DAYS = 14


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _default_resubmit_by():
    return timezone.localdate() + timedelta(days=DEFAULT_RESUBMIT_DAYS)


def default_resubmit_by(report):
    """Two weeks from today, or the report's current deadline when that is later: sending a
    report back never suggests taking time away (and cannot: see partners.reporting)."""
    return max(_default_resubmit_by(), deadline_for(report))


def _future_date(value):
    if value is not None and value <= timezone.localdate():
        raise forms.ValidationError(_("Choose a date after today."), code="past")
    return value


class VersionedForm(SafeForm):
    """Carries the report's version so that a decision on an outdated screen is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ApproveForm(VersionedForm):
    comment = forms.CharField(
        label=_("Comment for the partner (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, needs_changes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_changes = list(needs_changes)

    def clean(self):
        cleaned = super().clean()
        if self.needs_changes:
            raise forms.ValidationError(
                _(
                    "You marked %(titles)s as needing changes. Request changes instead, or "
                    "change those verdicts first."
                )
                % {"titles": ", ".join(f"“{title}”" for title in self.needs_changes)},
                code="needs_changes",
            )
        return cleaned


class SendBackForm(VersionedForm):
    """Request changes or reopen: a comment and a date to resubmit by are required."""

    comment = forms.CharField(
        label=_("What must the partner change?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Explain what the partner must change.")},
    )
    resubmit_by = forms.DateField(
        label=_("Resubmit by"),
        widget=DateInput,
        initial=_default_resubmit_by,
        error_messages={
            "required": _("Give a date by which the partner must resubmit."),
            "invalid": _("Enter a date, for example 2026-03-31."),
        },
    )

    def clean_resubmit_by(self):
        return _future_date(self.cleaned_data.get("resubmit_by"))


class ReopenForm(SendBackForm):
    comment = forms.CharField(
        label=_("Why is the report reopened?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reason for reopening the report.")},
    )


class VerdictForm(SafeForm):
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a verdict.")},
    )
    comment = forms.CharField(
        label=_("Comment for the partner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("verdict") == Verdict.NEEDS_CHANGES
            and not cleaned.get("comment", "").strip()
        ):
            self.add_error("comment", _("Say what needs to change."))
        return cleaned


class CommentForm(SafeForm):
    text = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a comment.")},
    )
    internal = forms.BooleanField(
        label=_("Internal: only for municipal staff"),
        required=False,
    )


class GrantExtensionForm(SafeForm):
    until = forms.DateField(
        label=_("New deadline"),
        widget=DateInput,
        error_messages={
            "required": _("Give the new deadline."),
            "invalid": _("Enter a date, for example 2026-03-31."),
        },
    )
    comment = forms.CharField(
        label=_("Comment for the partner (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_until(self):
        return _future_date(self.cleaned_data.get("until"))


class RefuseExtensionForm(SafeForm):
    comment = forms.CharField(
        label=_("Why is the extension refused?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the extension is refused.")},
    )


class ExtensionRequestForm(SafeForm):
    """The partner's side: ask for a later deadline."""

    requested_until = forms.DateField(
        label=_("New deadline you ask for"),
        widget=DateInput,
        error_messages={
            "required": _("Choose the date by which you can hand in the report."),
            "invalid": _("Enter a date, for example 2026-03-31."),
        },
    )
    reason = forms.CharField(
        label=_("Why do you need more time?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Never mention personal data of workers."),
        error_messages={"required": _("Explain why you need more time.")},
    )

    def __init__(self, *args, current_deadline, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_deadline = current_deadline

    def clean_requested_until(self):
        value = self.cleaned_data["requested_until"]
        if value <= self.current_deadline:
            raise forms.ValidationError(
                _("Choose a date after the current deadline (%(date)s).")
                % {"date": formats.date_format(self.current_deadline, "DATE_FORMAT")},
                code="not_later",
            )
        if value > self.current_deadline + timedelta(days=MAX_EXTENSION_DAYS):
            raise forms.ValidationError(
                _("You can ask for at most %(days)s days more.") % {"days": MAX_EXTENSION_DAYS},
                code="too_late",
            )
        return _future_date(value)

"""Forms of the review. None of them has a status or a figure field: whole-report decisions are
carried out by ``partners.reporting.decisions`` through ``Report.transition_to``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from goedwerk.forms import DateInput, SafeForm, future_date
from partners.reporting import decisions
from partners.reporting.models import Verdict
from partners.reporting.thread import MAX_LENGTH as THREAD_MAX_LENGTH


class VersionedForm(SafeForm):
    """Carries the report's version so that a decision on an outdated screen is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class SendBackForm(VersionedForm):
    """Reopen (and the base of its form): a comment and a date to resubmit by are required.
    Approving and requesting changes are decisions of the review's one form (``DecisionForm``)."""

    comment = forms.CharField(
        label=_("What must the partner change?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Explain what the partner must change.")},
    )
    resubmit_by = forms.DateField(
        label=_("Resubmit by"),
        widget=DateInput,
        error_messages={
            "required": _("Give a date by which the partner must resubmit."),
            "invalid": _("Enter a date, for example 2026-03-31."),
        },
    )

    def clean_resubmit_by(self):
        return future_date(self.cleaned_data.get("resubmit_by"))


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


class ReviewVerdictForm(VerdictForm):
    """The verdict beside one commitment in the review's one form: it may be left open."""

    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        required=False,
    )


DECISION_CHOICES = [
    (decisions.APPROVE, _("Approve the report")),
    (decisions.REQUEST_CHANGES, _("Request changes from the partner")),
    (decisions.SAVE_VERDICTS, _("Only save the verdicts")),
]


class DecisionForm(VersionedForm):
    """The one decision at the end of the review's one form. A comment and a date to resubmit
    by are required when changes are requested; the comment goes to the partner."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    comment = forms.CharField(
        label=_("Comment for the partner (required when you request changes)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    resubmit_by = forms.DateField(
        label=_("Resubmit by (when you request changes)"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Enter a date, for example 2026-03-31.")},
    )

    def __init__(self, *args, allowed=None, needs_changes=(), **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["decision"].widget.choices = [
                (value, label) for value, label in DECISION_CHOICES if value in allowed
            ]
        # Titles of the commitments that (with this form's verdicts) need changes.
        self.needs_changes = list(needs_changes)

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == decisions.REQUEST_CHANGES:
            if not cleaned.get("comment", "").strip() and "comment" not in self.errors:
                self.add_error("comment", _("Explain what the partner must change."))
            if "resubmit_by" not in self.errors:
                if cleaned.get("resubmit_by") is None:
                    self.add_error(
                        "resubmit_by", _("Give a date by which the partner must resubmit.")
                    )
                else:
                    try:
                        future_date(cleaned["resubmit_by"])
                    except forms.ValidationError as error:
                        self.add_error("resubmit_by", error)
        if decision == decisions.APPROVE and self.needs_changes:
            self.add_error(
                "decision",
                _(
                    "You marked %(titles)s as needing changes. Request changes instead, or "
                    "change those verdicts first."
                )
                % {"titles": ", ".join(f"“{title}”" for title in self.needs_changes)},
            )
        return cleaned


class CommentForm(SafeForm):
    """Staff's comment in one of a report's threads (``partners.reporting.thread``).
    ``form_id``: the id of the ``<form>`` the fields belong to when they are shown inside the
    review's one form (forms cannot be nested; the fields point at their own with ``form=``)."""

    text = forms.CharField(
        label=_("Comment"),
        max_length=THREAD_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a comment.")},
    )
    internal = forms.BooleanField(
        label=_("Internal: only for municipal staff"),
        required=False,
    )

    def __init__(self, *args, form_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if form_id:
            for field in self.fields.values():
                field.widget.attrs["form"] = form_id


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
        return future_date(self.cleaned_data.get("until"))


class RefuseExtensionForm(SafeForm):
    comment = forms.CharField(
        label=_("Why is the extension refused?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the extension is refused.")},
    )

"""Forms of the portal's reporting side: the report itself, evidence uploads and requests for
more time.

The report form never carries a status: "Save as draft" and "Submit" are two buttons, and only
``Report.transition_to`` changes the status.
"""

import re
from datetime import date, timedelta

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from goedwerk.forms import DateInput, SafeForm, future_date
from partners.filecheck import MAX_EVIDENCE_BYTES, check_evidence_file
from partners.filecheck import MESSAGES as REFUSALS
from partners.models import EvidenceKind, IndicatorType
from partners.models.reports import CERTIFYING_KINDS
from partners.reporting.answers import part_too_large, parts_total_too_large
from partners.reporting.deadlines import MAX_EXTENSION_DAYS
from partners.reporting.evidence import is_expired_certificate
from partners.reporting.merge import CHECKED, EMPTY, encode_base, stored_answers
from partners.reporting.structure import CommitmentSection, IndicatorRow
from partners.reporting.thread import MAX_LENGTH as THREAD_MAX_LENGTH

YES, NO = "yes", "no"
COUNT_PATTERN = re.compile(r"\d{1,12}")


def _field_for(row: IndicatorRow) -> forms.Field:
    value_type = row.indicator.value_type
    common = {"required": False, "label": row.text.label, "help_text": row.text.help_text}
    if value_type == IndicatorType.COUNT:
        return forms.CharField(
            max_length=20,
            widget=forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "class": "input--count"}
            ),
            **common,
        )
    if value_type == IndicatorType.YES_NO:
        return forms.ChoiceField(
            choices=[(YES, _("Yes")), (NO, _("No"))], widget=forms.RadioSelect, **common
        )
    if value_type == IndicatorType.CHOICE:
        return forms.ChoiceField(choices=row.choices, widget=forms.RadioSelect, **common)
    if value_type == IndicatorType.DATE:
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
            error_messages={"invalid": _("Enter a real date, for example 31-12-2025.")},
            **common,
        )
    return forms.CharField(max_length=255, **common)


class ReportForm(SafeForm):
    """All answers of one report. ``submitting=True`` adds the completeness checks."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    # What the form was rendered with: a fingerprint per answer stored at ``version``
    # (``partners.reporting.merge``), so a save after someone else's merges answer by answer.
    base = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    NOT_ANSWERS = frozenset({"version", "base"})

    def __init__(self, *args, sections: list[CommitmentSection], submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        self.submitting = submitting
        self.rows = {row.indicator.pk: row for s in sections for row in s.rows}
        self.parsed: dict[str, object] = {}
        self.format_errors: set[str] = set()
        # Answers changed both here and in a newer saved version: the saved one, as shown.
        self.conflicting: dict[str, str] = {}
        for section in sections:
            prefix = section.prefix
            if section.commitment.allows_not_applicable:
                self.fields[f"{prefix}_na"] = forms.BooleanField(
                    required=False, label=_("This commitment does not apply to our organisation")
                )
                self.fields[f"{prefix}_explanation"] = forms.CharField(
                    required=False,
                    max_length=5000,
                    label=_("Why does it not apply?"),
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            self.fields[f"{prefix}_notes"] = forms.CharField(
                required=False,
                max_length=5000,
                label=_("Notes for the municipality (optional)"),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            for row in section.rows:
                self.fields[row.name] = _field_for(row)

    @staticmethod
    def initial_from(values: dict, responses: dict, version: int) -> dict:
        """Initial data from stored answers: always what was typed, valid or not (a valid date
        as ISO), with the version and the base they belong to."""
        answers = stored_answers(values, responses)
        initial = {"version": version, "base": encode_base(answers)}
        for name, text in answers.items():
            initial[name] = text == CHECKED if name.endswith("_na") else text
        return initial

    # --- Answers as texts, for merging concurrent edits (``partners.reporting.merge``) ---

    def answer_names(self) -> list[str]:
        """The names of all answers, in the order the form shows them."""
        names = []
        for section in self.sections:
            prefix = section.prefix
            if section.commitment.allows_not_applicable:
                names += [f"{prefix}_na", f"{prefix}_explanation"]
            names += [row.name for row in section.rows]
            names.append(f"{prefix}_notes")
        return names

    def typed_answers(self) -> dict[str, str]:
        """Every answer of the (validated) form as ``merge.stored_answers`` would give it back
        once stored: a ticked box as ``"on"``, a valid date as ISO, otherwise the typed text."""
        answers = {}
        for name in self.answer_names():
            if isinstance(self.fields[name], forms.BooleanField):
                answers[name] = CHECKED if self.cleaned_data.get(name) else EMPTY
            elif isinstance(self.parsed.get(name), date):
                answers[name] = self.parsed[name].isoformat()
            else:
                answers[name] = self.raw(name)
        return answers

    def rebound(self, *, version: int, base: str, answers: dict[str, str] | None = None):
        """The same input (with ``answers`` put in instead), validated again, carrying the
        report's current version and the base of its stored answers."""
        data = self.data.copy()
        for name, text in (answers or {}).items():
            key = self.add_prefix(name)
            if isinstance(self.fields[name], forms.BooleanField) and text == EMPTY:
                data.pop(key, None)
            else:
                data[key] = text
        data[self.add_prefix("version")] = str(version)
        data[self.add_prefix("base")] = base
        rebound = type(self)(data, sections=self.sections, submitting=self.submitting)
        rebound.control_character_keys |= self.control_character_keys  # data is clean by now
        rebound.is_valid()
        return rebound

    def shown(self, name: str, text: str) -> str:
        """An answer's text as a person reads it: the label of a choice, yes or no."""
        field = self.fields[name]
        if isinstance(field, forms.BooleanField):
            return str(_("Yes") if text == CHECKED else _("No"))
        if isinstance(field, forms.ChoiceField):
            return str(dict(field.choices).get(text, text))
        return text

    # --- Rendering helpers: ids that tie hints, previous answers and errors to their inputs ---

    def _is_group(self, name: str) -> bool:
        return isinstance(self.fields[name].widget, forms.RadioSelect)

    def anchor(self, name: str) -> str:
        """The id the error summary links to: the input itself, or a group's first option."""
        bound = self[name]
        return f"{bound.auto_id}_0" if self._is_group(name) else bound.auto_id

    def _describe(self, name: str, *, hint: bool, previous: bool) -> dict:
        bound = self[name]
        ids = {
            "hint": f"{bound.auto_id}-hint" if hint else "",
            "previous": f"{bound.auto_id}-previous" if previous else "",
            "error": f"{bound.auto_id}-error" if bound.errors else "",
            "conflict": f"{bound.auto_id}-conflict" if name in self.conflicting else "",
        }
        described_by = " ".join(value for value in ids.values() if value)
        if not self._is_group(name):
            attrs = self.fields[name].widget.attrs
            attrs.pop("aria-describedby", None)
            attrs.pop("aria-invalid", None)
            if described_by:
                attrs["aria-describedby"] = described_by
            if bound.errors:
                attrs["aria-invalid"] = "true"
        return {
            "field": bound,
            "ids": ids,
            "described_by": described_by,
            "saved": self.conflicting.get(name, ""),
        }

    def layout(self) -> list[dict]:
        """Per commitment: its fields with the ids their template needs."""
        result = []
        for section in self.sections:
            prefix = section.prefix
            allows = section.commitment.allows_not_applicable
            result.append(
                {
                    "section": section,
                    "na": self._describe(f"{prefix}_na", hint=False, previous=False)
                    if allows
                    else None,
                    "explanation": self._describe(
                        f"{prefix}_explanation", hint=False, previous=False
                    )
                    if allows
                    else None,
                    "notes": self._describe(f"{prefix}_notes", hint=False, previous=False),
                    "rows": [
                        {
                            "row": row,
                            "group": self._is_group(row.name),
                            **self._describe(
                                row.name,
                                hint=bool(row.text.help_text),
                                previous=bool(row.previous),
                            ),
                        }
                        for row in section.rows
                    ],
                }
            )
        return result

    def error_links(self) -> list[dict]:
        """The error summary: one link per error, in the order of the form."""
        titles = {}
        for section in self.sections:
            for suffix in ("na", "explanation", "notes"):
                titles[f"{section.prefix}_{suffix}"] = section.text.title
        links = [{"href": "", "text": error} for error in self.non_field_errors()]
        for name in self.fields:
            if name in self.NOT_ANSWERS:
                continue
            for error in self.errors.get(name, []):
                label = self.fields[name].label or ""
                if name in titles:
                    label = f"{titles[name]}: {label}"
                links.append({"href": f"#{self.anchor(name)}", "text": f"{label}: {error}"})
        return links

    def raw(self, name: str) -> str:
        """What was typed, whole: a draft keeps it even when it is too long or not valid (the
        field then has an error, and submitting is refused until it is fixed). Control
        characters have already been taken out of ``data`` (``SafeForm``)."""
        return str(self.data.get(self.add_prefix(name), "")).strip()

    def not_applicable(self, section: CommitmentSection) -> bool:
        return bool(self.cleaned_data.get(f"{section.prefix}_na"))

    def clean(self):
        cleaned = super().clean()
        for row in self.rows.values():
            self._parse(row, cleaned)
        for row in self.rows.values():
            self._check_part_of_whole(row)
            self._check_sum_of_parts(row)
        if self.submitting:
            for section in self.sections:
                self._check_complete(section, cleaned)
        return cleaned

    def _parse(self, row: IndicatorRow, cleaned: dict) -> None:
        name = row.name
        if name in self.errors:
            self.format_errors.add(name)
            return
        value = cleaned.get(name)
        if value in (None, ""):
            return
        value_type = row.indicator.value_type
        if value_type == IndicatorType.COUNT:
            digits = re.sub(r"\s", "", value)
            if not COUNT_PATTERN.fullmatch(digits):
                self.format_errors.add(name)
                self.add_error(
                    name,
                    _("Enter a whole number of 0 or more, in digits only (for example 12)."),
                )
                return
            value = int(digits)
        elif value_type == IndicatorType.YES_NO:
            value = value == YES
        self.parsed[name] = value

    def _check_part_of_whole(self, row: IndicatorRow) -> None:
        whole_id = row.indicator.part_of_id
        if whole_id is None or whole_id not in self.rows:
            return
        whole = self.rows[whole_id]
        part_value, whole_value = self.parsed.get(row.name), self.parsed.get(whole.name)
        if part_too_large(part_value, whole_value):
            self.add_error(
                row.name,
                _("This cannot be more than “%(whole)s” (%(value)s).")
                % {"whole": whole.text.label, "value": whole_value},
            )

    def _check_sum_of_parts(self, row: IndicatorRow) -> None:
        if not row.indicator.parts_add_up:
            return
        parts = [r for r in self.rows.values() if r.indicator.part_of_id == row.indicator.pk]
        total = parts_total_too_large(
            self.parsed.get(row.name), [self.parsed.get(part.name) for part in parts]
        )
        if total is not None:
            self.add_error(
                row.name,
                _("Together, %(parts)s add up to %(total)s: more than this number.")
                % {"parts": ", ".join(f"“{part.text.label}”" for part in parts), "total": total},
            )

    def _check_complete(self, section: CommitmentSection, cleaned: dict) -> None:
        prefix = section.prefix
        if cleaned.get(f"{prefix}_na"):
            if not (cleaned.get(f"{prefix}_explanation") or "").strip():
                self.add_error(
                    f"{prefix}_explanation",
                    _("Explain why this commitment does not apply to your organisation."),
                )
            return
        for row in section.rows:
            if (
                row.indicator.required
                and row.name not in self.parsed
                and row.name not in self.format_errors
            ):
                self.add_error(row.name, _("Answer this question before you submit the report."))


class EvidenceForm(SafeForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, Excel (.xlsx) or Word (.docx), at most 10 MB."),
        # The limit and its message also for upload-limit.js, which refuses a file over it
        # before it is sent, so that the other fields are not lost to the 413 page.
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.png,.jpg,.jpeg,.xlsx,.docx",
                "data-max-bytes": MAX_EVIDENCE_BYTES,
                "data-too-large": REFUSALS["too_large"],
            }
        ),
    )
    commitment = forms.TypedChoiceField(
        label=_("Belongs to"), coerce=int, required=False, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("What does the file show?"), choices=EvidenceKind.choices, initial="general"
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        help_text=_("Required for a registration or membership certificate."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"invalid": _("Enter a real date, for example 31-12-2026.")},
    )
    confirm_expired = forms.BooleanField(
        label=_("I know this certificate has expired"),
        required=False,
        help_text=_("Only needed when the valid-until date has already passed."),
    )
    description = forms.CharField(label=_("Description (optional)"), required=False, max_length=255)

    def __init__(self, *args, sections: list[CommitmentSection], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].choices = [
            ("", _("The report as a whole")),
            *[(s.commitment.pk, s.text.title) for s in sections],
        ]

    @classmethod
    def initial_from_query(cls, query, sections: list[CommitmentSection]) -> dict:
        """Pre-filled kind and commitment from a link (``?kind=…&commitment=…``, as the
        dashboard's expiry warnings make); values that are not a choice are ignored."""
        initial = {}
        if query.get("kind") in EvidenceKind.values:
            initial["kind"] = query["kind"]
        commitments = {str(s.commitment.pk) for s in sections}
        if query.get("commitment") in commitments:
            initial["commitment"] = int(query["commitment"])
        return initial

    def evidence_kind(self) -> str | None:
        return self.cleaned_data.get("kind")

    def clean_file(self):
        # The checked type, and the file to store (images come back re-encoded).
        self.detected = check_evidence_file(self.cleaned_data["file"])
        return self.detected.file

    def clean(self):
        cleaned = super().clean()
        kind, valid_until = self.evidence_kind(), cleaned.get("valid_until")
        if kind in CERTIFYING_KINDS and not valid_until:
            self.add_error(
                "valid_until",
                _("Give the date until which this registration or membership is valid."),
            )
        if is_expired_certificate(kind, valid_until) and not cleaned.get("confirm_expired"):
            self.add_error(
                "confirm_expired",
                _(
                    "This certificate expired on %(date)s. Upload the renewed certificate, or "
                    "tick “I know this certificate has expired” to add it anyway."
                )
                % {"date": formats.date_format(valid_until, "DATE_FORMAT")},
            )
        return cleaned


class ReplaceEvidenceForm(EvidenceForm):
    """A new file for the slot of ``evidence``: its commitment and kind stay the same."""

    def __init__(self, *args, evidence, **kwargs):
        super().__init__(*args, sections=[], **kwargs)
        self.evidence = evidence
        del self.fields["commitment"]
        del self.fields["kind"]
        if not evidence.certifies:
            del self.fields["valid_until"]
            del self.fields["confirm_expired"]

    def evidence_kind(self) -> str:
        return self.evidence.kind


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
        return future_date(value)


class ThreadCommentForm(SafeForm):
    """A partner's reply in one of the report's comment threads (``partners.reporting.thread``).
    ``form_id``: the id of the ``<form>`` the field belongs to when it is shown inside the report
    form (HTML forms cannot be nested; the field points at its own form with ``form=``)."""

    text = forms.CharField(
        label=_("Your comment"),
        max_length=THREAD_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The municipality gets an e-mail. Never mention personal data of workers."),
        error_messages={"required": _("Write a comment.")},
    )

    def __init__(self, *args, form_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if form_id:
            self.fields["text"].widget.attrs["form"] = form_id

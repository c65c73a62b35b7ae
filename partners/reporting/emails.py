"""One function per event that sends e-mail. The services (``writing`` and ``decisions``) call
``after_commit(event, report, **data)``: the e-mails go out once the transaction has committed,
so an action that is rolled back never sends anything."""

from django.db import transaction

from partners.models import Commitment, Report
from partners.models.covenant import fallback_lang, localize
from partners.reporting.deadlines import deadline_for

from .models import CommitmentVerdict, DeadlineExtension, ReviewComment, Verdict
from .notifications import (
    members_of,
    portal_report_url,
    portal_summary_url,
    review_url,
    reviewers,
    send,
)


def after_commit(event, report, **data) -> None:
    """Send ``event``'s e-mails (a function of this module) for ``report`` after the commit."""
    report_id = report.pk

    def send_now():
        fresh = (
            Report.objects.select_related("organisation", "period", "submitted_by")
            .filter(pk=report_id)
            .first()
        )
        if fresh is not None:
            event(fresh, data)

    transaction.on_commit(send_now)


def _base(report) -> dict:
    return {"report": report, "organisation": report.organisation, "period": report.period}


def _for_partner(report, extra: dict | None = None):
    """Context builder for e-mails to members: the portal link and localized titles depend on
    the recipient's language."""

    def build(language):
        return {**_base(report), "url": portal_report_url(report), **(extra or {})}

    return build


def report_submitted(report, data) -> int:
    def build(language):
        submitter = report.submitted_by
        return {
            **_base(report),
            "submitter": (submitter.get_full_name() or submitter.email) if submitter else "",
            "url": review_url(report),
        }

    return send("report_submitted", reviewers(), build)


def submission_received(report, data) -> int:
    """The organisation's members get a confirmation of what was handed in, and by whom."""
    submitter = report.submitted_by
    extra = {
        "submitter": (submitter.get_full_name() or submitter.email) if submitter else "",
        "submitted_at": report.submitted_at,
    }
    base = _for_partner(report, extra)

    def build(language):
        # The summary's URL carries the recipient's language, like the report's.
        return {**base(language), "summary_url": portal_summary_url(report)}

    return send("submission_received", members_of(report.organisation), build)


def _verdicts_needing_changes(report):
    verdicts = list(
        CommitmentVerdict.objects.filter(
            report=report, submitted_at=report.submitted_at, verdict=Verdict.NEEDS_CHANGES
        ).order_by("commitment__order", "commitment__pk")
    )
    commitments = list(Commitment.objects.filter(pk__in=[v.commitment_id for v in verdicts]))
    return verdicts, commitments


def changes_requested(report, data) -> int:
    verdicts, commitments = _verdicts_needing_changes(report)
    deadline = deadline_for(report)

    def build(language):
        texts = localize(commitments)
        titles = {pk: c.title for pk, c in texts.items()}
        langs = {c.pk: fallback_lang(c, texts[c.pk]) for c in commitments}
        return {
            **_for_partner(report)(language),
            "comment": data.get("comment", ""),
            "deadline": deadline,
            "verdicts": [
                {
                    "title": titles.get(v.commitment_id, ""),
                    "lang": langs.get(v.commitment_id, ""),
                    "comment": v.comment,
                }
                for v in verdicts
            ],
        }

    return send("changes_requested", members_of(report.organisation), build)


def report_approved(report, data) -> int:
    extra = {"comment": data.get("comment", "")}
    return send("report_approved", members_of(report.organisation), _for_partner(report, extra))


def report_reopened(report, data) -> int:
    extra = {"comment": data.get("comment", ""), "deadline": deadline_for(report)}
    return send("report_reopened", members_of(report.organisation), _for_partner(report, extra))


def thread_anchor(commitment_id) -> str:
    """The id of a thread on the portal page and on the review screen."""
    return f"thread-c{commitment_id}" if commitment_id else "thread-report"


def _thread_comment(report, data):
    return (
        ReviewComment.objects.filter(pk=data["comment"], report=report)
        .select_related("commitment", "author")
        .first()
    )


def partner_commented(report, data) -> int:
    """A member wrote in a thread: the reviewers hear of it, like of a submission."""
    comment = _thread_comment(report, data)
    if comment is None:
        return 0
    author = comment.author

    def build(language):
        title = ""
        if comment.commitment is not None:
            title = localize([comment.commitment])[comment.commitment_id].title
        return {
            **_base(report),
            "author": (author.get_full_name() or author.email) if author else "",
            "commitment_title": title,
            "comment": comment.text,
            "url": f"{review_url(report)}#{thread_anchor(comment.commitment_id)}",
        }

    return send("partner_commented", reviewers(), build)


def staff_commented(report, data) -> int:
    """Staff shared a comment: the organisation's members hear of it, each in their language.
    Internal notes never come here (``decisions.add_comment``), and are refused if they do."""
    comment = _thread_comment(report, data)
    if comment is None or comment.internal:
        return 0

    def build(language):
        title, lang = "", ""
        if comment.commitment is not None:
            text = localize([comment.commitment])[comment.commitment_id]
            title, lang = text.title, fallback_lang(comment.commitment, text)
        return {
            **_for_partner(report)(language),
            "commitment_title": title,
            "commitment_lang": lang,
            "comment": comment.text,
            "url": f"{portal_report_url(report)}#{thread_anchor(comment.commitment_id)}",
        }

    return send("staff_commented", members_of(report.organisation), build)


def extension_requested(report, data) -> int:
    extension = DeadlineExtension.objects.select_related("requested_by").get(pk=data["extension"])

    def build(language):
        return {**_base(report), "extension": extension, "url": review_url(report)}

    return send("extension_requested", reviewers(), build)


def extension_decided(report, data) -> int:
    extension = DeadlineExtension.objects.get(pk=data["extension"])
    extra = {"extension": extension, "deadline": deadline_for(report)}
    return send("extension_decided", members_of(report.organisation), _for_partner(report, extra))


def reminder(organisation, period, report, *, kind: str, due_on, days_left: int) -> int:
    def build(language):
        context = {
            "organisation": organisation,
            "period": period,
            "report": report,
            "kind": kind,
            "deadline": due_on,
            "days_left": days_left,
            "days_late": -days_left,
            "url": "",
        }
        if report is not None:
            context["url"] = portal_report_url(report)
        else:
            context["url"] = portal_report_url(_Unsaved(organisation, period))
        return context

    return send("reminder", members_of(organisation), build)


class _Unsaved:
    """Enough of a report to build its portal URL before the partner has started it."""

    def __init__(self, organisation, period):
        self.organisation, self.period_id = organisation, period.pk

"""A report's comment threads: one on the whole report and one per commitment, in which both the
organisation's members and municipal staff write. Staff may also write internal notes, which the
partner never sees (neither in the portal nor in any e-mail).

* ``post_partner_comment`` is the partner's side: any member of the report's organisation (any
  role: every member may read the report, see ``permissions``) may write, in every state of the
  report (draft, submitted, changes requested, reopened and approved): a question about a
  verdict does not wait for the report to be reopened. Audited as ``REPORT_PARTNER_COMMENT``;
  the reviewers are e-mailed after the commit.
* Staff write with ``decisions.add_comment`` (audited as ``REPORT_COMMENT``); a shared comment
  e-mails the organisation's members in their own language, an internal note e-mails nobody.
* ``threads_for`` reads every thread of a report in one query, oldest first.

Both sides go through ``check_text``: empty text, text over ``MAX_LENGTH`` characters and text
with control characters (``goedwerk.forms.has_control_characters``, the project's one rule) are
refused with ``ThreadError``; the forms catch the same before a service is called.
"""

from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from goedwerk.forms import has_control_characters
from partners import audit
from partners.models import Report

from . import emails
from .locking import lock
from .models import ReviewComment
from .notifications import remember_active_language
from .permissions import is_member

MAX_LENGTH = 4000


class ThreadError(Exception):
    """The comment cannot be stored (its message is translated and can be shown)."""


def check_text(text: str) -> str:
    if has_control_characters(text):
        raise ThreadError(_("The comment contains control characters, which cannot be stored."))
    text = text.strip()
    if not text:
        raise ThreadError(_("A comment cannot be empty."))
    if len(text) > MAX_LENGTH:
        raise ThreadError(
            _("A comment can be at most %(count)s characters long.") % {"count": MAX_LENGTH}
        )
    return text


def check_commitment(report: Report, commitment) -> None:
    """``commitment`` (or None: the whole report) must belong to the report's covenant."""
    if commitment is not None and commitment.covenant_id != report.period.covenant_id:
        raise ThreadError(_("Not a commitment of this report."))


def write(report: Report, *, by, text: str, commitment, internal: bool, by_partner: bool):
    """Store one comment on the locked report and audit it (call inside a transaction)."""
    lock(report)
    comment = ReviewComment.objects.create(
        report=report,
        commitment=commitment,
        text=text,
        internal=internal,
        by_partner=by_partner,
        author=by,
    )
    data = {
        "review_comment": comment.pk,
        "internal": internal,
        "comment": text,
        "status": report.status,
    }
    if commitment is not None:
        data |= {"commitment": commitment.pk, "commitment_title": commitment.title}
    log(
        report,
        audit.REPORT_PARTNER_COMMENT if by_partner else audit.REPORT_COMMENT,
        user=by,
        data=data,
    )
    return comment


def post_partner_comment(report: Report, *, by, text: str, commitment=None) -> ReviewComment:
    """A member of the report's organisation writes in the report's thread (``commitment``
    None) or in a commitment's thread. The reviewers get an e-mail after the commit."""
    if not is_member(by, report.organisation_id):
        raise PermissionDenied
    text = check_text(text)
    check_commitment(report, commitment)
    with transaction.atomic():
        comment = write(
            report, by=by, text=text, commitment=commitment, internal=False, by_partner=True
        )
        remember_active_language(by)
        emails.after_commit(emails.partner_commented, report, comment=comment.pk)
    return comment


class Threads:
    """Every thread of one report: ``report`` (on the whole report) and ``of(commitment_id)``,
    each a list of comments, oldest first."""

    def __init__(self, comments):
        self.by_commitment = defaultdict(list)
        for comment in comments:
            self.by_commitment[comment.commitment_id].append(comment)

    @property
    def report(self) -> list:
        return self.by_commitment.get(None, [])

    def of(self, commitment_id) -> list:
        return self.by_commitment.get(commitment_id, [])

    def shared(self) -> list:
        """Every comment the partner may read, oldest first."""
        return sorted(
            (c for thread in self.by_commitment.values() for c in thread if not c.internal),
            key=lambda c: (c.created_at, c.pk),
        )


def threads_for(report: Report | None, *, include_internal: bool) -> Threads:
    """The report's threads in one query; ``include_internal=False`` for the partner. Authors
    are loaded too: staff see every name, the partner sees its own members' names and
    "Municipality" for staff (the templates decide by ``by_partner``)."""
    if report is None or report.pk is None:
        return Threads([])
    comments = ReviewComment.objects.filter(report=report).select_related("author")
    if not include_internal:
        comments = comments.filter(internal=False)
    return Threads(comments.order_by("created_at", "pk"))

"""Who may do what in the reporting flow: the one module every layer asks.

* A **member** of an organisation (any role) may read, save and submit its reports, upload its
  evidence and ask for more time. Portal views are scoped by ``partners.access``, which asks
  ``is_member``; objects of other organisations answer 404 there.
* A **reviewer** is active staff with ``partners.review_report``: verdicts, comments, approving,
  requesting changes, reopening, deciding extensions. Nobody, superusers included, may change a
  partner's answers: there is no such permission and no such form.
* **Insight** (the dashboard, exports) is for reviewers and staff with
  ``partners_insight.view_insight``.
* **Evidence** is downloadable by members of its organisation, by reviewers (from the review
  screen) and by staff with ``partners.view_evidence``; staff downloads are logged.

Whether a move between statuses is allowed at all is ``states.TRANSITIONS``; who makes a move is
its ``Actor``, checked here by ``may_act``.
"""

from partners.models.organisations import Membership

from .states import Actor

REVIEW_PERMISSION = "partners.review_report"
INSIGHT_PERMISSION = "partners_insight.view_insight"
EVIDENCE_PERMISSION = "partners.view_evidence"


def _active_staff(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def is_member(user, organisation_id) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return Membership.objects.filter(user=user, organisation_id=organisation_id).exists()


def may_review(user) -> bool:
    return _active_staff(user) and user.has_perm(REVIEW_PERMISSION)


def may_view_insight(user) -> bool:
    return _active_staff(user) and (
        user.has_perm(REVIEW_PERMISSION) or user.has_perm(INSIGHT_PERMISSION)
    )


def may_download_evidence_as_staff(user) -> bool:
    return _active_staff(user) and (
        user.has_perm(REVIEW_PERMISSION) or user.has_perm(EVIDENCE_PERMISSION)
    )


def may_act(actor: str, user, report) -> bool:
    """May ``user`` make a move whose actor is ``actor`` on ``report``?"""
    if actor == Actor.STAFF:
        return may_review(user)
    return is_member(user, report.organisation_id)

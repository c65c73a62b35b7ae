"""The partner's side of the review: asking for a deadline extension. Mounted by
``partners.review.urls`` under /<language>/portaal/ (namespace ``partners_review``)."""

from django.contrib import messages
from django.db import OperationalError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partners.access import portal_member_required
from partners.models import Report, ReportingPeriod
from partners.reporting.deadlines import deadline_for
from partners.reporting.locking import BUSY_MESSAGE, is_lock_timeout

from .feedback import feedback_for
from .forms import ExtensionRequestForm
from .services import ReviewError, request_extension


def _report_url(organisation, period) -> str:
    try:
        return reverse(
            "partners:report",
            kwargs={"organisation_slug": organisation.slug, "period_id": period.pk},
        )
    except NoReverseMatch:
        return reverse("partners:dashboard", kwargs={"organisation_slug": organisation.slug})


@require_http_methods(["GET", "POST"])
@portal_member_required
def extension_request(request, organisation_slug, period_id):
    organisation = request.organisation
    period = get_object_or_404(ReportingPeriod, pk=period_id)
    if not period.is_open():
        raise Http404
    report = (
        Report.objects.filter(organisation=organisation, period=period)
        .select_related("organisation", "period")
        .first()
    )
    report_url = _report_url(organisation, period)
    if report is not None and not report.is_editable:
        messages.info(request, _("This report has been handed in: no extension is needed."))
        return redirect(report_url)
    feedback = feedback_for(report, organisation=organisation, period=period)
    current = deadline_for(report, period=period)
    form = ExtensionRequestForm(request.POST or None, current_deadline=current)
    pending = feedback.pending_extension
    status = None
    if request.method == "POST" and pending is None and form.is_valid():
        try:
            with transaction.atomic():
                report, _created = Report.objects.get_or_create(
                    organisation=organisation, period=period
                )
                request_extension(
                    report,
                    by=request.user,
                    until=form.cleaned_data["requested_until"],
                    reason=form.cleaned_data["reason"],
                )
        except OperationalError as error:
            if not is_lock_timeout(error):
                raise
            form.add_error(None, BUSY_MESSAGE)
            status = 409
        except ReviewError:
            form.add_error(
                None,
                _(
                    "Your request could not be sent: the report was handed in or another "
                    "request is waiting for a decision."
                ),
            )
        else:
            messages.success(
                request,
                _("Your request has been sent. You will get an e-mail when it has been decided."),
            )
            return redirect(report_url)
    context = {
        "organisation": organisation,
        "period": period,
        "form": form,
        "current_deadline": current,
        "pending": pending,
        "report_url": report_url,
    }
    if status is None:
        status = 400 if request.method == "POST" else 200
    return render(request, "partners/review/extension_request.html", context, status=status)

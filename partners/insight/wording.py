"""The public wording of the coalition's figures: what a labour migrant reads on the progress page
and the partner list, in their own language.

The portal's commitment titles and indicator labels are written for employers who fill in a
report ("Van wie ingeschreven in de BRP met een actueel adres"). The public pages show the same
figures to the people they are about, so each public commitment and each public (count) indicator
has its own plain label and a one-sentence explanation here, per code, translated with gettext.
This module is the only place for that wording; ``stats.public_progress`` and
``stats.consented_figures`` apply it. A code that is not listed here (an indicator staff added
later) keeps the portal's label, so nothing disappears from the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Wording:
    label: str | Promise
    explanation: str | Promise


COMMITMENTS: dict[str, Wording] = {
    # What employers promise.
    "brp_registration": Wording(
        _("Employers who help you register at the municipality (BRP)"),
        _(
            "If you stay in the Netherlands for more than four months, you must register at the "
            "municipality; these employers help you do that, also together with colleagues at "
            "your workplace."
        ),
    ),
    "schooling": Wording(
        _("Training for a better job"),
        _(
            "Employers offer courses to learn a trade or change jobs, so that you can move up to "
            "better work."
        ),
    ),
    "language_classes": Wording(
        _("Dutch lessons"),
        _("Employers offer lessons in Dutch, if possible during your working hours."),
    ),
    "housing_snf": Wording(
        _("Good and safe housing"),
        _(
            "Housing that employers arrange must meet the SNF quality standard, and your rental "
            "contract must be separate from your work contract."
        ),
    ),
    "branch_membership": Wording(
        _("Reliable staffing agencies"),
        _(
            "Staffing agencies in the coalition are members of a branch organisation (ABU or "
            "NBBU), which sets rules for how they treat their workers."
        ),
    ),
    "return_to_work": Wording(
        _("Back to work after losing your home"),
        _(
            "Together with the municipality's shelter, employers help EU citizens without a home "
            "to find work again."
        ),
    ),
    "job_fairs": Wording(
        _("Employers at the job fairs"),
        _(
            "Employers have a stand at the municipality's job fairs, where you can talk to them "
            "and apply for a job."
        ),
    ),
    # What the municipality promises.
    "municipal_schooling_language": Wording(
        _("Training vouchers and Dutch lessons from the municipality"),
        _("The municipality pays for courses with vouchers and offers Dutch language training."),
    ),
    "municipal_group_registration": Wording(
        _("Registering together with your colleagues"),
        _(
            "The municipality registers groups of workers in the BRP, also at the employer's "
            "workplace, so that registering is quicker and easier."
        ),
    ),
    "municipal_job_fairs": Wording(
        _("Job fairs organised by the municipality"),
        _(
            "The municipality organises job fairs where you can meet the employers of the "
            "coalition."
        ),
    ),
    "municipal_referrals": Wording(
        _("Help to find work"),
        _(
            "If you are looking for work, the municipality can send you to an employer in the "
            "coalition."
        ),
    ),
    "municipal_partner_meetings": Wording(
        _("Meetings with the employers"),
        _(
            "The municipality meets the employers of the coalition regularly to check that the "
            "agreements are kept."
        ),
    ),
}

INDICATORS: dict[str, Wording] = {
    # brp_registration
    "workers_employed": Wording(
        _("Labour migrants working for these employers"),
        _(
            "Everyone who worked for a coalition employer in the Rotterdam region, or was placed "
            "there by one, on the last day of the period."
        ),
    ),
    "registered_brp_address": Wording(
        _("Of whom registered at the municipality (BRP) with their current address"),
        _("Registration as a resident, for people who stay longer than four months."),
    ),
    "registered_rni_only": Wording(
        _("Of whom registered only as a non-resident (RNI)"),
        _("For people who stay shorter than four months; this registration also gives you a BSN."),
    ),
    "registration_unknown": Wording(
        _("Of whom the employer does not know whether they are registered"),
        _(
            "If you stay longer than four months, you must register at the municipality within "
            "five days of arriving."
        ),
    ),
    "registered_group_sessions": Wording(
        _("Workers who registered together with colleagues in this period"),
        _("Group registrations at the municipality or at the workplace."),
    ),
    # schooling
    "vocational_training_started": Wording(
        _("Workers who started a vocational course in this period"),
        _("A course to learn a trade or to change to another job, offered by their employer."),
    ),
    "schooling_vouchers_used": Wording(
        _("Training vouchers used"),
        _("Vouchers from the municipality that pay for a course."),
    ),
    "promoted_workers": Wording(
        _("Workers who moved up to a better position"),
        _("Workers who got a job with more responsibility with the same employer."),
    ),
    # language_classes
    "language_started": Wording(
        _("Workers who started Dutch lessons in this period"),
        _("Lessons in Dutch offered by their employer."),
    ),
    "language_completed": Wording(
        _("Workers who finished a Dutch course in this period"),
        _("Workers who followed a Dutch course offered by their employer to the end."),
    ),
    # housing_snf
    "workers_housed": Wording(
        _("Workers living in housing arranged by their employer"),
        _("Rooms or houses that the employer rents out or arranges for its workers."),
    ),
    "housed_snf_registered": Wording(
        _("Of whom in housing certified to the SNF standard"),
        _(
            "SNF housing is inspected: enough space per person and enough toilets and showers "
            "for everyone."
        ),
    ),
    # return_to_work
    "homeless_referred": Wording(
        _("EU citizens without a home sent to these employers by the municipality"),
        _("People from the municipality's shelter who want to work again."),
    ),
    "homeless_placed": Wording(
        _("Of whom found work"),
        _("They got a job with one of the coalition employers."),
    ),
    "homeless_housed": Wording(
        _("Of whom also found a place to live"),
        _("Besides work, the employer helped them find somewhere to live."),
    ),
    # job_fairs
    "job_fairs_attended": Wording(
        _("Times employers had a stand at a job fair"),
        _("Each stand at each job fair counts once."),
    ),
    "vacancies_offered": Wording(
        _("Jobs offered at the job fairs"),
        _("Vacancies that employers brought to the job fairs for visitors to apply for."),
    ),
    "hires_from_job_fairs": Wording(
        _("People who got a job through a job fair"),
        _("Visitors who were hired by an employer they met at a job fair."),
    ),
    # municipal_schooling_language
    "vouchers_issued": Wording(
        _("Training vouchers given out by the municipality"),
        _("Each voucher pays for a course."),
    ),
    "language_training_participants": Wording(
        _("People in the municipality's Dutch lessons"),
        _("People who took part in Dutch language training paid for by the municipality."),
    ),
    # municipal_group_registration
    "group_sessions_held": Wording(
        _("Group registration sessions"),
        _("Sessions in which the municipality registered a group of workers at once."),
    ),
    "group_sessions_on_site": Wording(
        _("Of which at an employer's workplace"),
        _("The municipality came to the workplace, so the workers did not have to travel."),
    ),
    "people_registered_in_groups": Wording(
        _("People registered in a group session"),
        _("Everyone who registered in the BRP in one of these sessions."),
    ),
    # municipal_job_fairs
    "job_fairs_organised": Wording(
        _("Job fairs organised"),
        _("Job fairs for labour migrants organised by the municipality."),
    ),
    "job_fair_exhibitors": Wording(
        _("Stands at the job fairs"),
        _(
            "Employers and organisations such as language schools and the info point that had a "
            "stand."
        ),
    ),
    "job_fair_visitors": Wording(
        _("Visitors to the job fairs (estimate)"),
        _("The municipality's estimate of how many people came."),
    ),
    # municipal_referrals
    "jobseekers_referred": Wording(
        _("Job seekers sent to a coalition employer"),
        _("People looking for work whom the municipality sent to an employer in the coalition."),
    ),
    "jobseekers_placed": Wording(
        _("Of whom found work (as far as known)"),
        _(
            "Not every employer tells the municipality who was hired, so the real number may be "
            "higher."
        ),
    ),
    # municipal_partner_meetings
    "partner_meetings_held": Wording(
        _("Meetings with the employers"),
        _("Meetings between the municipality and the coalition employers."),
    ),
}


def commitment(code: str) -> Wording | None:
    return COMMITMENTS.get(code)


def indicator(code: str) -> Wording | None:
    return INDICATORS.get(code)


def apply(trends):
    """Give the commitments and indicators of ``stats.Trends`` their public wording, in the
    active language (in place; returns ``trends``). The unit is dropped where the public label
    already says what is counted."""
    for commitment_trend in trends.commitments:
        public = commitment(commitment_trend.commitment.code)
        if public is not None:
            commitment_trend.title = str(public.label)
            commitment_trend.description = str(public.explanation)
        for trend in commitment_trend.indicators:
            public = indicator(trend.code)
            if public is not None:
                trend.label = str(public.label)
                trend.explanation = str(public.explanation)
                trend.unit = ""
    return trends

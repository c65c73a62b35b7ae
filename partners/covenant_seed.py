"""The Rotterdam covenant "Coalitie Goed Werkgeverschap" (signed 27 June 2024) as data.

Used by the data migration ``0003_seed_rotterdam_covenant`` (so the covenant exists in production)
and by the demo loader. ``seed(apps)`` only uses models through ``apps.get_model`` and fields
that exist since migration 0002, so it works with historical models; it touches only the rows in
the source locale (translations made in the admin are left alone); it is idempotent: it
updates rows by their codes and never deletes anything staff added.

Texts are Dutch, the source language; codes are English snake case and never translated.
Every indicator is an aggregate: no personal data about workers, never a BSN.
"""

from datetime import date

COVENANT = {
    "code": "rotterdam-goed-werkgeverschap",
    "title": "Coalitie Goed Werkgeverschap Rotterdam",
    "signed_on": date(2024, 6, 27),
    "ends_on": date(2026, 7, 1),
    "description": (
        "Afspraken tussen de gemeente Rotterdam en werkgevers van EU-arbeidsmigranten over "
        "goed werkgeverschap, onderdeel van de aanpak 'Meer grip op arbeidsmigratie'. "
        "Nieuwe partners kunnen zich aansluiten."
    ),
}

MUNICIPALITY = {"slug": "gemeente-rotterdam", "name": "Gemeente Rotterdam", "kind": "municipality"}

ABU_CODES = "abu\nnbbu\nneither\nnot_applicable"
ABU_LABELS = "ABU\nNBBU\nGeen van beide\nNiet van toepassing (geen uitzendonderneming)"

NO_NAMES = " Alleen een aantal: geen namen en geen BSN's."


def _count(code, label, help_text="", *, unit="personen", required=True, part_of=None):
    return {
        "code": code,
        "label": label,
        "help_text": help_text,
        "unit": unit,
        "value_type": "count",
        "required": required,
        "part_of": part_of,
    }


def _other(code, label, value_type, help_text="", *, required=True, **extra):
    return {
        "code": code,
        "label": label,
        "help_text": help_text,
        "unit": "",
        "value_type": value_type,
        "required": required,
        "part_of": None,
        **extra,
    }


EMPLOYER_COMMITMENTS = [
    {
        "code": "brp_registration",
        "title": "Inschrijving in de BRP",
        "description": (
            "Wij zorgen dat onze arbeidsmigranten ingeschreven staan in de Basisregistratie "
            "Personen, ook in groepen en op locatie samen met de gemeente."
        ),
        "indicators": [
            _count(
                "workers_employed",
                "Arbeidsmigranten in dienst of geplaatst in de regio op de peildatum",
                "Tel iedereen die op de laatste dag van de periode bij u werkt of via u in de "
                "regio Rotterdam geplaatst is." + NO_NAMES,
            ),
            _count(
                "registered_brp_address",
                "Van wie ingeschreven in de BRP met een actueel adres",
                "Niet meer dan het aantal arbeidsmigranten hierboven.",
                part_of="workers_employed",
            ),
            _count(
                "registered_rni_only",
                "Van wie alleen ingeschreven in de RNI",
                "Niet-ingezetenen die korter dan vier maanden blijven.",
                part_of="workers_employed",
            ),
            _count(
                "registration_unknown",
                "Van wie de inschrijving onbekend is",
                part_of="workers_employed",
            ),
            _count(
                "registered_group_sessions",
                "Ingeschreven via een groepsinschrijving in deze periode",
                "Groepsinschrijvingen bij de gemeente of op uw eigen locatie.",
            ),
        ],
    },
    {
        "code": "schooling",
        "title": "Scholing",
        "description": "Vakopleiding, omscholing en doorgroeimogelijkheden voor arbeidsmigranten.",
        "indicators": [
            _count(
                "vocational_training_started",
                "Werknemers die in deze periode aan een vakopleiding of omscholing begonnen",
            ),
            _count("schooling_vouchers_used", "Gebruikte scholingsvouchers van de gemeente"),
            _count(
                "promoted_workers",
                "Werknemers doorgegroeid naar een hogere functie",
                required=False,
            ),
        ],
    },
    {
        "code": "language_classes",
        "title": "Taallessen Nederlands",
        "description": "Lessen Nederlands voor arbeidsmigranten, bij voorkeur onder werktijd.",
        "indicators": [
            _count("language_started", "Werknemers die in deze periode met taallessen begonnen"),
            _count("language_completed", "Werknemers die in deze periode een taalcursus afrondden"),
            _other(
                "language_in_working_hours",
                "Worden de lessen (deels) onder werktijd gegeven?",
                "yes_no",
            ),
        ],
    },
    {
        "code": "housing_snf",
        "title": "Huisvesting volgens de SNF-norm",
        "description": (
            "Huisvesting die wij regelen voldoet aan de SNF-norm en aan wet- en regelgeving; "
            "het huurcontract staat los van het arbeidscontract."
        ),
        "allows_not_applicable": True,
        "indicators": [
            _count("workers_housed", "Werknemers gehuisvest via uw organisatie"),
            _count(
                "housed_snf_registered",
                "Van wie in SNF-gecertificeerde huisvesting",
                "Niet meer dan het aantal gehuisveste werknemers.",
                part_of="workers_housed",
            ),
            _other("snf_registered", "Is uw organisatie ingeschreven bij de SNF?", "yes_no"),
            _other(
                "snf_registration_date",
                "Datum van de SNF-inschrijving",
                "date",
                "Laat leeg als u niet bij de SNF bent ingeschreven.",
                required=False,
            ),
            _other(
                "separate_rental_contract",
                "Staat het huurcontract los van het arbeidscontract?",
                "yes_no",
            ),
        ],
    },
    {
        "code": "branch_membership",
        "title": "Lidmaatschap van een brancheorganisatie",
        "description": (
            "Uitzendondernemingen zijn lid van de ABU of de NBBU. Niet elke partner is een "
            "uitzendonderneming: dan is deze afspraak niet van toepassing."
        ),
        "allows_not_applicable": True,
        "indicators": [
            _other(
                "branch_organisation",
                "Lid van",
                "choice",
                choice_codes=ABU_CODES,
                choice_labels=ABU_LABELS,
            ),
            _other(
                "membership_number",
                "Lidnummer",
                "text",
                "Het nummer van uw ABU- of NBBU-lidmaatschap.",
                required=False,
            ),
            _other(
                "sna_registered",
                "Ingeschreven in het register van de SNA (NEN 4400-1)?",
                "yes_no",
            ),
            _other(
                "wtta_admission",
                "Toegelaten onder de Wtta?",
                "yes_no",
                "Het toelatingsstelsel van de Nederlandse Autoriteit Uitleenmarkt geldt vanaf "
                "1 januari 2027; tot dan mag u deze vraag overslaan.",
                required=False,
            ),
        ],
    },
    {
        "code": "return_to_work",
        "title": "Terugkeer naar werk voor dakloze EU-migranten",
        "description": (
            "Samen met de opvangpilot van de gemeente helpen wij dakloze EU-migranten terug "
            "naar werk."
        ),
        "indicators": [
            _count("homeless_referred", "Dakloze EU-migranten door de gemeente naar u verwezen"),
            _count(
                "homeless_placed",
                "Van wie aan het werk geholpen",
                part_of="homeless_referred",
            ),
            _count(
                "homeless_housed",
                "Van wie ook aan huisvesting geholpen",
                part_of="homeless_referred",
            ),
        ],
    },
    {
        "code": "job_fairs",
        "title": "Deelname aan banenmarkten",
        "description": "Wij doen mee aan de banenmarkten voor arbeidsmigranten van de gemeente.",
        "indicators": [
            _count("job_fairs_attended", "Banenmarkten waar u met een stand stond", unit="keer"),
            _count("vacancies_offered", "Vacatures aangeboden op banenmarkten", unit="vacatures"),
            _count("hires_from_job_fairs", "Aannames via banenmarkten"),
        ],
    },
]

MUNICIPALITY_COMMITMENTS = [
    {
        "code": "municipal_schooling_language",
        "title": "Scholingsvouchers en taaltraining",
        "description": "De gemeente biedt scholingsvouchers en taaltraining aan.",
        "indicators": [
            _count("vouchers_issued", "Uitgegeven scholingsvouchers", unit="vouchers"),
            _count("language_training_participants", "Deelnemers aan gemeentelijke taaltraining"),
        ],
    },
    {
        "code": "municipal_group_registration",
        "title": "Groepsinschrijving in de BRP, ook op locatie bij de werkgever",
        "description": "De gemeente schrijft groepen in, ook op de locatie van de werkgever.",
        "indicators": [
            _count("group_sessions_held", "Groepsinschrijvingen gehouden", unit="sessies"),
            _count(
                "group_sessions_on_site",
                "Van wie op locatie bij een werkgever",
                unit="sessies",
                part_of="group_sessions_held",
            ),
            _count("people_registered_in_groups", "Personen ingeschreven via groepen"),
        ],
    },
    {
        "code": "municipal_job_fairs",
        "title": "Organiseren van banenmarkten",
        "description": "De gemeente organiseert banenmarkten met de coalitiepartners.",
        "indicators": [
            _count("job_fairs_organised", "Georganiseerde banenmarkten", unit="banenmarkten"),
            _count("job_fair_exhibitors", "Standhouders op de banenmarkten", unit="standhouders"),
            _count("job_fair_visitors", "Bezoekers (schatting)", unit="bezoekers", required=False),
        ],
    },
    {
        "code": "municipal_referrals",
        "title": "Doorverwijzen van werkzoekende arbeidsmigranten",
        "description": "De gemeente verwijst werkzoekende arbeidsmigranten naar de partners.",
        "indicators": [
            _count("jobseekers_referred", "Werkzoekenden doorverwezen naar coalitiepartners"),
            _count(
                "jobseekers_placed",
                "Van wie aan het werk (voor zover bekend)",
                part_of="jobseekers_referred",
                required=False,
            ),
        ],
    },
    {
        "code": "municipal_partner_meetings",
        "title": "Overleg met de convenantpartners",
        "description": "De gemeente organiseert regelmatig overleg met de partners.",
        "indicators": [
            _count("partner_meetings_held", "Overleggen met de partners", unit="overleggen"),
            _other("last_meeting_date", "Datum van het laatste overleg", "date", required=False),
        ],
    },
]


def seed(apps, language_code: str = "nl") -> None:
    Locale = apps.get_model("wagtailcore", "Locale")
    Covenant = apps.get_model("partners", "Covenant")
    Commitment = apps.get_model("partners", "Commitment")
    Indicator = apps.get_model("partners", "Indicator")
    Organisation = apps.get_model("partners", "Organisation")

    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    covenant, _ = Covenant.objects.update_or_create(
        code=COVENANT["code"],
        locale=locale,
        defaults={key: value for key, value in COVENANT.items() if key != "code"},
    )
    for party, commitments in (
        ("employer", EMPLOYER_COMMITMENTS),
        ("municipality", MUNICIPALITY_COMMITMENTS),
    ):
        for order, data in enumerate(commitments, start=1):
            commitment, _ = Commitment.objects.update_or_create(
                covenant=covenant,
                code=data["code"],
                locale=locale,
                defaults={
                    "party": party,
                    "order": order,
                    "title": data["title"],
                    "description": data["description"],
                    "allows_not_applicable": data.get("allows_not_applicable", False),
                },
            )
            by_code = {}
            for position, spec in enumerate(data["indicators"], start=1):
                fields = {k: v for k, v in spec.items() if k not in {"code", "part_of"}}
                by_code[spec["code"]], _ = Indicator.objects.update_or_create(
                    commitment=commitment,
                    code=spec["code"],
                    locale=locale,
                    defaults={"order": position, **fields},
                )
            for spec in data["indicators"]:
                whole = by_code[spec["part_of"]] if spec["part_of"] else None
                Indicator.objects.filter(pk=by_code[spec["code"]].pk).update(part_of=whole)

    Organisation.objects.get_or_create(
        slug=MUNICIPALITY["slug"],
        defaults={"name": MUNICIPALITY["name"], "kind": MUNICIPALITY["kind"]},
    )

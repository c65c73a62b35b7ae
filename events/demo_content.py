"""Texts and facts of the demo job fairs: Dutch source with English and Polish translations.

The three fairs that were held (3 Oct 2024, 15 Mar 2025, 21 Jun 2025) are the municipality's
real ones (dates and venues as it presented them). Street addresses other than the Centrale
Bibliotheek's, all times, and the two upcoming fairs are made up for the demo.
"""

from dataclasses import dataclass

LANGUAGES = ["en", "pl"]


@dataclass(frozen=True)
class T:
    nl: str
    en: str
    pl: str

    def get(self, language: str) -> str:
        return getattr(self, language)


INDEX = {
    "title": T("Banenmarkten", "Job fairs", "Targi pracy"),
    "slug": T("banenmarkten", "job-fairs", "targi-pracy"),
    "intro": T(
        "Op een banenmarkt spreek je werkgevers die zich aan goede afspraken houden. Je krijgt "
        "er ook uitleg over inschrijving, taallessen en je rechten. De toegang is gratis.",
        "At a job fair you meet employers who keep to good agreements. You also get information "
        "about registration, language classes and your rights. Entry is free.",
        "Na targach pracy spotkasz pracodawców, którzy przestrzegają dobrych zasad. Dowiesz się "
        "też więcej o meldunku, kursach języka niderlandzkiego i swoich prawach. Wstęp jest "
        "bezpłatny.",
    ),
}

BRING = [
    T(
        "Een geldig identiteitsbewijs (paspoort of identiteitskaart)",
        "A valid identity document (passport or ID card)",
        "Ważny dokument tożsamości (paszport lub dowód osobisty)",
    ),
    T(
        "Je cv, als je dat hebt (op je telefoon mag ook)",
        "Your CV, if you have one (on your phone is fine)",
        "Swoje CV, jeśli je masz (może być w telefonie)",
    ),
    T(
        "Je BSN, als je dat al hebt",
        "Your BSN (citizen service number), if you already have one",
        "Swój numer BSN, jeśli już go masz",
    ),
]
WALK_IN = T(
    "Binnenlopen kan de hele dag; je hoeft geen afspraak te maken.",
    "Walk in at any time; you do not need an appointment.",
    "Możesz przyjść o dowolnej porze; nie musisz się umawiać.",
)
STEP_FREE = T(
    "De zaal is op de begane grond en drempelvrij. Er is een toegankelijk toilet.",
    "The hall is on the ground floor and step-free. There is an accessible toilet.",
    "Sala znajduje się na parterze i nie ma progów. Jest toaleta dostępna dla osób z "
    "niepełnosprawnościami.",
)
LIBRARY_ACCESS = T(
    "Drempelvrije ingang, liften naar alle verdiepingen en een toegankelijk toilet. "
    "Metrostation Blaak ligt op een paar minuten lopen.",
    "Step-free entrance, lifts to every floor and an accessible toilet. Blaak metro station is "
    "a few minutes' walk away.",
    "Wejście bez progów, windy na wszystkie piętra i toaleta dostępna dla osób z "
    "niepełnosprawnościami. Stacja metra Blaak jest kilka minut pieszo.",
)

CITY = ("Gemeente Rotterdam", "https://www.rotterdam.nl/")
EURES_ORG = ("EURES", "https://eures.europa.eu/")
ORGANISER_NAMES = {
    "Gemeente Rotterdam": T("Gemeente Rotterdam", "City of Rotterdam", "Gmina Rotterdam"),
    "EURES": T("EURES", "EURES", "EURES"),
}

# Coalition partners by the slug the partners demo gives them.
PARTNER_DESCRIPTIONS = {
    "vebego-zorg": T(
        "Vacatures in de zorg en de schoonmaak",
        "Vacancies in care and cleaning",
        "Oferty pracy w opiece i sprzątaniu",
    ),
}
AGENCY_DESCRIPTION = T(
    "Vacatures in logistiek, productie en schoonmaak",
    "Vacancies in logistics, production and cleaning",
    "Oferty pracy w logistyce, produkcji i sprzątaniu",
)
PARTNER_NAMES = {
    "tempo-team": "Tempo-Team",
    "vebego-zorg": "Vebego Zorg",
    "network-people": "Network People B.V.",
    "labour-power-company": "Labour Power Company",
    "people-21": "People 21",
}

# Other stands: key -> (kind, name, description)
STANDS = {
    "eures": (
        "eures",
        T("EURES", "EURES", "EURES"),
        T(
            "Advies over werken en wonen in een ander EU-land",
            "Advice on working and living in another EU country",
            "Porady dotyczące pracy i życia w innym kraju UE",
        ),
    ),
    "win": (
        "info_point",
        T("WIN-punt Rotterdam", "WIN-punt Rotterdam", "WIN-punt Rotterdam"),
        T(
            "Vragen over inschrijving (BRP of RNI), zorgverzekering en wonen",
            "Questions about registration (BRP or RNI), health insurance and housing",
            "Pytania o meldunek (BRP lub RNI), ubezpieczenie zdrowotne i mieszkanie",
        ),
    ),
    "werkcentrum": (
        "job_centre",
        T("Werkcentrum Rijnmond", "Werkcentrum Rijnmond", "Werkcentrum Rijnmond"),
        T(
            "Hulp bij werk zoeken en omscholing",
            "Help with finding work and retraining",
            "Pomoc w szukaniu pracy i przekwalifikowaniu",
        ),
    ),
    "language": (
        "language",
        T("Taalaanbieder", "Language school", "Szkoła językowa"),
        T(
            "Lessen Nederlands, ook gratis als je in de BRP staat",
            "Dutch classes, free if you are registered in the BRP",
            "Lekcje niderlandzkiego, bezpłatne, jeśli jesteś zameldowany w BRP",
        ),
    ),
    "childcare": (
        "childcare",
        T("Kinderopvang", "Childcare", "Opieka nad dziećmi"),
        T(
            "Opvang voor je kinderen terwijl je werkt",
            "Care for your children while you work",
            "Opieka nad dziećmi, gdy jesteś w pracy",
        ),
    ),
    "training": (
        "training",
        T("Opleidingen en cursussen", "Training and courses", "Szkolenia i kursy"),
        T(
            "Vakopleidingen en omscholing, ook met scholingsvouchers",
            "Vocational training and retraining, also with training vouchers",
            "Szkolenia zawodowe i przekwalifikowanie, także z bonami szkoleniowymi",
        ),
    ),
    "legal": (
        "legal_help",
        T("Stichting Je Goed Recht", "Stichting Je Goed Recht", "Stichting Je Goed Recht"),
        T(
            "Gratis hulp als je werkgever zich niet aan de regels houdt",
            "Free help if your employer does not follow the rules",
            "Bezpłatna pomoc, gdy pracodawca nie przestrzega przepisów",
        ),
    ),
    "interpreters": (
        "interpreters",
        T("Tolken", "Interpreters", "Tłumacze"),
        T(
            "Tolken Pools, Roemeens en Bulgaars helpen bij de gesprekken",
            "Interpreters for Polish, Romanian and Bulgarian help you in the conversations",
            "Tłumacze języka polskiego, rumuńskiego i bułgarskiego pomagają w rozmowach",
        ),
    ),
}

ALL_PARTNERS = list(PARTNER_NAMES)

# when: ("fixed", date, start hour, end hour) or ("relative", weeks ahead, start hour, end hour,
# weeks the original date lay before the new one when postponed, or None)
FAIRS = [
    {
        "slug": "banenmarkt-centrale-bibliotheek-2024",
        "title": T(
            "Banenmarkt in de Centrale Bibliotheek",
            "Job fair at the Central Library",
            "Targi pracy w Bibliotece Centralnej",
        ),
        "intro": T(
            "De eerste banenmarkt van de Coalitie Goed Werkgeverschap, samen met EURES: "
            "vacatures bij betrouwbare werkgevers en informatie over werken in Nederland.",
            "The first job fair of the Coalition for Good Employership, together with EURES: "
            "vacancies with reliable employers and information about working in the "
            "Netherlands.",
            "Pierwsze targi pracy Koalicji Dobrego Pracodawcy, razem z EURES: oferty pracy u "
            "rzetelnych pracodawców i informacje o pracy w Holandii.",
        ),
        "when": ("fixed", (2024, 10, 3), 12, 16),
        "venue": ("Centrale Bibliotheek", "Hoogstraat 110", "3011 PV", "Centrum"),
        "geo": ("51.922000", "4.487000"),
        "accessibility": LIBRARY_ACCESS,
        "languages": ["nl", "en", "pl", "ro", "bg"],
        "partners": ALL_PARTNERS,
        "stands": ["eures", "win"],
        "organisers": [CITY, EURES_ORG],
    },
    {
        "slug": "banenmarkt-oud-mathenesse-2025",
        "title": T(
            "Banenmarkt in Oud-Mathenesse",
            "Job fair in Oud-Mathenesse",
            "Targi pracy w Oud-Mathenesse",
        ),
        "intro": T(
            "Banenmarkt bij Experience College, midden in de wijk: werkgevers uit de coalitie, "
            "lessen Nederlands en kinderopvang op één plek.",
            "Job fair at Experience College, in the heart of the neighbourhood: coalition "
            "employers, Dutch classes and childcare in one place.",
            "Targi pracy w Experience College, w samym sercu dzielnicy: pracodawcy z koalicji, "
            "lekcje niderlandzkiego i opieka nad dziećmi w jednym miejscu.",
        ),
        "when": ("fixed", (2025, 3, 15), 10, 14),
        "venue": ("Experience College", "Marconiplein 10", "3025 AA", "Oud-Mathenesse"),
        "geo": None,
        "accessibility": STEP_FREE,
        "languages": ["nl", "en", "pl", "ro", "bg", "tr"],
        "partners": ALL_PARTNERS,
        "stands": ["eures", "language", "childcare", "win"],
        "organisers": [CITY],
    },
    {
        "slug": "banenmarkt-werkstation-op-zuid-2025",
        "title": T(
            "Banenmarkt in Werkstation op Zuid",
            "Job fair at Werkstation op Zuid",
            "Targi pracy w Werkstation op Zuid",
        ),
        "intro": T(
            "Banenmarkt op Zuid met werkgevers uit de coalitie, Werkcentrum Rijnmond en tolken "
            "die je helpen bij de gesprekken.",
            "Job fair in Rotterdam-Zuid with coalition employers, Werkcentrum Rijnmond and "
            "interpreters who help you in the conversations.",
            "Targi pracy w Rotterdam-Zuid z pracodawcami z koalicji, Werkcentrum Rijnmond i "
            "tłumaczami, którzy pomogą w rozmowach.",
        ),
        "when": ("fixed", (2025, 6, 21), 10, 14),
        "venue": ("Werkstation op Zuid", "Zuidplein 500", "3083 CX", "Rotterdam-Zuid"),
        "geo": None,
        "accessibility": STEP_FREE,
        "languages": ["nl", "en", "pl", "ro", "bg", "hu", "tr"],
        "partners": ALL_PARTNERS,
        "stands": ["werkcentrum", "language", "interpreters", "win"],
        "organisers": [CITY],
    },
    {
        "slug": "banenmarkt-tarwewijk",
        "title": T(
            "Banenmarkt in de Tarwewijk",
            "Job fair in Tarwewijk",
            "Targi pracy w Tarwewijk",
        ),
        "intro": T(
            "Kom langs voor vacatures bij goede werkgevers en voor hulp bij inschrijving, "
            "taallessen, kinderopvang en je rechten als werknemer.",
            "Come for vacancies with good employers and for help with registration, language "
            "classes, childcare and your rights as a worker.",
            "Przyjdź po oferty pracy u dobrych pracodawców oraz po pomoc w sprawie meldunku, "
            "kursów językowych, opieki nad dziećmi i twoich praw pracowniczych.",
        ),
        "when": ("relative", 3, 10, 15, None),
        "venue": ("Wijkcentrum Tarwewijk", "Mijnsherenlaan 1", "3081 CA", "Tarwewijk"),
        "geo": None,
        "accessibility": STEP_FREE,
        "languages": ["nl", "en", "pl", "ro", "bg", "hu", "tr"],
        "partners": ALL_PARTNERS,
        "stands": [
            "eures",
            "werkcentrum",
            "legal",
            "language",
            "training",
            "childcare",
            "interpreters",
            "win",
        ],
        "organisers": [CITY],
    },
    {
        "slug": "banenmarkt-hillesluis",
        "title": T(
            "Banenmarkt in Hillesluis",
            "Job fair in Hillesluis",
            "Targi pracy w Hillesluis",
        ),
        "intro": T(
            "Werkgevers uit de coalitie, opleiders en het WIN-punt in Hillesluis: stel al je "
            "vragen over werk, scholing en wonen.",
            "Coalition employers, training providers and the WIN-punt in Hillesluis: ask all your "
            "questions about work, training and housing.",
            "Pracodawcy z koalicji, organizatorzy szkoleń i WIN-punt w Hillesluis: zadaj "
            "wszystkie pytania o pracę, szkolenia i mieszkanie.",
        ),
        "when": ("relative", 13, 10, 14, 4),
        "status_note": T(
            "De banenmarkt is verplaatst, omdat de zaal op de eerste datum niet beschikbaar was.",
            "The job fair has been moved because the hall was not available on the first date.",
            "Targi zostały przełożone, ponieważ sala nie była dostępna w pierwotnym terminie.",
        ),
        "venue": ("Wijkcentrum Hillesluis", "Beijerlandselaan 100", "3074 EL", "Hillesluis"),
        "geo": None,
        "accessibility": STEP_FREE,
        "languages": ["nl", "en", "pl", "ro", "bg", "tr"],
        "partners": ["tempo-team", "network-people", "people-21"],
        "stands": ["training", "language", "win"],
        "organisers": [CITY],
    },
]

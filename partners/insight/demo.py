# ruff: noqa: E501, RUF001  (prose reads better unbroken; Bulgarian is Cyrillic)
"""Demo content of the coalition insight: the public progress page and the partner list, under
the Dutch home page, translated through wagtail-localize into every configured language that
has a translated home page. Idempotent: running it again changes nothing.

The figures on the progress page come from approved reports (partners.demo_reports); the page
says so when there are none yet.
"""

from django.conf import settings
from wagtail.models import Locale

from goedwerk.localization.translate import translate_page
from home.models import HomePage

from .models import CoalitionPartnersPage, CoalitionProgressPage

PROGRESS = {
    "nl": {
        "title": "Wat de coalitie bereikt",
        "slug": "voortgang-coalitie",
        "intro": "Werkgevers in de Coalitie Goed Werkgeverschap beloven de gemeente Rotterdam dat hun arbeidsmigranten ingeschreven staan, Nederlands kunnen leren en goed wonen. Elk halfjaar laten zij zien hoe het gaat.",
        "method": "De cijfers komen uit de rapportages van de werkgevers, nadat de gemeente ze heeft gecontroleerd en goedgekeurd. Wij tonen alleen totalen van ten minste drie werkgevers, zodat niemand de cijfers van één werkgever kan afleiden. Er staan nooit gegevens van personen in.",
    },
    "en": {
        "title": "What the coalition achieves",
        "slug": "coalition-progress",
        "intro": "Employers in the Good Employership Coalition promise the city of Rotterdam that their labour migrants are registered, can learn Dutch and live in decent housing. Every six months they show how it is going.",
        "method": "The figures come from the employers' reports, after the municipality has checked and approved them. We only show totals of at least three employers, so that nobody can work out the figures of a single employer. They never contain data about individual people.",
    },
    "pl": {
        "title": "Co osiąga koalicja",
        "slug": "postepy-koalicji",
        "intro": "Pracodawcy z Koalicji Dobrych Pracodawców obiecują gminie Rotterdam, że ich pracownicy migrujący są zameldowani, mogą uczyć się niderlandzkiego i mieszkają w dobrych warunkach. Co pół roku pokazują, jak im idzie.",
        "method": "Dane pochodzą z raportów pracodawców, sprawdzonych i zatwierdzonych przez gminę. Pokazujemy tylko sumy z co najmniej trzech pracodawców, aby nikt nie mógł odczytać danych jednego pracodawcy. Nigdy nie zawierają danych o konkretnych osobach.",
    },
    "ro": {
        "title": "Ce realizează coaliția",
        "slug": "progresul-coalitiei",
        "intro": "Angajatorii din Coaliția pentru Angajare Corectă promit orașului Rotterdam că lucrătorii lor migranți sunt înregistrați, pot învăța limba olandeză și locuiesc în condiții bune. La fiecare șase luni arată cum merge.",
        "method": "Cifrele provin din rapoartele angajatorilor, după ce municipalitatea le-a verificat și aprobat. Arătăm doar totaluri de la cel puțin trei angajatori, astfel încât nimeni să nu poată deduce cifrele unui singur angajator. Nu conțin niciodată date despre persoane.",
    },
    "bg": {
        "title": "Какво постига коалицията",
        "slug": "napredak-na-koaliciyata",
        "intro": "Работодателите в Коалицията за добро работодателство обещават на община Ротердам, че техните трудови мигранти са регистрирани, могат да учат нидерландски и живеят в добри жилища. На всеки шест месеца те показват как върви.",
        "method": "Данните идват от отчетите на работодателите, след като общината ги е проверила и одобрила. Показваме само общи суми от поне трима работодатели, така че никой да не може да разбере данните на един работодател. Те никога не съдържат данни за отделни хора.",
    },
    "hu": {
        "title": "Amit a koalíció elér",
        "slug": "a-koalicio-eredmenyei",
        "intro": "A Jó Munkáltatói Koalíció munkáltatói megígérik Rotterdam városának, hogy migráns munkavállalóik be vannak jelentve, tanulhatnak hollandul és megfelelő lakásban élnek. Félévente megmutatják, hogyan haladnak.",
        "method": "A számok a munkáltatók jelentéseiből származnak, miután az önkormányzat ellenőrizte és jóváhagyta őket. Csak legalább három munkáltató összesített adatait mutatjuk, így senki sem tudja kikövetkeztetni egyetlen munkáltató adatait. Személyes adatokat soha nem tartalmaznak.",
    },
}

PARTNERS = {
    "nl": {
        "title": "Partners van de coalitie",
        "slug": "partners-coalitie",
        "intro": "Deze werkgevers tekenden op 27 juni 2024 het convenant Coalitie Goed Werkgeverschap met de gemeente Rotterdam. Nieuwe partners kunnen zich aansluiten.",
    },
    "en": {
        "title": "Partners of the coalition",
        "slug": "coalition-partners",
        "intro": "These employers signed the Good Employership Coalition covenant with the city of Rotterdam on 27 June 2024. New partners can join.",
    },
    "pl": {
        "title": "Partnerzy koalicji",
        "slug": "partnerzy-koalicji",
        "intro": "Ci pracodawcy podpisali 27 czerwca 2024 r. porozumienie Koalicji Dobrych Pracodawców z gminą Rotterdam. Nowi partnerzy mogą dołączyć.",
    },
    "ro": {
        "title": "Partenerii coaliției",
        "slug": "partenerii-coalitiei",
        "intro": "Acești angajatori au semnat pe 27 iunie 2024 acordul Coaliției pentru Angajare Corectă cu orașul Rotterdam. Noi parteneri se pot alătura.",
    },
    "bg": {
        "title": "Партньори на коалицията",
        "slug": "partnyori-na-koaliciyata",
        "intro": "Тези работодатели подписаха на 27 юни 2024 г. споразумението на Коалицията за добро работодателство с община Ротердам. Нови партньори могат да се присъединят.",
    },
    "hu": {
        "title": "A koalíció partnerei",
        "slug": "a-koalicio-partnerei",
        "intro": "Ezek a munkáltatók 2024. június 27-én írták alá a Jó Munkáltatói Koalíció megállapodását Rotterdam városával. Új partnerek is csatlakozhatnak.",
    },
}


def _dutch_home() -> HomePage | None:
    return (
        HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .first()
    )


def _page(home, model, texts: dict, **fields):
    """Create the Dutch page under ``home`` or update it when its text changed."""
    source = texts[settings.LANGUAGE_CODE]
    values = {"title": source["title"], "intro": f"<p>{source['intro']}</p>", **fields}
    page = model.objects.child_of(home).filter(slug=source["slug"]).first()
    if page is None:
        page = home.add_child(instance=model(slug=source["slug"], **values))
        page.save_revision().publish()
        return page
    if any(getattr(page, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(page, name, value)
        page.save_revision().publish()
    return page


def _strings(texts: dict, language: str, *, method: bool = False) -> dict[str, str]:
    source, target = texts[settings.LANGUAGE_CODE], texts[language]
    keys = ["title", "slug", "intro", *(["method"] if method else [])]
    return {source[key]: target[key] for key in keys}


def load(*, stdout, password: str) -> None:
    home = _dutch_home()
    if home is None:
        stdout.write("Coalition insight: no Dutch home page, skipped (load home.demo first).")
        return
    progress = _page(
        home,
        CoalitionProgressPage,
        PROGRESS,
        method_note=f"<p>{PROGRESS[settings.LANGUAGE_CODE]['method']}</p>",
    )
    partners = _page(home, CoalitionPartnersPage, PARTNERS)

    # Only into languages whose home page is translated: a translated page needs its parent.
    translated_homes = set(
        HomePage.objects.filter(translation_key=home.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )
    languages = [
        code
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE and code in PROGRESS and code in translated_homes
    ]
    for language in languages:
        Locale.objects.get_or_create(language_code=language)
        translate_page(progress, language, _strings(PROGRESS, language, method=True), strict=True)
        translate_page(partners, language, _strings(PARTNERS, language), strict=True)
    stdout.write(
        "Coalition insight: progress page and partner list, translated into "
        f"{', '.join(languages) or 'no other language'}."
    )


def logins() -> list[tuple[str, str]]:
    """The public pages need no accounts."""
    return []

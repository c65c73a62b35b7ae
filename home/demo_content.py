# ruff: noqa: E501, RUF001  (long prose strings read better unbroken; Bulgarian is Cyrillic)
"""The text of the demo site: Dutch source with English and Polish translations side by side.

Every translatable text is a :class:`T` (nl, en, pl), so that ``home.demo`` can build the Dutch
page and the translation dictionaries for ``translate_page`` from the same structure. Rich text is
a list of paragraphs (``T``) or bullet lists (``("ul", [T, ...])``); the demo avoids links inside
rich text and uses call-to-action blocks instead.

Addresses of the info points are plausible examples for the demo, not the real addresses.
"""

from typing import NamedTuple


class T(NamedTuple):
    nl: str
    en: str
    pl: str

    def get(self, language: str) -> str:
        return getattr(self, language)


LANGUAGES = ("en", "pl")

# Short welcome texts for the languages that only get a translated home page in the demo.
HOME_EXTRA = {
    "ro": {
        "title": "Bine ați venit în Rotterdam",
        "hero": "Lucrați și locuiți în Rotterdam? Aflați ce trebuie să aranjați.",
        "intro": "Informații pentru lucrătorii din UE: înregistrare, muncă, locuință, "
        "asigurare de sănătate și limba olandeză.",
    },
    "bg": {
        "title": "Добре дошли в Ротердам",
        "hero": "Работите и живеете в Ротердам? Вижте какво трябва да уредите.",
        "intro": "Информация за работници от ЕС: регистрация, работа, жилище, "
        "здравна застраховка и нидерландски език.",
    },
    "hu": {
        "title": "Üdvözöljük Rotterdamban",
        "hero": "Rotterdamban dolgozik és él? Nézze meg, mit kell elintéznie.",
        "intro": "Információ uniós munkavállalóknak: bejelentkezés, munka, lakhatás, "
        "egészségbiztosítás és holland nyelv.",
    },
}

HOME = {
    "slug": T("home", "home-en", "home-pl"),
    "title": T("Welkom in Rotterdam", "Welcome to Rotterdam", "Witamy w Rotterdamie"),
    "hero": T(
        "Werken en wonen in Rotterdam? Zo regel je het goed.",
        "Working and living in Rotterdam? Here is how to arrange it.",
        "Pracujesz i mieszkasz w Rotterdamie? Tak to dobrze załatwisz.",
    ),
    "intro": T(
        "Informatie voor werknemers uit de Europese Unie: inschrijven, werk, wonen, "
        "zorgverzekering en Nederlands leren.",
        "Information for workers from the European Union: registration, work, housing, "
        "health insurance and learning Dutch.",
        "Informacje dla pracowników z Unii Europejskiej: meldunek, praca, mieszkanie, "
        "ubezpieczenie zdrowotne i nauka niderlandzkiego.",
    ),
    "body": [
        (
            "heading",
            T("Hulp in je eigen taal", "Help in your own language", "Pomoc w twoim języku"),
        ),
        (
            "paragraph",
            [
                T(
                    "Bij de informatiepunten van de gemeente kun je zonder afspraak binnenlopen. "
                    "Medewerkers spreken onder meer Pools, Bulgaars en Roemeens.",
                    "You can walk in at the municipality's info points without an appointment. "
                    "Staff speak Polish, Bulgarian and Romanian, among other languages.",
                    "Do punktów informacyjnych gminy możesz przyjść bez umówionej wizyty. "
                    "Pracownicy mówią między innymi po polsku, bułgarsku i rumuńsku.",
                ),
            ],
        ),
        ("info_point", "zuid"),
        ("info_point", "west"),
        ("next_job_fair",),
    ],
}

INFO_POINTS = {
    "zuid": {
        "name": T(
            "WIN-punt Rotterdam-Zuid", "WIN point Rotterdam South", "Punkt WIN Rotterdam-Południe"
        ),
        "street_address": "Voorbeeldstraat 10",
        "postcode": "3083 AA",
        "neighbourhood": "Tarwewijk",
        "phone": "14 010",
        "languages": T(
            "Nederlands, Engels, Pools, Bulgaars, Roemeens",
            "Dutch, English, Polish, Bulgarian, Romanian",
            "niderlandzki, angielski, polski, bułgarski, rumuński",
        ),
        "notes": T(
            "Demo-adres: dit is een voorbeeld, niet het echte adres van het informatiepunt.",
            "Demo address: this is an example, not the real address of the info point.",
            "Adres demonstracyjny: to przykład, a nie prawdziwy adres punktu informacyjnego.",
        ),
        "hours": [
            (1, "09:30", "12:30", T("", "", "")),
            (3, "13:00", "16:00", T("", "", "")),
            (4, "17:00", "20:00", T("Avondspreekuur", "Evening walk-in", "Dyżur wieczorny")),
        ],
    },
    "west": {
        "name": T(
            "WIN-punt Rotterdam-West", "WIN point Rotterdam West", "Punkt WIN Rotterdam-Zachód"
        ),
        "street_address": "Voorbeeldplein 5",
        "postcode": "3025 AB",
        "neighbourhood": "Oud-Mathenesse",
        "phone": "14 010",
        "languages": T(
            "Nederlands, Engels, Pools, Roemeens, Hongaars",
            "Dutch, English, Polish, Romanian, Hungarian",
            "niderlandzki, angielski, polski, rumuński, węgierski",
        ),
        "notes": T(
            "Demo-adres: dit is een voorbeeld, niet het echte adres van het informatiepunt.",
            "Demo address: this is an example, not the real address of the info point.",
            "Adres demonstracyjny: to przykład, a nie prawdziwy adres punktu informacyjnego.",
        ),
        "hours": [
            (2, "09:30", "12:30", T("", "", "")),
            (2, "17:00", "20:00", T("Avondspreekuur", "Evening walk-in", "Dyżur wieczorny")),
            (5, "13:00", "16:00", T("", "", "")),
        ],
    },
}

CALL_14010 = T("Bel 14 010", "Call 14 010", "Zadzwoń pod 14 010")

CAMPAIGNS = [
    {
        "key": "inschrijven",
        "slug": T("inschrijven", "registration", "meldunek"),
        "title": T(
            "Inschrijven bij de gemeente (BRP of RNI)",
            "Registering with the municipality (BRP or RNI)",
            "Meldunek w gminie (BRP lub RNI)",
        ),
        "intro": T(
            "Met een inschrijving krijg je een burgerservicenummer (BSN). Dat heb je nodig "
            "voor werk, zorg en belasting.",
            "Registering gives you a citizen service number (BSN). You need it for work, "
            "health care and taxes.",
            "Po zameldowaniu otrzymujesz numer BSN. Jest on potrzebny do pracy, "
            "opieki zdrowotnej i podatków.",
        ),
        "body": [
            (
                "key_facts",
                T("Goed om te weten", "Good to know", "Warto wiedzieć"),
                [
                    (
                        T("4 maanden", "4 months", "4 miesiące"),
                        T(
                            "Blijf je langer? Dan schrijf je je in de BRP in.",
                            "Staying longer? Then you register in the BRP.",
                            "Zostajesz dłużej? Wtedy meldujesz się w BRP.",
                        ),
                    ),
                    (
                        T("5 dagen", "5 days", "5 dni"),
                        T(
                            "Binnen 5 dagen na aankomst maak je een afspraak.",
                            "Make an appointment within 5 days of arrival.",
                            "Umów wizytę w ciągu 5 dni od przyjazdu.",
                        ),
                    ),
                    (
                        T("19 loketten", "19 desks", "19 punktów"),
                        T(
                            "Voor de RNI kun je terecht bij 19 RNI-loketten in Nederland.",
                            "For the RNI you can go to 19 RNI desks in the Netherlands.",
                            "W sprawie RNI możesz zgłosić się do 19 punktów RNI w Holandii.",
                        ),
                    ),
                ],
            ),
            (
                "heading",
                T("BRP of RNI?", "BRP or RNI?", "BRP czy RNI?"),
            ),
            (
                "paragraph",
                [
                    T(
                        "Woon je <b>langer dan vier maanden</b> in Nederland? Dan schrijf je je in "
                        "de Basisregistratie Personen (BRP) in, op het adres waar je woont.",
                        "Will you live in the Netherlands <b>for more than four months</b>? Then "
                        "you register in the Personal Records Database (BRP), at the address "
                        "where you live.",
                        "Mieszkasz w Holandii <b>dłużej niż cztery miesiące</b>? Wtedy meldujesz "
                        "się w Rejestrze Ewidencji Ludności (BRP) pod adresem, pod którym "
                        "mieszkasz.",
                    ),
                    T(
                        "Blijf je korter? Dan schrijf je je in als niet-ingezetene (RNI). Ook dan "
                        "krijg je een BSN.",
                        "Staying for a shorter time? Then you register as a non-resident (RNI). "
                        "You also get a BSN that way.",
                        "Zostajesz krócej? Wtedy rejestrujesz się jako nierezydent (RNI). "
                        "Również wtedy otrzymujesz BSN.",
                    ),
                ],
            ),
            (
                "steps",
                T("Zo schrijf je je in", "How to register", "Jak się zameldować"),
                [
                    (
                        T("Maak een afspraak", "Make an appointment", "Umów wizytę"),
                        T(
                            "Bel 14 010 of vraag je werkgever om een groepsafspraak.",
                            "Call 14 010 or ask your employer for a group appointment.",
                            "Zadzwoń pod 14 010 lub poproś pracodawcę o wizytę grupową.",
                        ),
                    ),
                    (
                        T("Neem je papieren mee", "Bring your documents", "Zabierz dokumenty"),
                        T(
                            "Een geldig paspoort of identiteitskaart en je huurcontract.",
                            "A valid passport or identity card and your rental contract.",
                            "Ważny paszport lub dowód osobisty oraz umowę najmu.",
                        ),
                    ),
                    (
                        T("Ontvang je BSN", "Receive your BSN", "Odbierz swój BSN"),
                        T(
                            "Meestal krijg je je BSN dezelfde dag.",
                            "You usually get your BSN the same day.",
                            "Zwykle otrzymujesz BSN tego samego dnia.",
                        ),
                    ),
                ],
            ),
            (
                "faq",
                T("Veelgestelde vragen", "Frequently asked questions", "Najczęstsze pytania"),
                [
                    (
                        T(
                            "Kost inschrijven geld?",
                            "Does registering cost money?",
                            "Czy meldunek kosztuje?",
                        ),
                        T(
                            "Nee, inschrijven is gratis.",
                            "No, registering is free.",
                            "Nie, meldunek jest bezpłatny.",
                        ),
                    ),
                    (
                        T(
                            "Mijn werkgever regelt mijn woning. Moet ik me dan zelf inschrijven?",
                            "My employer arranges my housing. Do I still register myself?",
                            "Mój pracodawca załatwia mi mieszkanie. Czy muszę sam się zameldować?",
                        ),
                        T(
                            "Ja. Jij bent verantwoordelijk voor je inschrijving. Werkgevers van de "
                            "Coalitie Goed Werkgeverschap helpen je daarbij.",
                            "Yes. You are responsible for your registration. Employers of the "
                            "Coalition for Good Employership help you with it.",
                            "Tak. To ty odpowiadasz za swój meldunek. Pracodawcy z Koalicji "
                            "Dobrego Pracodawcy ci w tym pomagają.",
                        ),
                    ),
                    (
                        T(
                            "Ik verhuis. Wat moet ik doen?",
                            "I am moving house. What should I do?",
                            "Przeprowadzam się. Co mam zrobić?",
                        ),
                        T(
                            "Geef je nieuwe adres binnen 5 dagen door aan de gemeente.",
                            "Report your new address to the municipality within 5 days.",
                            "Zgłoś nowy adres w gminie w ciągu 5 dni.",
                        ),
                    ),
                ],
            ),
            ("info_point", "zuid"),
            (
                "cta",
                CALL_14010,
                T(
                    "Afspraak maken of een vraag over inschrijven?",
                    "Making an appointment or a question about registering?",
                    "Chcesz się umówić lub masz pytanie o meldunek?",
                ),
                "tel:14010",
            ),
        ],
    },
    {
        "key": "werk",
        "slug": T("werk-en-rechten", "work-and-rights", "praca-i-prawa"),
        "title": T("Werk en je rechten", "Work and your rights", "Praca i twoje prawa"),
        "intro": T(
            "In Nederland heb je recht op een contract, een loonstrook en minstens het "
            "minimumloon. Dat geldt ook als je via een uitzendbureau werkt.",
            "In the Netherlands you are entitled to a contract, a payslip and at least the "
            "minimum wage. That also applies when you work through an agency.",
            "W Holandii masz prawo do umowy, odcinka wypłaty i co najmniej płacy minimalnej. "
            "Dotyczy to także pracy przez agencję.",
        ),
        "body": [
            (
                "key_facts",
                T("Je rechten in het kort", "Your rights in short", "Twoje prawa w skrócie"),
                [
                    (
                        T("Contract", "Contract", "Umowa"),
                        T(
                            "Op papier, in een taal die je begrijpt.",
                            "On paper, in a language you understand.",
                            "Na piśmie, w języku, który rozumiesz.",
                        ),
                    ),
                    (
                        T("Loonstrook", "Payslip", "Odcinek wypłaty"),
                        T(
                            "Bij elke betaling, met je uren en inhoudingen.",
                            "With every payment, showing your hours and deductions.",
                            "Przy każdej wypłacie, z godzinami i potrąceniami.",
                        ),
                    ),
                ],
            ),
            (
                "heading",
                T(
                    "Is mijn werkgever betrouwbaar?",
                    "Is my employer reliable?",
                    "Czy mój pracodawca jest uczciwy?",
                ),
            ),
            (
                "paragraph",
                [
                    T(
                        "Een betrouwbaar uitzendbureau staat in het register van de SNA en is vaak "
                        "lid van ABU of NBBU. Vraag ernaar als je twijfelt.",
                        "A reliable staffing agency is listed in the SNA register and is often a "
                        "member of ABU or NBBU. Ask about it if you are in doubt.",
                        "Uczciwa agencja pracy jest wpisana do rejestru SNA i często należy do ABU "
                        "lub NBBU. Zapytaj o to, jeśli masz wątpliwości.",
                    ),
                    (
                        "ul",
                        [
                            T(
                                "Je huurcontract staat los van je arbeidscontract.",
                                "Your rental contract is separate from your employment contract.",
                                "Umowa najmu jest oddzielna od umowy o pracę.",
                            ),
                            T(
                                "Je krijgt je loon op tijd op je eigen rekening.",
                                "You receive your wages on time in your own bank account.",
                                "Wynagrodzenie otrzymujesz na czas na własne konto.",
                            ),
                        ],
                    ),
                ],
            ),
            (
                "steps",
                T(
                    "Ziek of ontslagen?",
                    "Ill or dismissed?",
                    "Choroba lub zwolnienie?",
                ),
                [
                    (
                        T("Meld je ziek", "Report sick", "Zgłoś chorobę"),
                        T(
                            "Bel je werkgever op de eerste dag dat je ziek bent.",
                            "Call your employer on the first day you are ill.",
                            "Zadzwoń do pracodawcy pierwszego dnia choroby.",
                        ),
                    ),
                    (
                        T("Vraag om uitleg", "Ask for an explanation", "Poproś o wyjaśnienie"),
                        T(
                            "Ontslag moet op papier staan, met de reden.",
                            "A dismissal must be on paper, with the reason.",
                            "Zwolnienie musi być na piśmie, z podaniem powodu.",
                        ),
                    ),
                    (
                        T("Zoek hulp", "Get help", "Poszukaj pomocy"),
                        T(
                            "Kom langs bij een informatiepunt of neem contact op met een vakbond.",
                            "Visit an info point or contact a trade union.",
                            "Odwiedź punkt informacyjny lub skontaktuj się ze związkiem zawodowym.",
                        ),
                    ),
                ],
            ),
            (
                "faq",
                T("Veelgestelde vragen", "Frequently asked questions", "Najczęstsze pytania"),
                [
                    (
                        T(
                            "Mag mijn werkgever mijn paspoort houden?",
                            "May my employer keep my passport?",
                            "Czy pracodawca może zatrzymać mój paszport?",
                        ),
                        T(
                            "Nee. Je paspoort is van jou. Een kopie maken mag wel.",
                            "No. Your passport is yours. Making a copy is allowed.",
                            "Nie. Paszport należy do ciebie. Wolno zrobić jego kopię.",
                        ),
                    ),
                    (
                        T(
                            "Waar meld ik misstanden?",
                            "Where do I report abuse?",
                            "Gdzie zgłosić nadużycia?",
                        ),
                        T(
                            "Bij de Nederlandse Arbeidsinspectie of bij een informatiepunt. Je "
                            "melding is vertrouwelijk.",
                            "To the Netherlands Labour Authority or at an info point. Your report "
                            "is confidential.",
                            "W Holenderskiej Inspekcji Pracy lub w punkcie informacyjnym. "
                            "Zgłoszenie jest poufne.",
                        ),
                    ),
                ],
            ),
            ("info_point", "west"),
            (
                "cta",
                T(
                    "Naar de Arbeidsinspectie",
                    "Go to the Labour Authority",
                    "Przejdź do Inspekcji Pracy",
                ),
                T(
                    "Melding maken van uitbuiting of onveilig werk?",
                    "Reporting exploitation or unsafe work?",
                    "Chcesz zgłosić wyzysk lub niebezpieczną pracę?",
                ),
                "https://www.nlarbeidsinspectie.nl/",
            ),
        ],
    },
    {
        "key": "wonen",
        "slug": T("wonen", "housing", "mieszkanie"),
        "title": T(
            "Wonen en je rechten als huurder",
            "Housing and your rights as a tenant",
            "Mieszkanie i twoje prawa najemcy",
        ),
        "intro": T(
            "Een goede woning is veilig, niet overvol en staat los van je baan. Zo weet je "
            "waar je recht op hebt.",
            "A good home is safe, not overcrowded and separate from your job. This is what "
            "you are entitled to.",
            "Dobre mieszkanie jest bezpieczne, nieprzepełnione i niezależne od pracy. "
            "Oto do czego masz prawo.",
        ),
        "body": [
            (
                "key_facts",
                T("De SNF-norm", "The SNF standard", "Norma SNF"),
                [
                    (
                        T("10 m²", "10 m²", "10 m²"),
                        T(
                            "woonruimte per persoon, als je werkgever je huisvest",
                            "living space per person when your employer houses you",
                            "powierzchni mieszkalnej na osobę, gdy kwaterę zapewnia pracodawca",
                        ),
                    ),
                    (
                        T("1 op 8", "1 per 8", "1 na 8"),
                        T(
                            "minstens één toilet en één douche per acht personen",
                            "at least one toilet and one shower for every eight people",
                            "co najmniej jedna toaleta i jeden prysznic na osiem osób",
                        ),
                    ),
                ],
            ),
            (
                "paragraph",
                [
                    T(
                        "Huisvest je werkgever je? Dan moet de woning voldoen aan de norm van de "
                        "Stichting Normering Flexwonen (SNF). Je krijgt een <b>apart "
                        "huurcontract</b>: verlies je je baan, dan heb je nog even tijd om een "
                        "andere woning te zoeken.",
                        "Does your employer house you? Then the home must meet the standard of "
                        "the Flexible Housing Standards Foundation (SNF). You get a <b>separate "
                        "rental contract</b>: if you lose your job, you still have some time to "
                        "find another home.",
                        "Czy kwaterę zapewnia pracodawca? Wtedy mieszkanie musi spełniać normę "
                        "fundacji SNF. Otrzymujesz <b>oddzielną umowę najmu</b>: jeśli stracisz "
                        "pracę, masz jeszcze trochę czasu na znalezienie innego mieszkania.",
                    ),
                ],
            ),
            (
                "faq",
                T("Veelgestelde vragen", "Frequently asked questions", "Najczęstsze pytania"),
                [
                    (
                        T(
                            "Het huis is overvol. Wat kan ik doen?",
                            "The house is overcrowded. What can I do?",
                            "Dom jest przepełniony. Co mogę zrobić?",
                        ),
                        T(
                            "Meld het bij de gemeente via 14 010 of bij een informatiepunt. Dat "
                            "kan anoniem.",
                            "Report it to the municipality on 14 010 or at an info point. You can "
                            "do so anonymously.",
                            "Zgłoś to w gminie pod numerem 14 010 lub w punkcie informacyjnym. "
                            "Można to zrobić anonimowo.",
                        ),
                    ),
                    (
                        T(
                            "Hoeveel huur mag mijn werkgever inhouden?",
                            "How much rent may my employer deduct?",
                            "Ile czynszu może potrącić pracodawca?",
                        ),
                        T(
                            "Dat is wettelijk begrensd. Staat het bedrag niet op je loonstrook, "
                            "vraag dan om uitleg.",
                            "That is limited by law. If the amount is not on your payslip, ask "
                            "for an explanation.",
                            "Jest to ograniczone prawem. Jeśli kwoty nie ma na odcinku wypłaty, "
                            "poproś o wyjaśnienie.",
                        ),
                    ),
                ],
            ),
            ("info_point", "zuid"),
            (
                "cta",
                CALL_14010,
                T(
                    "Een melding maken over je woning?",
                    "Reporting a problem with your home?",
                    "Chcesz zgłosić problem z mieszkaniem?",
                ),
                "tel:14010",
            ),
        ],
    },
    {
        "key": "zorg",
        "slug": T("zorgverzekering", "health-insurance", "ubezpieczenie-zdrowotne"),
        "title": T(
            "Zorgverzekering en de huisarts",
            "Health insurance and your GP",
            "Ubezpieczenie zdrowotne i lekarz rodzinny",
        ),
        "intro": T(
            "Werk je in Nederland? Dan moet je een Nederlandse zorgverzekering hebben. Zo "
            "ben je verzekerd als je ziek wordt.",
            "Do you work in the Netherlands? Then you must have Dutch health insurance. "
            "That way you are covered when you fall ill.",
            "Pracujesz w Holandii? Musisz mieć holenderskie ubezpieczenie zdrowotne. "
            "Dzięki temu jesteś ubezpieczony, gdy zachorujesz.",
        ),
        "body": [
            (
                "steps",
                T("Zo regel je het", "How to arrange it", "Jak to załatwić"),
                [
                    (
                        T("Kies een verzekeraar", "Choose an insurer", "Wybierz ubezpieczyciela"),
                        T(
                            "Sluit binnen vier maanden na je eerste werkdag een basisverzekering af.",
                            "Take out basic insurance within four months of your first working day.",
                            "Wykup podstawowe ubezpieczenie w ciągu czterech miesięcy od "
                            "pierwszego dnia pracy.",
                        ),
                    ),
                    (
                        T(
                            "Vraag zorgtoeslag aan",
                            "Apply for a care allowance",
                            "Złóż wniosek o dodatek",
                        ),
                        T(
                            "Met een laag inkomen betaalt de Belastingdienst een deel terug.",
                            "On a low income, the Tax Administration pays part of it back.",
                            "Przy niskich dochodach urząd skarbowy zwraca część kosztów.",
                        ),
                    ),
                    (
                        T(
                            "Schrijf je in bij een huisarts",
                            "Register with a GP",
                            "Zapisz się do lekarza rodzinnego",
                        ),
                        T(
                            "Kies een huisarts bij jou in de buurt.",
                            "Choose a GP close to where you live.",
                            "Wybierz lekarza rodzinnego blisko miejsca zamieszkania.",
                        ),
                    ),
                ],
            ),
            (
                "faq",
                T("Veelgestelde vragen", "Frequently asked questions", "Najczęstsze pytania"),
                [
                    (
                        T(
                            "Ik ben niet verzekerd en ziek. Wat nu?",
                            "I am not insured and I am ill. What now?",
                            "Nie mam ubezpieczenia i jestem chory. Co teraz?",
                        ),
                        T(
                            "Ga toch naar een huisarts of de spoedeisende hulp. Medisch "
                            "noodzakelijke zorg krijg je altijd.",
                            "Still go to a GP or the emergency department. You always receive "
                            "medically necessary care.",
                            "Mimo to idź do lekarza rodzinnego lub na izbę przyjęć. Zawsze "
                            "otrzymasz niezbędną pomoc medyczną.",
                        ),
                    ),
                    (
                        T(
                            "Regelt mijn werkgever de verzekering?",
                            "Does my employer arrange the insurance?",
                            "Czy pracodawca załatwia ubezpieczenie?",
                        ),
                        T(
                            "Soms wel. Vraag altijd om de polis, zodat je weet dat je verzekerd bent.",
                            "Sometimes. Always ask for the policy so that you know you are insured.",
                            "Czasami tak. Zawsze poproś o polisę, aby wiedzieć, że jesteś "
                            "ubezpieczony.",
                        ),
                    ),
                ],
            ),
            ("info_point", "west"),
        ],
    },
    {
        "key": "taal",
        "slug": T("nederlands-leren", "learning-dutch", "nauka-niderlandzkiego"),
        "title": T("Nederlands leren", "Learning Dutch", "Nauka języka niderlandzkiego"),
        "intro": T(
            "Nederlands spreken helpt op je werk, bij de dokter en op school. Ben je "
            "ingeschreven in de BRP? Dan zijn er gratis lessen.",
            "Speaking Dutch helps at work, at the doctor's and at school. Are you registered "
            "in the BRP? Then there are free classes.",
            "Znajomość niderlandzkiego pomaga w pracy, u lekarza i w szkole. Jesteś "
            "zameldowany w BRP? Wtedy możesz korzystać z bezpłatnych lekcji.",
        ),
        "body": [
            (
                "key_facts",
                T("Goed om te weten", "Good to know", "Warto wiedzieć"),
                [
                    (
                        T("Gratis", "Free", "Bezpłatnie"),
                        T(
                            "taallessen voor wie in de BRP staat ingeschreven",
                            "language classes for people registered in the BRP",
                            "lekcje językowe dla osób zameldowanych w BRP",
                        ),
                    ),
                    (
                        T("Onder werktijd", "During working hours", "W godzinach pracy"),
                        T(
                            "bij veel werkgevers van de coalitie",
                            "with many employers of the coalition",
                            "u wielu pracodawców z koalicji",
                        ),
                    ),
                ],
            ),
            (
                "paragraph",
                [
                    T(
                        "Vraag eerst je werkgever: werkgevers van de Coalitie Goed Werkgeverschap "
                        "bieden taallessen aan, vaak onder werktijd.",
                        "Ask your employer first: employers of the Coalition for Good Employership "
                        "offer language classes, often during working hours.",
                        "Najpierw zapytaj pracodawcę: pracodawcy z Koalicji Dobrego Pracodawcy "
                        "oferują lekcje językowe, często w godzinach pracy.",
                    ),
                ],
            ),
            (
                "faq",
                T("Veelgestelde vragen", "Frequently asked questions", "Najczęstsze pytania"),
                [
                    (
                        T(
                            "Ik werk in ploegendienst. Kan ik toch les volgen?",
                            "I work shifts. Can I still take classes?",
                            "Pracuję na zmiany. Czy mogę mimo to chodzić na lekcje?",
                        ),
                        T(
                            "Ja, er zijn lessen overdag, 's avonds en online.",
                            "Yes, there are classes during the day, in the evening and online.",
                            "Tak, są lekcje w dzień, wieczorem i online.",
                        ),
                    ),
                ],
            ),
            ("info_point", "zuid"),
            (
                "cta",
                T(
                    "Vraag naar een taalcursus",
                    "Ask about a language course",
                    "Zapytaj o kurs językowy",
                ),
                T(
                    "Het informatiepunt helpt je een cursus te vinden.",
                    "The info point helps you find a course.",
                    "Punkt informacyjny pomoże ci znaleźć kurs.",
                ),
                "tel:14010",
            ),
        ],
    },
]

CONTENT_PAGES = [
    {
        "slug": T("privacy", "privacy", "prywatnosc"),
        "title": T("Privacyverklaring", "Privacy statement", "Oświadczenie o prywatności"),
        "intro": T(
            "Zo gaan wij om met je gegevens als je deze website bezoekt.",
            "This is how we handle your data when you visit this website.",
            "Tak postępujemy z twoimi danymi, gdy odwiedzasz tę stronę.",
        ),
        "body": [
            ("heading", T("Geen tracking", "No tracking", "Bez śledzenia")),
            (
                "paragraph",
                [
                    T(
                        "Deze website gebruikt geen analyse- of advertentiecookies en laadt niets "
                        "van andere websites. Alleen functionele cookies worden gebruikt, "
                        "bijvoorbeeld om in te loggen.",
                        "This website uses no analytics or advertising cookies and loads nothing "
                        "from other websites. Only functional cookies are used, for example to "
                        "log in.",
                        "Ta strona nie używa plików cookie do analiz ani reklam i nie pobiera "
                        "niczego z innych stron. Używane są tylko funkcjonalne pliki cookie, "
                        "na przykład do logowania.",
                    ),
                    T(
                        "De gemeente Rotterdam is verantwoordelijk voor de verwerking van "
                        "persoonsgegevens op deze website.",
                        "The City of Rotterdam is responsible for processing personal data on "
                        "this website.",
                        "Za przetwarzanie danych osobowych na tej stronie odpowiada gmina "
                        "Rotterdam.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": T("toegankelijkheid", "accessibility", "dostepnosc"),
        "title": T(
            "Toegankelijkheidsverklaring", "Accessibility statement", "Deklaracja dostępności"
        ),
        "intro": T(
            "Wij willen dat iedereen deze website kan gebruiken, ook met een beperking.",
            "We want everyone to be able to use this website, including people with a disability.",
            "Chcemy, aby każdy mógł korzystać z tej strony, także osoby z niepełnosprawnością.",
        ),
        "body": [
            ("heading", T("Status", "Status", "Status")),
            (
                "paragraph",
                [
                    T(
                        "Status B: deze website voldoet gedeeltelijk aan de eisen. We werken aan "
                        "volledige naleving van <b>WCAG 2.1 niveau AA</b> (EN 301 549).",
                        "Status B: this website partially meets the requirements. We are working "
                        "towards full compliance with <b>WCAG 2.1 level AA</b> (EN 301 549).",
                        "Status B: ta strona częściowo spełnia wymagania. Pracujemy nad pełną "
                        "zgodnością z <b>WCAG 2.1 na poziomie AA</b> (EN 301 549).",
                    ),
                    T(
                        "Elke pagina wordt bij elke wijziging automatisch getest met axe-core. "
                        "Een volledig onderzoek door een onafhankelijke partij is gepland.",
                        "Every page is tested automatically with axe-core on every change. A "
                        "full audit by an independent party is planned.",
                        "Każda strona jest automatycznie testowana narzędziem axe-core przy "
                        "każdej zmianie. Planowany jest pełny audyt przez niezależny podmiot.",
                    ),
                ],
            ),
            ("heading", T("Probleem gevonden?", "Found a problem?", "Znalazłeś problem?")),
            (
                "paragraph",
                [
                    T(
                        "Bel 14 010 of kom langs bij een informatiepunt. We reageren binnen vijf "
                        "werkdagen.",
                        "Call 14 010 or visit an info point. We respond within five working days.",
                        "Zadzwoń pod 14 010 lub odwiedź punkt informacyjny. Odpowiadamy w ciągu "
                        "pięciu dni roboczych.",
                    ),
                ],
            ),
        ],
    },
]

"""What the groups demo creates: the rooms, partners, groups, sign-ups and partner listings, as
plain data (fake first names only). ``groups/demo.py`` writes them through the services."""

import datetime as dt

from groups.models import Attendance, Group

ROOMS = [
    ("stua", "Stua", 12, "1. etasje", True),
    ("rom-2", "Rom 2", 10, "1. etasje", True),
    ("rom-3", "Rom 3", 8, "2. etasje", False),
    ("moterommet", "Møterommet", 20, "1. etasje", True),
]
# How to find each room, shown on the group pages.
DIRECTIONS = {
    "stua": "Inngang fra gata, dør med skilt LINK. Stua er rett fram etter resepsjonen.",
    "rom-2": "Inngang fra gata. Rom 2 er til venstre etter resepsjonen.",
    "rom-3": "Trappa opp fra resepsjonen (ingen heis), første dør til høyre.",
    "moterommet": "Inngang fra gata. Møterommet er innerst i gangen, til høyre.",
}
# The anonymous "how did you hear about us?" answers of the demo sign-ups, in turn.
HOW_HEARD = ["gp", "brochure", "web", "", "nav", "friend", "professional", "hospital"]

PARTNERS = [
    ("aa-oslo", "Anonyme Alkoholikere Oslo", "https://www.anonymealkoholikere.no"),
    ("na-oslo", "Anonyme Narkomane Oslo", "https://www.anonymenarkomane.no"),
    ("al-anon-oslo", "Al-Anon Oslo", "https://www.al-anon.no"),
]

# slug, name, status, weekday, start hour, room, languages, short nb, short en
CLOSED_GROUPS = [
    (
        "tirsdagsgruppa",
        "Tirsdagsgruppa",
        Group.Status.RUNNING,
        1,
        18,
        "rom-3",
        ["nb"],
        "En trygg gruppe på tvers av livsproblemer, for deg som vil dele og lytte.",
        "A safe group across life problems, for those who want to share and listen.",
    ),
    (
        "onsdag-formiddag",
        "Onsdag formiddag",
        Group.Status.RUNNING,
        2,
        10,
        "rom-2",
        ["nb"],
        "Formiddagsgruppe for deg som har dagene ledige.",
        "A morning group for those who are free during the day.",
    ),
    (
        "torsdagsgruppa",
        "Torsdagsgruppa",
        Group.Status.FORMING,
        3,
        18,
        "rom-3",
        ["nb"],
        "Ny gruppe som starter snart. Meld interesse!",
        "A new group starting soon. Register your interest!",
    ),
    (
        "english-speaking-group",
        "English-speaking group",
        Group.Status.FORMING,
        0,
        17,
        "rom-2",
        ["en", "nb"],
        "Ny gruppe på engelsk, for deg som helst snakker engelsk.",
        "A new group in English, for those who prefer to speak English.",
    ),
    (
        "mandagsgruppa",
        "Mandagsgruppa",
        Group.Status.PAUSED,
        0,
        12,
        "rom-3",
        ["nb"],
        "Gruppa har pause i en periode.",
        "The group is taking a break for a while.",
    ),
    (
        "fredagsgruppa-2024",
        "Fredagsgruppa 2024",
        Group.Status.ENDED,
        None,
        None,
        None,
        ["nb"],
        "Avsluttet gruppe.",
        "A group that has ended.",
    ),
]

# slug, name, organisation, weekday, start, end, room, types, short nb, short en
OPEN_GROUPS = [
    (
        "aa-mandag",
        "AA Mandagsmøtet",
        "aa-oslo",
        0,
        dt.time(19),
        dt.time(20, 30),
        "stua",
        ["O", "D"],
        "Åpent AA-møte med samtale. Alle er velkomne.",
        "Open AA discussion meeting. Everyone is welcome.",
    ),
    (
        "aa-store-bok",
        "AA Store bok-gruppa",
        "aa-oslo",
        3,
        dt.time(19),
        dt.time(20, 30),
        "moterommet",
        ["C", "B"],
        "Lukket AA-møte (for deg med et ønske om å slutte å drikke) der vi leser Store bok.",
        "Closed AA meeting (for those who want to stop drinking) reading the Big Book.",
    ),
    (
        "na-fredag",
        "NA Fredagsmøtet",
        "na-oslo",
        4,
        dt.time(18),
        dt.time(19, 30),
        "stua",
        ["O", "BE"],
        "Åpent NA-møte med fokus på nykommere.",
        "Open NA meeting with a focus on newcomers.",
    ),
    (
        "na-english",
        "NA English Speaking",
        "na-oslo",
        6,
        dt.time(17),
        dt.time(18, 30),
        "rom-2",
        ["O", "ST"],
        "Åpent NA-møte på engelsk med stegstudie.",
        "Open NA step study meeting in English.",
    ),
    (
        "al-anon-onsdag",
        "Al-Anon Onsdagsmøtet",
        "al-anon-oslo",
        2,
        dt.time(18, 30),
        dt.time(20),
        "moterommet",
        ["O", "D"],
        "For pårørende og venner av alkoholikere.",
        "For family and friends of alcoholics.",
    ),
]

SIGNUPS = [
    ("Kari", "kari@example.org", "", [1, 3], ["evening"], "nb", "30-44"),
    ("Ola", "", "912 34 567", [3], ["evening"], "nb", "45-59"),
    ("Ingrid", "ingrid@example.org", "", [3, 4], ["evening"], "nb", "18-29"),
    ("Nils", "nils@example.org", "48 12 34 56", [3], ["afternoon", "evening"], "nb", ""),
    ("Sofie", "sofie@example.org", "", [0, 3], ["evening"], "nb", "30-44"),
    ("Emma", "emma@example.org", "", [0], ["afternoon"], "en", "18-29"),
    ("Jonas", "", "+47 99 88 77 66", [0], ["afternoon"], "en", "30-44"),
    ("Sigrid", "sigrid@example.org", "", [1], ["evening"], "nb", "60+"),
    ("Lars", "lars@example.org", "", [2], ["morning"], "nb", "60+"),
    ("Marte", "marte@example.org", "", [2], ["morning"], "nb", "45-59"),
    ("Astrid", "astrid@example.org", "", [2], ["morning"], "nb", "60+"),
    ("Berit", "berit@example.org", "", [1], ["evening"], "nb", "45-59"),
    ("Tor", "", "93 45 67 89", [1], ["evening"], "nb", "60+"),
    ("Hilde", "hilde@example.org", "", [1], ["evening"], "nb", "30-44"),
    ("Geir", "geir@example.org", "", [1], ["evening"], "nb", "45-59"),
    ("Silje", "silje@example.org", "", [1], ["evening"], "nb", "18-29"),
    ("Anders", "anders@example.org", "", [1], ["evening"], "nb", "30-44"),
    ("Henrik", "henrik@example.org", "", [1], ["evening"], "nb", "30-44"),
    ("Mona", "mona@example.org", "", [1], ["evening"], "nb", "45-59"),
]

# first name -> (group slug, waitlist?)
PLACEMENTS = {
    "Sigrid": ("tirsdagsgruppa", False),
    "Berit": ("tirsdagsgruppa", False),
    "Tor": ("tirsdagsgruppa", False),
    "Hilde": ("tirsdagsgruppa", False),
    "Geir": ("tirsdagsgruppa", False),
    "Silje": ("tirsdagsgruppa", False),
    "Anders": ("tirsdagsgruppa", False),
    "Henrik": ("tirsdagsgruppa", False),
    # Tirsdagsgruppa is full now: Mona goes on its waiting list.
    "Mona": ("tirsdagsgruppa", False),
    "Lars": ("onsdag-formiddag", False),
    "Marte": ("onsdag-formiddag", False),
    "Astrid": ("onsdag-formiddag", True),
    "Kari": ("torsdagsgruppa", False),
}


# Partners' public listings of the weekly series the rooms demo books, by series title:
# name, types, attendance, conference link, dial-in, short nb, short en. Every partner has one;
# NA's Tuesday meeting is hybrid and CoDA's Thursday meeting is online only.
PARTNER_LISTINGS = {
    "AA Tirsdagsgruppa": (
        "AA Tirsdagsmøtet",
        ["O", "D"],
        Attendance.IN_PERSON,
        "",
        "",
        "Åpent AA-møte med samtale. Alle er velkomne.",
        "Open AA discussion meeting. Everyone is welcome.",
    ),
    "AA Lørdagsmøtet": (
        "AA Lørdagsmøtet",
        ["C", "ST"],
        Attendance.IN_PERSON,
        "",
        "",
        "Lukket AA-møte med stegstudie, for deg med et ønske om å slutte å drikke.",
        "Closed AA step study, for those who want to stop drinking.",
    ),
    "NA Tirsdagsmøtet": (
        "NA Tirsdagsmøtet",
        ["O", "BE"],
        Attendance.HYBRID,
        "https://zoom.us/j/85512345678",
        "+47 21 93 00 00,,85512345678#",
        "Åpent NA-møte i Rom 2 og på Zoom. Nykommere er særlig velkomne.",
        "Open NA meeting in Room 2 and on Zoom. Newcomers especially welcome.",
    ),
    "Al-Anon onsdag": (
        "Al-Anon Onsdagssamtalen",
        ["C", "D"],
        Attendance.IN_PERSON,
        "",
        "",
        "Lukket samtalemøte for pårørende og venner av alkoholikere.",
        "Closed discussion meeting for relatives and friends of alcoholics.",
    ),
    "CoDA torsdag": (
        "CoDA Torsdag på nett",
        ["O", "ST"],
        Attendance.ONLINE,
        "https://meet.jit.si/coda-oslo-torsdag",
        "",
        "Åpent CoDA-møte på nett med stegstudie.",
        "Open online CoDA step study meeting.",
    ),
    "VOP onsdagsgruppe": (
        "VOP Onsdagsmøtet",
        ["O", "LIT"],
        Attendance.IN_PERSON,
        "",
        "",
        "Åpent møte for voksne barn fra dysfunksjonelle familier. Vi leser litteratur.",
        "Open meeting for adult children of dysfunctional families, reading literature.",
    ),
    "OA tirsdag": (
        "OA Tirsdagsmøtet",
        ["O", "D"],
        Attendance.IN_PERSON,
        "",
        "",
        "Åpent OA-møte for deg som strever med mat og spising.",
        "Open OA meeting for people who struggle with food and eating.",
    ),
    "SLAA mandag": (
        "SLAA Mandagsmøtet",
        ["C", "D"],
        Attendance.IN_PERSON,
        "",
        "",
        "Lukket SLAA-møte for deg som selv kjenner deg igjen i sex- og kjærlighetsavhengighet.",
        "Closed SLAA meeting for those who recognise sex and love addiction in themselves.",
    ),
}

"""The research page's content as the centre ships it, so a fresh install shows the full page.

Every reference comes from the checked list in shared/research/sources.md. Staff edit the text in
the admin afterwards; this migration only creates what is missing (by principle slug and source
key), so running it, or the demo command that reuses it, never overwrites an edit.

Wording rule: no claim stronger than its source. In particular, the old "share of recovery"
figure from earlier material is not repeated as a fact (no source for it was found), and
"motivate, don't refer" is presented as the trials support it: active, personal information and
motivation beat a list handed over and beat being ordered to attend.
"""

from django.db import migrations

SOURCES = [
    {
        "key": "kelly-2020",
        "authors": "Kelly, J. F., Humphreys, K., & Ferri, M.",
        "year": 2020,
        "title": "Alcoholics Anonymous and other 12-step programs for alcohol use disorder",
        "container": "Cochrane Database of Systematic Reviews",
        "volume_pages": "2020(3), CD012880",
        "doi": "10.1002/14651858.CD012880.pub2",
        "kind": "systematic_review",
    },
    {
        "key": "kownacki-1999",
        "authors": "Kownacki, R. J., & Shadish, W. R.",
        "year": 1999,
        "title": (
            "Does Alcoholics Anonymous work? The results from a meta-analysis of controlled "
            "experiments"
        ),
        "container": "Substance Use & Misuse",
        "volume_pages": "34(13), 1897–1916",
        "doi": "10.3109/10826089909039431",
        "doi_checked": False,
        "kind": "meta_analysis",
    },
    {
        "key": "walsh-1991",
        "authors": "Walsh, D. C., Hingson, R. W., Merrigan, D. M., et al.",
        "year": 1991,
        "title": "A randomized trial of treatment options for alcohol-abusing workers",
        "container": "New England Journal of Medicine",
        "volume_pages": "325, 775–782",
        "doi": "10.1056/NEJM199109123251105",
        "doi_checked": False,
        "kind": "trial",
    },
    {
        "key": "nrc-2001",
        "authors": "National Research Council",
        "year": 2001,
        "title": "Informing America's Policy on Illegal Drugs: What We Don't Know Keeps Hurting Us",
        "container": "National Academies Press, Washington, DC",
        "volume_pages": "",
        "doi": "10.17226/10021",
        "url": "https://nap.nationalacademies.org/read/10021",
        "kind": "report",
        "note_nb": "Se side 254.",
        "note_en": "See page 254.",
    },
    {
        "key": "kaskutas-2009",
        "authors": "Kaskutas, L. A., Subbaraman, M. S., Witbrodt, J., & Zemore, S. E.",
        "year": 2009,
        "title": (
            "Effectiveness of Making Alcoholics Anonymous Easier (MAAEZ), a group format 12-step "
            "facilitation approach"
        ),
        "container": "Journal of Substance Abuse Treatment",
        "volume_pages": "37(3), 228–239",
        "doi": "10.1016/j.jsat.2009.01.004",
        "kind": "study",
    },
    {
        "key": "vederhus-2014",
        "authors": "Vederhus, J.-K., Timko, C., Kristensen, Ø., Hjemdahl, B., & Clausen, T.",
        "year": 2014,
        "title": (
            "Motivational intervention to enhance post-detoxification 12-Step group affiliation: "
            "a randomized controlled trial"
        ),
        "container": "Addiction",
        "volume_pages": "109(5), 766–773",
        "doi": "10.1111/add.12471",
        "kind": "trial",
    },
    {
        "key": "swift-2011",
        "authors": "Swift, J. K., & Callahan, J. L.",
        "year": 2011,
        "title": "Decreasing treatment dropout by addressing expectations for treatment length",
        "container": "Psychotherapy Research",
        "volume_pages": "21(2), 193–200",
        "doi": "10.1080/10503307.2010.541294",
        "kind": "trial",
    },
    {
        "key": "walitzer-1999",
        "authors": "Walitzer, K. S., Dermen, K. H., & Connors, G. J.",
        "year": 1999,
        "title": "Strategies for preparing clients for treatment: A review",
        "container": "Behavior Modification",
        "volume_pages": "23(1), 129–151",
        "url": "https://pubmed.ncbi.nlm.nih.gov/9926524/",
        "kind": "review",
    },
    {
        "key": "timko-2006",
        "authors": "Timko, C., DeBenedetti, A., & Billow, R.",
        "year": 2006,
        "title": (
            "Intensive referral to 12-Step self-help groups and 6-month substance use disorder "
            "outcomes"
        ),
        "container": "Addiction",
        "volume_pages": "101(5), 678–688",
        "doi": "10.1111/j.1360-0443.2006.01391.x",
        "kind": "trial",
    },
    {
        "key": "timko-2007",
        "authors": "Timko, C., & DeBenedetti, A.",
        "year": 2007,
        "title": (
            "A randomized controlled trial of intensive referral to 12-step self-help groups: "
            "one-year outcomes"
        ),
        "container": "Drug and Alcohol Dependence",
        "volume_pages": "90(2–3), 270–279",
        "doi": "10.1016/j.drugalcdep.2007.04.007",
        "kind": "trial",
    },
    {
        "key": "humphreys-1999",
        "authors": "Humphreys, K.",
        "year": 1999,
        "title": "Professional interventions that facilitate 12-step self-help group involvement",
        "container": "Alcohol Research & Health",
        "volume_pages": "23(2), 93–98",
        "url": "https://pubmed.ncbi.nlm.nih.gov/10890802/",
        "kind": "review",
    },
    {
        "key": "helsedirektoratet-rus",
        "authors": "Helsedirektoratet",
        "year": 2016,
        "title": (
            "Nasjonal faglig retningslinje for behandling og rehabilitering av "
            "rusmiddelproblemer og avhengighet"
        ),
        "container": "Helsedirektoratet, Oslo",
        "volume_pages": "",
        "url": (
            "https://www.helsedirektoratet.no/retningslinjer/"
            "behandling-og-rehabilitering-av-rusmiddelproblemer-og-avhengighet/"
            "brukermedvirkning-i-rusbehandling/"
            "deltakelse-i-selvhjelpsgrupper-for-personer-i-rusbehandling"
        ),
        "kind": "guideline",
        "note_nb": "Anbefalingen «Deltakelse i selvhjelpsgrupper for personer i rusbehandling».",
        "note_en": (
            "The recommendation on taking part in self-help groups for people in treatment for "
            "substance use (in Norwegian)."
        ),
    },
    {
        "key": "fluckiger-2018",
        "authors": "Flückiger, C., Del Re, A. C., Wampold, B. E., & Horvath, A. O.",
        "year": 2018,
        "title": "The alliance in adult psychotherapy: A meta-analytic synthesis",
        "container": "Psychotherapy",
        "volume_pages": "55(4), 316–340",
        "doi": "10.1037/pst0000172",
        "kind": "meta_analysis",
    },
    {
        "key": "wampold-1997",
        "authors": "Wampold, B. E., et al.",
        "year": 1997,
        "title": (
            "A meta-analysis of outcome studies comparing bona fide psychotherapies: "
            "Empirically, \"all must have prizes\""
        ),
        "container": "Psychological Bulletin",
        "volume_pages": "122, 203–215",
        "doi": "10.1037/0033-2909.122.3.203",
        "doi_checked": False,
        "kind": "meta_analysis",
        "note_nb": "Gjengitt etter hukommelsen og ikke kontrollert mot originalen.",
        "note_en": "Cited from memory and not checked against the original.",
    },
    {
        "key": "miller-2013",
        "authors": "Miller, S. D., Hubble, M. A., Chow, D. L., & Seidel, J. A.",
        "year": 2013,
        "title": "The outcome of psychotherapy: Yesterday, today, and tomorrow",
        "container": "Psychotherapy",
        "volume_pages": "50(1), 88–97",
        "doi": "10.1037/a0031097",
        "kind": "review",
    },
]

PRINCIPLES = [
    {
        "slug": "frivillighet",
        "order": 10,
        "title_nb": "Deltakelse må være frivillig",
        "title_en": "Taking part must be voluntary",
        "summary_nb": (
            "Selvhjelpsgrupper ser ut til å hjelpe mange av dem som selv velger å komme. Å bli "
            "pålagt å gå har ikke vist seg å virke like godt – men forskningen på tvang er "
            "tynnere enn mange tror."
        ),
        "summary_en": (
            "Self-help groups appear to help many of those who choose to come. Being ordered to "
            "attend has not been shown to work as well – but the research on coercion is thinner "
            "than many believe."
        ),
        "body_nb": (
            "Hos oss bestemmer du selv om du vil være med i en gruppe, og du kan slutte når du "
            "vil. Du trenger ingen henvisning, og ingen får vite at du går i en gruppe uten at du "
            "forteller det selv.\n\n"
            "Den sterkeste forskningen vi kjenner til, gjelder tolvtrinnsgrupper for "
            "alkoholproblemer, som Anonyme Alkoholikere (AA). En Cochrane-oversikt fra 2020 tok "
            "bare med voksne som deltok uten tvang, og fant at programmer som hjelper folk inn i "
            "slike grupper, gjør at flere holder seg avholdende over tid. Grupper kan altså "
            "hjelpe dem som kommer frivillig.\n\n"
            "Hva som skjer når noen blir pålagt å gå, er mindre klart. Noen studier av mennesker "
            "som ble pålagt å gå i AA, fant dårligere resultater. Men studiene er få og gamle, og "
            "virkningen av tvangen lar seg ikke skille fra måten studiene var lagt opp på. En "
            "amerikansk gjennomgang av rusbehandling generelt fant at de som ble presset inn i "
            "behandling, klarte seg omtrent like godt som de som kom frivillig. Vi påstår derfor "
            "ikke at tvang alltid slår feil.\n\n"
            "Det vi bygger på, er dette: grupper hjelper mange som velger dem selv, og en "
            "selvhjelpsgruppe bygger på at hver enkelt tar ansvar for sin egen endring. Det kan "
            "ingen gjøre på vegne av en annen. Frivillighet er derfor både et verdivalg og noe "
            "forskningen gir støtte for – men ikke et bevis på at pålagt deltakelse aldri nytter."
        ),
        "body_en": (
            "Here you decide yourself whether to join a group, and you can stop whenever you "
            "like. You do not need a referral, and nobody learns that you are in a group unless "
            "you tell them.\n\n"
            "The strongest research we know of concerns 12-step groups for alcohol problems, such "
            "as Alcoholics Anonymous (AA). A Cochrane review from 2020 included only adults who "
            "took part without coercion, and found that programmes that help people into such "
            "groups lead more people to stay abstinent over time. So groups can help those who "
            "come of their own accord.\n\n"
            "What happens when people are ordered to attend is less clear. Some studies of people "
            "who were ordered to go to AA found poorer results. But the studies are few and old, "
            "and the effect of the coercion cannot be separated from how the studies were "
            "designed. An American review of drug treatment in general found that people pushed "
            "into treatment did about as well as those who came voluntarily. So we do not claim "
            "that coercion always fails.\n\n"
            "What we build on is this: groups help many people who choose them, and a self-help "
            "group rests on each person taking responsibility for their own change. Nobody can do "
            "that on someone else's behalf. Voluntary participation is therefore both a matter of "
            "values and something the research supports – but not proof that ordered attendance "
            "never works."
        ),
        "findings": [
            {
                "source": "kelly-2020",
                "certainty": "high",
                "summary_nb": (
                    "En Cochrane-oversikt med 27 studier og 10 565 deltakere, alle voksne som "
                    "deltok uten tvang, fant at manualbaserte programmer som hjelper folk inn i "
                    "AA og andre tolvtrinnsgrupper, gjør at flere holder seg sammenhengende "
                    "avholdende enn med etablerte behandlinger som kognitiv atferdsterapi. "
                    "Programmene senker trolig også helsekostnadene."
                ),
                "summary_en": (
                    "A Cochrane review of 27 studies with 10,565 participants, all adults who "
                    "took part without coercion, found that manualised programmes that help "
                    "people into AA and other 12-step groups lead more people to stay "
                    "continuously abstinent than established treatments such as cognitive "
                    "behavioural therapy. The programmes probably also lower health-care costs."
                ),
                "caveat_nb": (
                    "Høy sikkerhet for flere som holder seg avholdende. Gjelder tolvtrinnsgrupper "
                    "for alkoholproblemer og sier ikke direkte noe om blandede grupper som våre."
                ),
                "caveat_en": (
                    "High certainty for more people staying abstinent. It concerns 12-step "
                    "groups for alcohol problems and says nothing directly about mixed groups "
                    "like ours."
                ),
            },
            {
                "source": "kownacki-1999",
                "certainty": "low",
                "summary_nb": (
                    "En metaanalyse av kontrollerte studier av AA fra 1953 til 1995 fant at de "
                    "randomiserte studiene, der mange av deltakerne var pålagt av en domstol å "
                    "gå, ikke viste at AA hjalp dem som ble pålagt å delta. Noen studier av "
                    "mennesker som ble pålagt å gå, fant altså dårligere resultater."
                ),
                "summary_en": (
                    "A meta-analysis of controlled studies of AA from 1953 to 1995 found that "
                    "the randomised studies, in which many participants had been ordered by a "
                    "court to attend, did not show AA helping those who were made to attend. "
                    "Some studies of people ordered to attend found poorer results."
                ),
                "caveat_nb": (
                    "Lav sikkerhet: få, gamle og svært ulike studier, og det går ikke å skille "
                    "virkningen av tvangen fra måten studiene var lagt opp på."
                ),
                "caveat_en": (
                    "Low certainty: few, old and very different studies, and the effect of being "
                    "ordered to attend cannot be separated from the study design."
                ),
            },
            {
                "source": "walsh-1991",
                "certainty": "moderate",
                "summary_nb": (
                    "I et randomisert forsøk ble 227 arbeidstakere med alkoholproblemer fordelt "
                    "til pålagt innleggelse, pålagt AA alene eller fritt valg av behandling. På "
                    "drikking gikk det dårligst med gruppen som bare ble pålagt AA: 63 prosent "
                    "trengte senere innleggelse, mot 38 prosent av dem som ble lagt inn fra "
                    "starten."
                ),
                "summary_en": (
                    "In a randomised trial, 227 workers with alcohol problems were assigned to "
                    "compulsory inpatient treatment, compulsory AA only, or a free choice of "
                    "treatment. On drinking, the compulsory-AA-only group did worst: 63 per cent "
                    "later needed inpatient treatment, against 38 per cent of those admitted "
                    "from the start."
                ),
                "caveat_nb": (
                    "Moderat sikkerhet for at pålagt AA alene ikke er nok. Forsøket testet ikke "
                    "frivillig deltakelse i selvhjelpsgrupper."
                ),
                "caveat_en": (
                    "Moderate certainty that ordered AA attendance alone is not enough. The trial "
                    "did not test voluntary attendance at self-help groups."
                ),
            },
            {
                "source": "nrc-2001",
                "certainty": "low",
                "summary_nb": (
                    "En gjennomgang fra det amerikanske National Research Council fant at i "
                    "rusbehandling generelt klarte de som ble presset inn i behandling, seg "
                    "omtrent like godt som de som kom frivillig. Vi tar den med for balansens "
                    "skyld: forskningen viser ikke at tvang alltid mislykkes."
                ),
                "summary_en": (
                    "A review by the US National Research Council found that in drug treatment "
                    "in general, people pushed into treatment did about as well as those who "
                    "came voluntarily. We include it for balance: the research does not show "
                    "that coercion always fails."
                ),
                "caveat_nb": (
                    "Lav sikkerhet: bygger på svake studier, og gjelder behandling, ikke "
                    "selvhjelpsgrupper."
                ),
                "caveat_en": (
                    "Low certainty: based on weak studies, and about treatment, not self-help "
                    "groups."
                ),
            },
        ],
    },
    {
        "slug": "vite-hva-du-kan-forvente",
        "order": 20,
        "title_nb": "Å vite hva du kan forvente – tidlig, gjerne under behandling",
        "title_en": "Knowing what to expect – early, even during treatment",
        "summary_nb": (
            "Folk som får vite hva en gruppe er og hva de kan vente seg før de begynner, ser ut "
            "til å komme oftere og bli lenger. Informasjonen kan gis tidlig, også mens man ennå "
            "er i behandling."
        ),
        "summary_en": (
            "People who learn what a group is and what to expect before they start seem to come "
            "more often and stay longer. The information can be given early, even while someone "
            "is still in treatment."
        ),
        "body_nb": (
            "Det kan være skummelt å gå inn i et rom med fremmede og snakke om det som er "
            "vanskelig. Mye av uroen handler om å ikke vite: Hvem er de andre? Må jeg si noe? "
            "Hva om jeg ikke passer inn?\n\n"
            "Derfor forteller vi alltid hva du kan vente deg før du bestemmer deg. Du kan komme "
            "på et informasjonsmøte, høre hvordan en gruppe fungerer og spørre om det du lurer "
            "på. Når du vet hva du sier ja til, velger du selv om du vil være med.\n\n"
            "Forskningen støtter dette. I et norsk forsøk fra en avrusningsavdeling fikk "
            "pasienter motiverende samtaler om selvhjelpsgrupper mens de ennå var innlagt. Seks "
            "måneder senere var flere av dem knyttet til en gruppe, og de hadde færre dager med "
            "rus enn dem som bare fikk et kort råd – selv om like mange i begge gruppene var helt "
            "rusfrie. En amerikansk studie der klienter ble forberedt på hvordan AA-møter "
            "foregår, fant bedre resultater etter et år. Fra terapi ledet av fagfolk vet vi også "
            "at forberedelse før start gir færre som faller fra tidlig; det støtter oss bare ved "
            "analogi.\n\n"
            "Informasjon trenger altså ikke vente til behandlingen er over. Den beste norske "
            "kunnskapen vi har, gjelder nettopp informasjon og motivasjon gitt under behandling."
        ),
        "body_en": (
            "It can be daunting to walk into a room of strangers and talk about what is hard. "
            "Much of the worry comes from not knowing: Who are the others? Do I have to say "
            "anything? What if I do not fit in?\n\n"
            "That is why we always tell you what to expect before you decide. You can come to an "
            "information meeting, hear how a group works and ask what you wonder about. Once you "
            "know what you are saying yes to, you choose yourself whether to join.\n\n"
            "The research supports this. In a Norwegian trial on a detox ward, patients had "
            "motivational conversations about self-help groups while they were still in. Six "
            "months later more of them were involved with a group, and they had fewer days of "
            "drinking and drug use than those who only had brief advice – although just as many "
            "in both groups were fully abstinent. An American study that prepared clients for "
            "what AA meetings are like found better results after a year. From therapy led by "
            "professionals we also know that preparation before the start means fewer drop out "
            "early; that supports us by analogy only.\n\n"
            "So information need not wait until treatment is over. The best Norwegian evidence we "
            "have is precisely about information and motivation given during treatment."
        ),
        "findings": [
            {
                "source": "vederhus-2014",
                "certainty": "moderate",
                "summary_nb": (
                    "Et norsk randomisert forsøk med 140 pasienter på en avrusningsavdeling "
                    "sammenlignet motiverende samtaler om tolvtrinnsgrupper, gitt under "
                    "oppholdet, med et kort råd. Etter seks måneder var de som fikk samtalene, "
                    "mer knyttet til grupper og hadde færre dager med alkohol (i snitt 2,1 mot "
                    "5,6) og med narkotika. Andelen som var helt avholdende, var ikke forskjellig."
                ),
                "summary_en": (
                    "A Norwegian randomised trial with 140 patients on a detox ward compared "
                    "motivational conversations about 12-step groups, given during the stay, "
                    "with brief advice. After six months those who had the conversations were "
                    "more involved with groups and had fewer drinking days (2.1 against 5.6 on "
                    "average) and drug days. The share who were fully abstinent did not differ."
                ),
                "caveat_nb": (
                    "Moderat sikkerhet: ett forsøk. Likevel den beste norske kunnskapen for å "
                    "informere og motivere tidlig, også mens behandlingen pågår."
                ),
                "caveat_en": (
                    "Moderate certainty: one trial. Still the best Norwegian evidence for "
                    "informing and motivating early, even during treatment."
                ),
            },
            {
                "source": "kaskutas-2009",
                "certainty": "moderate",
                "summary_nb": (
                    "Seks samlinger som forberedte klienter i rusbehandling på hvordan AA-møter "
                    "er, ble prøvd ut i en klinikk. Etter tolv måneder hadde klienter som ble "
                    "behandlet mens programmet var i bruk, større sjanse for å være avholdende "
                    "fra alkohol (oddsforhold 1,85) og fra narkotika (oddsforhold 2,21). Jo "
                    "flere samlinger, jo bedre resultater."
                ),
                "summary_en": (
                    "Six sessions preparing clients in addiction treatment for what AA meetings "
                    "are like were tried out in a clinic. At twelve months, clients treated "
                    "while the programme ran had higher odds of abstinence from alcohol (odds "
                    "ratio 1.85) and from drugs (odds ratio 2.21). More sessions, better results."
                ),
                "caveat_nb": (
                    "Moderat sikkerhet: 508 klienter, men ikke randomisert. Studien sammenlignet "
                    "før og etter, så andre endringer i klinikken kan ha spilt inn."
                ),
                "caveat_en": (
                    "Moderate certainty: 508 clients, but not randomised. The study compared "
                    "before and after, so other changes in the clinic may have played a part."
                ),
            },
            {
                "source": "swift-2011",
                "certainty": "low",
                "summary_nb": (
                    "I et lite randomisert forsøk med 63 klienter i en poliklinikk for "
                    "psykoterapi fikk halvparten vite på forhånd hvor lang tid terapi vanligvis "
                    "tar. De ble lenger i behandlingen og fullførte oftere."
                ),
                "summary_en": (
                    "In a small randomised trial with 63 clients at a psychotherapy clinic, half "
                    "were told beforehand how long therapy usually takes. They stayed in "
                    "treatment longer and completed it more often."
                ),
                "caveat_nb": (
                    "Lav sikkerhet for vår bruk: ett lite forsøk, og det gjaldt individuell "
                    "terapi, ikke selvhjelpsgrupper. Støtter oss bare ved analogi."
                ),
                "caveat_en": (
                    "Low certainty for our purpose: one small trial, about individual therapy, "
                    "not self-help groups. Supports us by analogy only."
                ),
            },
            {
                "source": "walitzer-1999",
                "certainty": "low",
                "summary_nb": (
                    "En oversiktsartikkel om å forberede klienter på terapi fant at forberedelse "
                    "før start, som å forklare hvordan terapien foregår og hva som ventes av "
                    "klienten, ga færre som falt fra tidlig."
                ),
                "summary_en": (
                    "A review of ways to prepare clients for therapy found that preparation "
                    "before the start, such as explaining how therapy works and what is expected "
                    "of the client, meant fewer dropped out early."
                ),
                "caveat_nb": (
                    "Lav sikkerhet for vår bruk: gjelder terapi ledet av fagfolk, ikke "
                    "selvorganiserte grupper."
                ),
                "caveat_en": (
                    "Low certainty for our purpose: it concerns therapy led by professionals, "
                    "not self-organised groups."
                ),
            },
        ],
    },
    {
        "slug": "motiver-ikke-henvis",
        "order": 30,
        "title_nb": "Motiver – ikke henvis",
        "title_en": "Motivate – don't refer",
        "summary_nb": (
            "Det som hjelper folk inn i en gruppe, er personlig informasjon og motivasjon, gjerne "
            "med kontakt med noen som kjenner gruppen – ikke bare en liste med telefonnumre, og "
            "ikke et pålegg."
        ),
        "summary_en": (
            "What helps people into a group is personal information and motivation, ideally with "
            "a contact who knows the group – not just a list of phone numbers, and not an order "
            "to attend."
        ),
        "body_nb": (
            "Når en fagperson tror at en selvhjelpsgruppe kan hjelpe, er det fristende å "
            "«henvise»: gi en liste eller en brosjyre og si at pasienten bør gå dit. Forskningen "
            "tyder på at det er for lite.\n\n"
            "I et amerikansk forsøk fikk pasienter i rusbehandling enten en vanlig henvisning – "
            "en møteliste og en oppfordring om å gå – eller en aktiv henvisning, der behandleren "
            "satte pasienten i kontakt med et medlem av en gruppe og fulgte opp etterpå. De som "
            "fikk den aktive varianten, gikk oftere i grupper, engasjerte seg mer og hadde bedre "
            "resultater både etter et halvt og etter et helt år. Det norske forsøket fra "
            "avrusningen peker samme vei: motiverende samtaler ga mer deltakelse enn et kort råd. "
            "Og forskningen på pålagt deltakelse gir ingen grunn til å tro at et pålegg er en "
            "snarvei.\n\n"
            "Forskningen sammenligner altså aktiv, personlig informasjon og motivasjon med passiv "
            "henvisning og med pålegg. Den har ikke vist at en henvisning i seg selv tar "
            "motivasjonen fra folk. Vår erfaring er at den som «blir sendt», lettere kan føle at "
            "valget er tatt for dem – men det er erfaring, ikke et forskningsfunn.\n\n"
            "Helsedirektoratets nasjonale retningslinje for rusbehandling anbefaler at "
            "helsepersonell informerer pasienter om muligheten til å delta i selvhjelpsgrupper. "
            "Hos oss trengs ingen henvisning: Fortell om gruppene, snakk om hva personen selv "
            "ønsker, og la personen ta kontakt – gjerne mens dere sitter sammen."
        ),
        "body_en": (
            "When a professional thinks a self-help group could help, it is tempting to "
            "\"refer\": hand over a list or a leaflet and say the patient ought to go. The "
            "research suggests that is not enough.\n\n"
            "In an American trial, patients in addiction treatment got either a standard referral "
            "– a meeting list and encouragement to go – or an intensive referral, where the "
            "counsellor put the patient in touch with a group member and followed up afterwards. "
            "Those who got the intensive version attended more often, were more involved and had "
            "better results after both six months and a year. The Norwegian detox trial points "
            "the same way: motivational conversations led to more involvement than brief advice. "
            "And the research on ordered attendance gives no reason to think an order is a short "
            "cut.\n\n"
            "So the research compares active, personal information and motivation with passive "
            "referral and with orders to attend. It has not shown that a referral in itself takes "
            "away people's motivation. Our experience is that someone who is \"sent\" can more "
            "easily feel the choice was made for them – but that is experience, not a research "
            "finding.\n\n"
            "The Norwegian Directorate of Health's national guideline for addiction treatment "
            "recommends that health personnel tell patients about the option of joining self-help "
            "groups. With us no referral is needed: tell people about the groups, talk about what "
            "they want for themselves, and let them get in touch – perhaps while you sit together."
        ),
        "findings": [
            {
                "source": "timko-2006",
                "certainty": "moderate",
                "summary_nb": (
                    "I et randomisert forsøk med 345 pasienter fikk halvparten en vanlig "
                    "henvisning (en møteliste og en oppfordring om å gå) og halvparten en aktiv "
                    "henvisning: behandleren satte pasienten i kontakt med et medlem av en "
                    "tolvtrinnsgruppe og fulgte opp. Etter seks måneder deltok de med aktiv "
                    "henvisning mer i grupper og hadde bedre resultater for alkohol og narkotika."
                ),
                "summary_en": (
                    "In a randomised trial with 345 patients, half got a standard referral (a "
                    "meeting list and encouragement to go) and half an intensive referral: the "
                    "counsellor put the patient in touch with a member of a 12-step group and "
                    "followed up. After six months those with intensive referral were more "
                    "involved in groups and had better alcohol and drug outcomes."
                ),
                "caveat_nb": (
                    "Moderat sikkerhet: ett forsøk, i USA, om tolvtrinnsgrupper. Det sammenligner "
                    "aktiv og passiv henvisning; det viser ikke at en henvisning i seg selv "
                    "svekker motivasjonen."
                ),
                "caveat_en": (
                    "Moderate certainty: one trial, in the USA, about 12-step groups. It compares "
                    "active and passive referral; it does not show that a referral in itself "
                    "weakens motivation."
                ),
            },
            {
                "source": "timko-2007",
                "certainty": "moderate",
                "summary_nb": (
                    "Etter ett år var forskjellen der fortsatt: 70 prosent av dem med aktiv "
                    "henvisning gikk på minst ett møte i uken, mot 61 prosent, og 51 prosent var "
                    "avholdende, mot 41 prosent."
                ),
                "summary_en": (
                    "After one year the difference remained: 70 per cent of those with intensive "
                    "referral went to at least one meeting a week, against 61 per cent, and 51 "
                    "per cent were abstinent, against 41 per cent."
                ),
                "caveat_nb": "Moderat sikkerhet: det samme forsøket, fulgt opp i et år.",
                "caveat_en": "Moderate certainty: the same trial, followed up for a year.",
            },
            {
                "source": "vederhus-2014",
                "certainty": "moderate",
                "summary_nb": (
                    "I det norske forsøket fra avrusningen ga motiverende samtaler om grupper "
                    "mer deltakelse og færre rusdager enn et kort råd om å gå."
                ),
                "summary_en": (
                    "In the Norwegian detox trial, motivational conversations about groups led "
                    "to more involvement and fewer days of drinking and drug use than brief "
                    "advice to go."
                ),
                "caveat_nb": (
                    "Moderat sikkerhet: ett forsøk. Det sammenligner motivasjon med et kort råd, "
                    "ikke med ingen informasjon."
                ),
                "caveat_en": (
                    "Moderate certainty: one trial. It compares motivation with brief advice, "
                    "not with no information at all."
                ),
            },
            {
                "source": "humphreys-1999",
                "certainty": "moderate",
                "summary_nb": (
                    "En oversiktsartikkel fant at tiltak der fagfolk aktivt hjelper pasienter inn "
                    "i tolvtrinnsgrupper, ga mer deltakelse i gruppene og mer avholdenhet enn "
                    "behandlingene de ble sammenlignet med."
                ),
                "summary_en": (
                    "A review found that interventions in which professionals actively help "
                    "patients into 12-step groups led to more group involvement and more "
                    "abstinence than the treatments they were compared with."
                ),
                "caveat_nb": (
                    "Moderat sikkerhet: en fortellende oversikt, ikke en metaanalyse, og om "
                    "tolvtrinnsgrupper."
                ),
                "caveat_en": (
                    "Moderate certainty: a narrative review, not a meta-analysis, and about "
                    "12-step groups."
                ),
            },
            {
                "source": "helsedirektoratet-rus",
                "certainty": "expert_opinion",
                "summary_nb": (
                    "Den nasjonale faglige retningslinjen for rusbehandling anbefaler at "
                    "helsepersonell informerer pasienter og brukere om muligheten til å delta i "
                    "selvhjelpsgrupper, og setter seg inn i hvilke grupper som finnes lokalt."
                ),
                "summary_en": (
                    "The national guideline for addiction treatment recommends that health "
                    "personnel tell patients and service users about the option of joining "
                    "self-help groups, and find out which groups exist locally."
                ),
                "caveat_nb": (
                    "En anbefaling, ikke et forskningsresultat. Direktoratet vurderte "
                    "forskningsgrunnlaget som moderat, men gjorde ikke noe systematisk "
                    "litteratursøk; anbefalingen bygger på arbeidsgruppens egne oppsummeringer og "
                    "innspill fra Selvhjelp Norge."
                ),
                "caveat_en": (
                    "A recommendation, not a research result. The directorate graded the "
                    "evidence as moderate but did no systematic literature search; the "
                    "recommendation rests on the working group's own summaries and input from "
                    "Selvhjelp Norge."
                ),
            },
        ],
    },
    {
        "slug": "erfaring-og-fellesskap",
        "order": 40,
        "title_nb": "Å møte noen som kjenner det fra innsiden",
        "title_en": "Meeting people who know it from the inside",
        "summary_nb": (
            "Forskningen på terapi tyder på at relasjonen betyr mye, og at valget av metode "
            "forklarer mindre enn mange tror. I en selvhjelpsgruppe står møtet med andre som har "
            "levd med noe lignende, i sentrum."
        ),
        "summary_en": (
            "Research on therapy suggests that the relationship matters a great deal, and that "
            "the choice of method explains less than many believe. In a self-help group, meeting "
            "others who have lived with something similar is at the centre."
        ),
        "body_nb": (
            "I en selvhjelpsgruppe er det ingen behandler. Det som finnes, er andre mennesker som "
            "vet hvordan det er fra innsiden, og som lytter uten å dømme. Mange forteller at det "
            "å bli forstått av noen som har vært i en lignende situasjon, er noe av det viktigste "
            "de har fått.\n\n"
            "Det meste av forskningen på hvorfor hjelp virker, kommer fra psykoterapi, ikke fra "
            "selvhjelpsgrupper, så vi må være forsiktige med å overføre den. Likevel viser den et "
            "par ting som er verdt å vite. Samarbeidsforholdet mellom klient og terapeut henger "
            "sammen med resultatet: jo bedre relasjon, jo bedre resultat, i gjennomsnitt. "
            "Sammenhengen er solid, men den forklarer bare en del av forskjellene, og den beviser "
            "ikke at det er relasjonen som er årsaken. Når etablerte terapiformer sammenlignes "
            "med hverandre, forklarer valget av metode lite av forskjellene i resultat – om lag "
            "én prosent eller mindre, ifølge en omdiskutert tolkning. Det betyr ikke at metode er "
            "uten betydning for hvordan folk blir bedre.\n\n"
            "Du kan ha hørt at fagfolks behandling bare står for en bitteliten del av bedringen. "
            "Et slikt tall har stått i eldre materiale, også vårt eget, men vi har ikke funnet "
            "noen kilde for det, og vi bruker det ikke lenger. Det samme gjelder den kjente "
            "«kaken» som fordeler bedring på relasjon, forventning, metode og forhold utenfor "
            "terapien: den er et grovt klinisk anslag, ikke et resultat fra forskningen.\n\n"
            "Det vi kan si med rimelig trygghet, er at relasjoner betyr mye, og at grupper der "
            "folk med samme problem støtter hverandre, kan hjelpe. Den sterkeste dokumentasjonen "
            "gjelder tolvtrinnsgrupper for alkoholproblemer. Derfor legger vi vekt på trygge "
            "rammer, taushetsplikt og god tid til å bli kjent."
        ),
        "body_en": (
            "In a self-help group there is no therapist. What there is, is other people who know "
            "what it is like from the inside, and who listen without judging. Many say that being "
            "understood by someone who has been in a similar situation is among the most "
            "important things they have found.\n\n"
            "Most research on why help works comes from psychotherapy, not from self-help groups, "
            "so we must be careful in carrying it over. Still, it shows a couple of things worth "
            "knowing. The working alliance between client and therapist goes together with the "
            "outcome: the better the relationship, the better the result, on average. The link is "
            "robust, but it explains only part of the differences, and it does not prove that "
            "the relationship is the cause. When established therapies are compared with each "
            "other, the choice of method explains little of the differences in outcome – about "
            "one per cent or less, on a disputed reading. That does not mean method is irrelevant "
            "to how people get better.\n\n"
            "You may have heard that professional treatment accounts for only a tiny part of "
            "recovery. Such a figure has appeared in older material, our own included, but we "
            "have found no source for it, and we no longer use it. The same goes for the "
            "well-known \"pie\" that divides recovery between relationship, expectation, method "
            "and factors outside therapy: it is a rough clinical estimate, not a research "
            "result.\n\n"
            "What we can say with reasonable confidence is that relationships matter a great "
            "deal, and that groups where people with the same problem support each other can "
            "help. The strongest evidence concerns 12-step groups for alcohol problems. That is "
            "why we put weight on a safe setting, confidentiality and time to get to know each "
            "other."
        ),
        "findings": [
            {
                "source": "fluckiger-2018",
                "certainty": "moderate",
                "summary_nb": (
                    "En metaanalyse av forskning på terapi med voksne fant at samarbeidsforholdet "
                    "mellom klient og terapeut henger sammen med resultatet (korrelasjon r ≈ "
                    ".28). Det tilsvarer om lag åtte prosent av forskjellene i resultat."
                ),
                "summary_en": (
                    "A meta-analysis of research on therapy with adults found that the working "
                    "alliance between client and therapist goes together with the outcome "
                    "(correlation r ≈ .28). That is about eight per cent of the differences in "
                    "outcome."
                ),
                "caveat_nb": (
                    "Sammenhengen er godt dokumentert i terapi, men den viser ikke årsak, og den "
                    "gjelder terapi, ikke selvhjelpsgrupper. Derfor moderat for vår bruk."
                ),
                "caveat_en": (
                    "The association is well documented in therapy, but it does not show cause, "
                    "and it concerns therapy, not self-help groups. Hence moderate for our "
                    "purpose."
                ),
            },
            {
                "source": "wampold-1997",
                "certainty": "low",
                "summary_nb": (
                    "En metaanalyse som sammenlignet etablerte psykoterapiformer med hverandre, "
                    "fant små forskjeller mellom dem. Den vanlige tolkningen er at valget av "
                    "metode forklarer om lag én prosent eller mindre av forskjellene i resultat."
                ),
                "summary_en": (
                    "A meta-analysis comparing established psychotherapies with each other found "
                    "small differences between them. The usual reading is that the choice of "
                    "method explains about one per cent or less of the differences in outcome."
                ),
                "caveat_nb": (
                    "Lav sikkerhet: tolkningen er omstridt, den gjelder psykoterapi og ikke "
                    "selvhjelpsgrupper, og «andel av forskjellene» er ikke det samme som «andel "
                    "av bedringen»."
                ),
                "caveat_en": (
                    "Low certainty: the reading is disputed, it concerns psychotherapy and not "
                    "self-help groups, and \"share of the differences\" is not \"share of the "
                    "recovery\"."
                ),
            },
            {
                "source": "miller-2013",
                "certainty": "expert_opinion",
                "summary_nb": (
                    "En fagartikkel om resultatene av psykoterapi konkluderer med at terapi "
                    "virker, at det er uenighet om hvordan, og at forskjellene mellom terapeuter "
                    "og målrettet øving fortjener mer oppmerksomhet."
                ),
                "summary_en": (
                    "A paper on the outcome of psychotherapy concludes that therapy works, that "
                    "how it works is debated, and that differences between therapists and "
                    "deliberate practice deserve more attention."
                ),
                "caveat_nb": (
                    "Et faglig resonnement, ikke en ny undersøkelse. Tallet om en bitteliten "
                    "andel for behandling, som har stått i eldre materiale, finnes ikke i denne "
                    "artikkelen."
                ),
                "caveat_en": (
                    "A reasoned argument, not a new study. The figure about a tiny share for "
                    "treatment that appeared in older material is not in this paper."
                ),
            },
            {
                "source": "kelly-2020",
                "certainty": "high",
                "summary_nb": (
                    "Grupper der folk med samme problem støtter hverandre, kan hjelpe: "
                    "Cochrane-oversikten over AA og andre tolvtrinnsprogrammer fant med høy "
                    "sikkerhet at flere holdt seg avholdende enn med etablerte behandlinger."
                ),
                "summary_en": (
                    "Groups where people with the same problem support each other can help: the "
                    "Cochrane review of AA and other 12-step programmes found with high "
                    "certainty that more people stayed abstinent than with established "
                    "treatments."
                ),
                "caveat_nb": (
                    "Gjelder tolvtrinnsgrupper for alkoholproblemer. Den viser ikke hvor mye av "
                    "virkningen som skyldes fellesskapet og erfaringsdelingen."
                ),
                "caveat_en": (
                    "It concerns 12-step groups for alcohol problems. It does not show how much "
                    "of the effect comes from fellowship and shared experience."
                ),
            },
        ],
    },
]


def load_content(apps, schema_editor=None):
    """Create the shipped principles, sources and findings that are missing; change nothing else."""
    Principle = apps.get_model("research", "Principle")
    Source = apps.get_model("research", "Source")
    Finding = apps.get_model("research", "Finding")
    sources = {}
    for data in SOURCES:
        data = dict(data)
        key = data.pop("key")
        sources[key], _created = Source.objects.get_or_create(key=key, defaults=data)
    for data in PRINCIPLES:
        data = dict(data)
        findings = data.pop("findings")
        slug = data.pop("slug")
        principle, created = Principle.objects.get_or_create(slug=slug, defaults=data)
        if not created:
            continue
        for order, finding in enumerate(findings, start=1):
            finding = dict(finding)
            source = sources[finding.pop("source")]
            Finding.objects.create(principle=principle, source=source, order=order, **finding)


def remove_content(apps, schema_editor):
    Principle = apps.get_model("research", "Principle")
    Source = apps.get_model("research", "Source")
    Principle.objects.filter(slug__in=[p["slug"] for p in PRINCIPLES]).delete()
    Source.objects.filter(key__in=[s["key"] for s in SOURCES], findings__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("research", "0001_initial")]

    operations = [migrations.RunPython(load_content, remove_content)]

"""Who speaks in a report: monitors, state media, officials, armed groups' claims,
local sources, other outlets, or the reporter (the outlet itself).

Each voice has a key (stable, used by the benchmark truth), a display name and a
Source kind (events.models.SourceKind). A mention is a *speaker* of its sentence
when a reporting verb follows it in the same clause ("the monitor said", "state
television, citing its reporter, also accused") or precedes it ("according to
SANA", "said the UK-based SOHR"). The outlet a voice spoke to ("told AFP",
"speaking to AFP") is its ``via``, not a speaker. "The source said", "he/she/it
said" and "the agency said" refer back to the last speaker named before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from events.models import SourceKind


@dataclass(frozen=True)
class Voice:
    key: str
    name: str
    kind: str
    pattern: re.Pattern


def _v(key, name, kind, pattern):
    return Voice(key, name, kind, re.compile(pattern, re.I))


GENERIC_MONITOR = "monitor"
VOICES = [
    # "the Syrian opposition aircraft observatory", "plane spotters": the network that
    # tracks warplanes over the north-west, a monitor of its own (not SOHR)
    _v(
        "aircraft_observatory",
        "Aircraft observatory (plane spotters)",
        SourceKind.MONITOR,
        r"\b(?:(?:Syrian\s+)?(?:opposition\s+)?(?:aircraft|warplanes?|planes?|flight|air)[\s-]+"
        r"(?:observatory|observatories|tracking\s+(?:network|group|observatory))|"
        r"(?:(?:opposition|rebel|local)\s+)?(?:plane|aircraft|flight)[\s-]?(?:spotters?|"
        r"watchers?|monitors))\b",
    ),
    _v(
        "sohr",
        "Syrian Observatory for Human Rights",
        SourceKind.MONITOR,
        r"\bSyrian\s+Observatory(?:\s+for\s+Human\s+Rights)?(?:\s+\(SOHR\))?|\bSOHR\b|\bOSDH\b|"
        r"\bSyrian\s+(?:Human\s+Rights\s+Observatory|Observatory\s+of\s+Human\s+Rights)\b|"
        r"\b(?:the\s+)?(?:Britain|UK|U\.K\.|British|England|"
        r"London)-based\s+(?:war\s+|rights\s+|opposition\s+)?(?:monitor(?:ing\s+(?:group|"
        r"organi[sz]ation))?|Observatory|NGO|watchdog|group)|"
        r"\bthe\s+Observatory\b|\bObservatory\s+(?:chief|head|director)\b|"
        r"\bRami\s+Abd[eu]l?[- ]?Rahmane?\b|\bRami\s+Abdurrahman\b|"
        r"\bAbdel[- ]Rahman(?=\s+(?:said|says|told|added|described))|"
        r"\bthe\s+observatory\b",
    ),
    _v(
        "snhr",
        "Syrian Network for Human Rights",
        SourceKind.MONITOR,
        r"\bSyrian\s+Network\s+for\s+Human\s+Rights\b|\bSNHR\b",
    ),
    _v(
        GENERIC_MONITOR,
        "A monitor",
        SourceKind.MONITOR,
        r"\b(?:a|the)\s+(?:war\s+)?monitor(?:ing\s+group)?\b|\bwar\s+monitor\b|"
        r"\bthe\s+monitor\b|\bmonitoring\s+group\b|\b(?:war\s+)?monitors(?=\s+(?:said|say|reported))|"
        r"\b(?:a|the)\s+(?:rights|human\s+rights|war)\s+(?:watchdog|monitor)\b",
    ),
    _v(
        "sana",
        "SANA (Syrian Arab News Agency)",
        SourceKind.STATE_MEDIA,
        r"\bSANA\b|\bSyrian\s+Arab\s+News\s+Agency\b|"
        # not another country's agency ("Turkish state news agency Anadolu", "Iran's IRNA")
        r"(?<!Turkish\s)(?<!Turkey's\s)(?<!Russian\s)(?<!Russia's\s)(?<!Iranian\s)(?<!Iran's\s)"
        r"(?<!Iraqi\s)(?<!Chinese\s)(?<!Lebanese\s)(?<!Jordanian\s)"
        r"\b(?:Syria's\s+)?(?:state(?:-run)?|official)\s+news\s+agency(?:\s+SANA)?\b"
        r"(?!\s*,?\s+(?!SANA\b)(?-i:[A-Z]))",
    ),
    _v(
        "state_tv",
        "Syrian state television",
        SourceKind.STATE_MEDIA,
        r"\b(?:Syrian\s+)?state(?:-run)?\s+(?:television|TV)\b|\bSyrian\s+TV\b|"
        r"\b(?:the\s+)?official\s+broadcaster\b|\b(?:al-)?Ikhbariya(?:\s+TV)?\b",
    ),
    _v(
        "state_media",
        "Syrian state media",
        SourceKind.STATE_MEDIA,
        r"\b(?:Syrian\s+)?(?:state(?:-run)?|official)\s+media\b",
    ),
    _v(
        "gov_source",
        "Government source",
        SourceKind.OFFICIAL,
        r"\b(?:a|the)\s+(?:local\s+)?government\s+source\b|"
        r"\bgovernment\s+source\b|\b(?:(?:a|the)\s+)?local\s+officials?\b|"
        r"\bpolice\s+source\b|"
        r"\bsource\s+(?:at|in)\s+(?:the\s+)?[\w\s]{0,30}?Police\s+Command\b|"
        r"\b(?:security|military)\s+source\b|"
        r"\bsource\s+(?:in|at|with|from)\s+(?:the\s+)?(?:Syrian\s+)?(?:security\s+services|army|"
        r"military|armed\s+forces|interior\s+ministry|defen[cs]e\s+ministry)\b|"
        r"\bSyrian\s+military\s+source\b|"
        r"\bgovernor\s+of\s+\w+|\b(?:provincial|the)\s+governor\b|"
        r"\b(?!(?:Turkish|Iraqi|Lebanese|Jordanian|Israeli)\b)(?-i:[A-Z][a-z]+)\s+(?:provincial\s+)?[Gg]overnor\b(?!['’])|"
        # "Syria's health ministry", "the Syrian army said", "a security official"
        r"\b(?:Syria(?:'s|’s)|Syrian)\s+(?:\w+\s+)?ministry\b|"
        # "according to a statement from the Syrian army"
        r"(?<=statement\sfrom\s)(?:the\s+)?Syrian\s+(?:army|military|armed\s+forces)\b|"
        r"(?<=statement\sby\s)(?:the\s+)?Syrian\s+(?:army|military|armed\s+forces)\b|"
        r"\bthe\s+[Ii]nterior\s+[Mm]inistry\b|\b(?:the\s+)?health\s+"
        r"(?:ministry|authorities)\b|\b(?:Syria(?:'s|’s)|Syrian)\s+(?:army|military|"
        r"armed\s+forces)(?=\s+(?:also\s+|later\s+)?(?:said|says|announced|stated|reported))|"
        r"\b(?:Syrian\s+)?(?:security|military|police)\s+officials?\b|\bSyrian\s+officials?\b|"
        # "Syria's General Command of the Army and Armed Forces said": the army's command
        r"\bGeneral\s+Command\s+of\s+the\s+(?:Syrian\s+)?(?:Army|Armed\s+Forces)\b"
        r"(?:\s+and\s+(?:the\s+)?Armed\s+Forces)?|"
        # "Damascus blamed Israel", "Syria accused Israel of ...": the government speaking
        r"\b(?:Damascus|Syria)(?=\s+(?:on\s+\w+day\s+|has\s+|had\s+|also\s+|later\s+)*(?:accused|"
        r"accuses|blamed|blames|denied|denies)\b)",
    ),
    _v(
        "russia_mod",
        "Russian Defence Ministry",
        SourceKind.OFFICIAL,
        r"\bRussia(?:'s|’s|n)?\s+(?:Defen[cs]e\s+Ministry|"
        r"Ministry\s+of\s+Defen[cs]e|defen[cs]e\s+ministry)\b|\bKonashenkov\b|"
        r"\bRussian\s+(?:centre|center)\s+for\s+(?:Syrian\s+)?reconciliation\b|"
        r"\bRussian\s+reconciliation\s+(?:centre|center)\b|"
        # "the Center for Reconciliation of the Opposing Sides", "the Hmeimim reconciliation
        # center": Russia's, whether or not the wire says so
        r"\b(?:Cent(?:re|er)\s+for\s+(?:the\s+)?(?:Syrian\s+)?Reconciliation|(?:[A-Z][\w-]+\s+)?"
        r"Reconciliation\s+Cent(?:re|er))\b|"
        r"\bKupchishin\b|\bDefen[cs]e\s+Ministry\s+spokesman\b|"
        # "the Russian military said it had struck ...": its defence ministry
        r"\bRussian\s+military(?=\s+(?:later\s+|also\s+|has\s+|had\s+)*(?:said|says|stated|"
        r"announced|reported|denied|confirmed)\b)",
    ),
    _v(
        "coalition",
        "US-led coalition",
        SourceKind.OFFICIAL,
        # "the Syrian National Coalition" is the opposition's body, not the US-led coalition
        r"(?<!National\s)\b(?:a\s+|the\s+)?coalition\s+(?:spokes(?:man|woman|person)|"
        r"statement)\b|\bCJTF-OIR\b|\bCENTCOM\b|\bUS\s+Central\s+Command\b|"
        r"\bPentagon\b|\bCentral\s+Command\b|"
        r"\bthe\s+(?:(?:U\.?S\.?|US|American)[- ]led\s+)?Coalition"
        r"(?=\s+(?:later\s+)?(?:confirmed|said|admitted|acknowledged|denied))",
    ),
    # "the US military said it carried out the strike": US forces outside the coalition's name
    _v(
        "us_military",
        "US military",
        SourceKind.OFFICIAL,
        r"\b(?:the\s+)?(?:U\.?S\.?|American)\s+(?:military|army|forces|officials?)(?=\s+(?:later\s+|"
        r"also\s+|has\s+|had\s+|on\s+\w+day\s+)*(?:said|says|announced|stated|confirmed|denied)\b)",
    ),
    _v(
        "turkey_mod",
        "Turkish Defence Ministry",
        SourceKind.OFFICIAL,
        r"\b(?:the\s+)?(?:Turkish|Turkey(?:'s|’s))\s+(?:(?:National\s+)?Defen[cs]e\s+Ministry|Ministry\s+of\s+(?:National\s+)?Defen[cs]e)\b"
        r"|\bTurkish\s+Ministry\s+of\s+National\s+Defen[cs]e\b",
    ),
    _v(
        "sdf",
        "Syrian Democratic Forces",
        SourceKind.ARMED_GROUP,
        r"\b(?:the\s+)?(?:Kurdish-led\s+)?Syrian\s+Democratic\s+Forces(?:\s+\(SDF\))?"
        r"|\b(?:the\s+)?Kurdish-led\s+(?:force|forces|SDF)(?:\s+holding\s+[\w\s]{0,30}?)?(?=\s+(?:said|says|accused))"
        # "the SDF Media Centre said": the force's own office, not a town's media centre
        r"|\b(?:the\s+)?SDF(?:'s|’s)?\s+(?:media\s+(?:cent(?:re|er)|office)|press\s+(?:office|"
        r"cent(?:re|er))|general\s+command)\b"
        r"|\bSDF\s+(?:spokes(?:man|woman)|statement)\b|\bthe\s+SDF\b(?![-‐]\w)"
        # "a spokesman for the U.S.-backed Syrian forces": AP's name for the SDF
        r"|\b(?:an?\s+|the\s+)?spokes(?:man|woman|person)\s+for\s+the\s+(?:U\.?S\.?|US|American)"
        r"[-‐]backed\s+Syrian\s+(?:forces|fighters)\b",
    ),
    _v(
        "unicef",
        "UNICEF",
        SourceKind.NGO,
        r"\bUNICEF\b|\bUN\s+Children(?:'s|’s)\s+Fund\b",
    ),
    _v(
        "turkey_gov",
        "Turkish government",
        SourceKind.OFFICIAL,
        r"\b(?:Ankara|Turkey|Turkish\s+(?:army|military|"
        r"defen[cs]e\s+ministry))(?=\s+(?:on\s+\w+\s+|has\s+|had\s+|also\s+|later\s+|\w+ly\s+)*"
        r"(?:denied|said|says|accused|blamed|rejected|dismissed|insisted|held|holds))|"
        r"\b(?:Turkey(?:'s|’s)|Turkish)\s+(?:foreign\s+minist(?:er|ry)|president|"
        r"interior\s+minist(?:er|ry)|government|authorities|(?:[\w-]+\s+)?governor(?:(?:'s|’s)\s+office)?|"
        r"officials?(?!\s+(?:(?-i:[A-Z])|news|"
        r"media|agency|broadcaster|television|TV)))\b|\bErdogan\b|\b[CÇ]avu[sş]o[gğ]lu\b|"
        # "The governor of Turkey's Hatay province": a Turkish governor, not a Syrian one
        # "the governor's office in the Turkish town of Sanliurfa"
        r"\b(?:the\s+)?governor(?:(?:'s|’s)\s+office)?\s+(?:of|in)\s+(?:Turkey(?:'s|’s)|the\s+Turkish)\s+"
        r"(?:[\w-]+\s+){0,2}?(?:province|town|city)\b(?:\s+of\s+[A-Z][\w-]+)?",
    ),
    _v(
        "russia_gov",
        "Russian government",
        SourceKind.OFFICIAL,
        r"\bRussia(?:'s|’s|n)?\s+(?:foreign\s+ministry|Foreign\s+Ministry|Ministry\s+of\s+"
        r"Foreign\s+Affairs|government|embassy)\b|\bKremlin\b|\bZakharova\b|\bLavrov\b|"
        r"\bMoscow(?=\s+(?:on\s+\w+\s+|has\s+|had\s+|also\s+|later\s+)*(?:denied|said|says|"
        r"accused|rejected|insisted|dismissed))",
    ),
    _v(
        "is_claim",
        "Islamic State (claim)",
        SourceKind.ARMED_GROUP,
        r"\bAmaq(?:\s+(?:news\s+)?agency)?\b|\b(?:IS|ISIS|ISIL|"
        r"Islamic\s+State(?:\s+in\s+Iraq\s+and\s+Syria)?)-affiliated\b|"
        # "ISIS's statement said", "a statement by IS": the group's own claim
        r"\b(?:IS|ISIS|ISIL|Daesh|Islamic\s+State)(?:'s|’s)\s+(?:online\s+)?statement\b|"
        # "An IS statement said"
        r"\b(?:an?\s+|the\s+)(?-i:IS|ISIS|ISIL|Daesh|Islamic\s+State)\s+(?:online\s+)?statement\b|"
        r"\bstatement\s+(?:issued\s+|released\s+|published\s+)?by\s+(?:the\s+)?(?:IS|ISIS|ISIL|"
        r"Daesh|Islamic\s+State)\b|"
        # "the Islamic State group said it was responsible": the group speaking for itself
        r"\b(?:(?-i:IS|ISIS|ISIL)|Daesh|Islamic\s+State)(?:\s+(?:group|jihadists))?"
        r"(?=\s+(?:later\s+|also\s+|has\s+|had\s+)*(?:said|says|announced|stated)\b|"
        # "Islamic State claimed the attack, saying it killed 20 soldiers"
        r"\s+(?:\w+\s+){0,2}?claimed\b[^.;]{0,60}\bsaying\b)",
    ),
    _v(
        "kurdish_source",
        "Kurdish military source",
        SourceKind.ARMED_GROUP,
        r"\bKurdish\s+(?:military\s+|police\s+|security\s+)?(?:source|official|officer)s?\b|"
        r"\b(?:Syrian\s+)?Kurdish\s+(?:police|authorities)\b|"
        # "the autonomous Kurdish administration", "the Autonomous Administration of North and
        # East Syria": the Kurdish-led authorities speaking
        r"\b(?:semi-)?autonomous\s+(?:Kurdish(?:-led)?\s+)?administration\b|"
        # "the Kurdish-led administration", "the Kurdish self-administration"
        r"\bKurdish(?:-led)?\s+(?:autonomous\s+|self-)?administration\b|"
        # "the Kurdish-led Internal Security Forces (ISF), also known as the Asayesh": the
        # Asayish by their formal name (not Lebanon's ISF: Kurdish, or the Asayish, or
        # north-east Syria named with it)
        r"\b(?:Kurdish(?:-led)?\s+)Internal\s+Security\s+Forces(?:\s+\(ISF\))?"
        r"(?:,\s+(?:also\s+)?known\s+as\s+(?:the\s+)?Asayi?e?sh)?|"
        r"\bInternal\s+Security\s+Forces(?:\s+\(ISF\))?(?:,\s+(?:also\s+)?known\s+as\s+"
        r"(?:the\s+)?Asayi?e?sh|\s+(?:for|of|in)\s+(?:North(?:east|\s+and\s+East)\s+Syria|Rojava))|"
        # "the Syrian Democratic Council (SDC), the political wing of the SDF": the SDF's
        # political body (the apposition is part of it, not the SDF speaking)
        r"\bSyrian\s+Democratic\s+Council(?:\s+\(SDC\))?(?:,\s+(?:the\s+|its\s+)?political\s+"
        r"(?:wing|arm)\s+of\s+[^,.;]{3,70},)?|"
        # "a spokesman for the Kurdish forces", "a spokesman for the YPG in Afrin"
        r"\b(?:an?\s+|the\s+)?spokes(?:man|woman|person)\s+(?:for|of)\s+the\s+(?:Kurdish\s+"
        r"(?:forces|militia|People[’']s\s+Protection\s+Units)|People[’']s\s+Protection\s+Units|"
        r"YPG)\b(?:\s+\(YPG\))?|"
        r"\bAsayi?e?sh\s+(?:officer|official|source|spokes\w+|command)\b|"
        r"\bSDF\s+(?:official|commander|"
        r"spokes\w+|source)\b|\bManbij\s+Military\s+Council\b|"
        # "the Deir ez-Zor Military Council", "the city's military council": the SDF's local
        # councils
        r"\b(?:[A-Z][\w-]+\s+){1,2}Military\s+Council\b|\b(?:city|town)(?:'s|’s)\s+military\s+"
        r"council\b|\bYPG\s+spokes\w+|"
        r"\b(?:Kurdish\s+(?:internal\s+)?security\s+forces|Asayi?e?sh(?:\s+forces)?)(?=\s+(?:also\s+)?"
        r"(?:said|says|reported|announced|stated))|"
        # "The YPG said ...", "the People's Protection Units (YPG) tweeted": the YPG speaking
        r"\b(?:the\s+)?(?:YPG|People(?:'s|’s)\s+Protection\s+Units(?:\s+\(YPG\))?)(?=\s+(?:also\s+|"
        r"later\s+|on\s+\w+day\s+)*(?:said|says|stated|announced|reported|tweeted)\b)",
    ),
    _v(
        "civil_defence",
        "Syrian Civil Defence (White Helmets)",
        SourceKind.LOCAL,
        r"\bWhite\s+Helmets\b|\b(?:Syrian\s+)?[Cc]ivil[\s-]+[Dd]efen[cs]e\b",
    ),
    _v(
        "medical",
        "Medical and rescue sources",
        SourceKind.NGO,
        r"\b(?:Kurdish|Syrian\s+Arab)\s+Red\s+Crescent\b|\bRed\s+Crescent\b|"
        r"\bSyrian\s+American\s+Medical\s+Society\b|\bSAMS\b|\bDoctors\s+Without\s+Borders\b|"
        r"\bMSF\b|\b(?:an?\s+|the\s+)?medical\s+source\b|"
        r"\bdirector\s+of\s+health\b|\bhealth\s+director\w*\b|"
        r"\b(?:official|source|director|spokes(?:man|woman|person)|worker)\s+(?:at|in|from)"
        r"\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,3}?hospital\b|"
        r"\b(?:(?:a|the)\s+)?(?:local\s+)?hospital\s+(?:director|official|source|"
        r"staff|worker)s?\b|\bmedics\b|\bparamedics\b|\bmedical\s+(?:sources?|officials?|staff|"
        r"workers?)\b|"
        # "the health department director", "the head of the Hasakah health directorate"
        r"\bhealth\s+(?:department|directorate|authority)\s+(?:director|head|chief|official|"
        r"spokes\w+)s?\b|\b(?:director|head|chief)\s+of\s+(?:the\s+)?(?:[A-Z][\w'-]+\s+){0,2}"
        r"health\s+(?:department|directorate)\b|\b(?:an?\s+|the\s+)?(?:doctors?|nurses?)(?=\s+(?:at|in|from|said|says|"
        r"say|told|who))|\b(?:an?\s+)?rescue\s+(?:workers?|teams?|officials?)\b|\brescuers\b",
    ),
    _v(
        "local",
        "Local sources",
        SourceKind.LOCAL,
        # "the local news network Furat Voice" is that outlet, not unnamed local sources
        r"\blocal\s+(?:sources?|media|reports|activists|residents|news(?!\s+(?:network|agency|"
        r"outlet|website|site)\b))\b|"
        r"\b(?:civil|civilian)\s+sources\b|\b(?:[A-Z][\w-]+\s+)?local\s+council\b|"
        # "according to local security forces", "Security forces believe it to be the work
        # of ...": a town's own forces (Syria's are "a security source", gov_source; the
        # Asayish are kurdish_source)
        r"\blocal\s+security\s+forces\b|"
        r"(?<!Syrian\s)(?<!Turkish\s)(?<!Kurdish\s)(?<!Iraqi\s)(?<!Lebanese\s)(?<!Israeli\s)"
        r"(?<!government\s)(?<!regime\s)(?<!internal\s)(?<!the\s)(?<!of\s)"
        r"\bsecurity\s+forces(?=\s+(?:also\s+|later\s+)?(?:believe|believes|suspect|suspects|"
        r"said|say|says|blamed|accused)\b)|"
        r"\b(?:locals|residents|(?:eye)?witnesses|activists)\b|\bSources\s+all\b|"
        # "a resident told Reuters", "an eyewitness said"
        r"\b(?:an?|the|one)\s+(?:local\s+)?(?:resident|(?:eye)?witness)\b|"
        r"\b(?:an?|the)\s+(?:local\s+|opposition\s+|media\s+)?activist(?:\s+(?:group|collective))?\b|"
        r"\bsources\s+on\s+the\s+ground\b|"
        # "sources told Reuters", "opposition sources said": unnamed sources on the spot
        r"\b(?:opposition|informed|security|tribal|field)\s+sources\b|"
        r"\bsources\s+(?:in|on|close\s+to|near)\s+(?:the\s+)?(?:region|area|town|village|city|"
        r"province|ground)\b|"
        # "Reports blamed the regime" (Airwars' wording for local reports); "reports say"
        # alone names no one: the reporter's own account
        r"\b(?:other\s+)?(?:sources|reports)(?=\s+(?:all\s+)?(?:attributed|blamed|suggested|"
        r"indicated|gave|put)\b)|"
        r"\b(?:(?:other\s+)?sources|other\s+reports)(?=\s+(?:all\s+)?(?:told|said|say|reported)\b)",
    ),
    _v(
        "smart",
        "SMART News Agency",
        SourceKind.NEWS_AGENCY,
        r"\bSmart\s+News\s+(?:Agency|Network)\b|\bSMART\b",
    ),
    _v(
        "vdc",
        "Violations Documentation Center",
        SourceKind.MONITOR,
        r"\bViolations?\s+Documentation\s+Cent(?:er|re)(?:\s+\(VDC\))?|\bVDC\b",
    ),
    # Israel's military speaking for itself, and Israeli officials who are not named
    _v(
        "israel_mil",
        "Israeli military",
        SourceKind.OFFICIAL,
        r"\b(?:the\s+|an\s+)?Israeli\s+(?:military|army|Defen[cs]e\s+Forces)(?:\s+spokes(?:man|woman|"
        r"person))?(?=(?:\s*,\s*for\s+its\s+part\s*,)?\s+(?:later\s+|also\s+|had\s+|has\s+|"
        r"previously\s+)*(?:said|says|confirmed|reported|announced|stated|acknowledged|declined|"
        r"mentioned|did\s+not))|\bIDF\b",
    ),
    _v(
        "israel_source",
        "Israeli security source",
        SourceKind.OFFICIAL,
        r"\b(?:an?\s+)?Israeli\s+(?:security|intelligence|defen[cs]e)\s+(?:source|official)s?\b",
    ),
    # Local networks, activist groups and Kurdish bodies that wire copy quotes by name.
    _v(
        "deirezzor24",
        "DeirEzzor24",
        SourceKind.LOCAL,
        r"\b(?:website\s+)?Deir\s*(?:Ezzor|ez-?Zor|ez-?Zour|Ezzour|al-?Zour|ez-?Zoor)\s*24\b",
    ),
    _v(
        "rbss",
        "Raqqa is Being Slaughtered Silently",
        SourceKind.LOCAL,
        r"\bRaqqa\s+is\s+Being\s+Slaughtered\s+Silently(?:\s+(?:campaign|group))?\b|\bRBSS\b",
    ),
    _v(
        "lcc",
        "Local Coordination Committees",
        SourceKind.LOCAL,
        r"\b(?:the\s+)?Local\s+Coordination\s+Committees\b|\bLCCs?\b|"
        r"\b(?-i:the\s+Committees)\b",
    ),
    _v(
        "media_centre",
        "Local media centre",
        SourceKind.LOCAL,
        r"\b(?:[A-Z][\w'’-]+\s+){1,2}Media\s+(?:Cent(?:re|er)|Office)\b",
    ),
    _v(
        "pyd",
        "Democratic Union Party (PYD)",
        SourceKind.ARMED_GROUP,
        r"\b(?:[\w-]+-linked\s+)?Democratic\s+Union\s+Party(?:\s+\(PYD\))?|\bPYD\b(?![/-])",
    ),
    _v(
        "anha",
        "ANHA (Hawar News Agency)",
        SourceKind.NEWS_AGENCY,
        r"\bANHA\b|\bHawar\s+News(?:\s+Agency)?\b",
    ),
    _v("tass", "TASS", SourceKind.NEWS_AGENCY, r"\b(?:ITAR-)?TASS\b"),
    # Syrian and regional outlets quoted by name.
    _v("al_watan", "Al-Watan", SourceKind.NEWS_AGENCY, r"\bAl[- ]Watan(?:\s+newspaper)?\b"),
    _v("sham_fm", "Sham FM", SourceKind.NEWS_AGENCY, r"\bSham\s+FM\b"),
    _v(
        "al_mayadeen",
        "Al-Mayadeen",
        SourceKind.NEWS_AGENCY,
        r"\bAl[- ]Mayadeen\s+(?:TV|television|channel)\b",
    ),
    _v(
        "orient",
        "Orient News",
        SourceKind.NEWS_AGENCY,
        r"\bOrient\s+(?:News|Net|TV|correspondent|reporter)\b",
    ),
    _v("enab_baladi", "Enab Baladi", SourceKind.NEWS_AGENCY, r"\bEnab\s+Baladi\b"),
    _v("step", "Step News Agency", SourceKind.NEWS_AGENCY, r"\bStep\s+News(?:\s+Agency)?\b"),
    _v(
        "north_press",
        "North Press Agency",
        SourceKind.NEWS_AGENCY,
        r"\bNorth\s+Press(?:\s+Agency)?\b",
    ),
    _v("zaman_alwasl", "Zaman al-Wasl", SourceKind.NEWS_AGENCY, r"\bZaman\s+al[- ]Wasl\b"),
    _v(
        "qasioun",
        "Qasioun News Agency",
        SourceKind.NEWS_AGENCY,
        r"\bQasioun(?:\s+news\s+agency)?\b",
    ),
    _v("ria", "RIA Novosti", SourceKind.NEWS_AGENCY, r"\bRIA(?:[\s-]+Novosti)?\b"),
    _v("interfax", "Interfax", SourceKind.NEWS_AGENCY, r"\bInterfax(?:\s+news\s+agency)?\b"),
    _v("sputnik", "Sputnik", SourceKind.NEWS_AGENCY, r"\bSputnik\b"),
    _v(
        "anadolu",
        "Anadolu Agency",
        SourceKind.NEWS_AGENCY,
        r"\bAnadolu(?:\s+(?:news\s+)?[Aa]gency)?\b",
    ),
    _v("afp", "AFP", SourceKind.NEWS_AGENCY, r"\bAFP\b|\bAgence\s+France-Presse\b"),
    _v("reuters", "Reuters", SourceKind.NEWS_AGENCY, r"\bReuters\b"),
    _v("ap", "Associated Press", SourceKind.NEWS_AGENCY, r"\bAssociated\s+Press\b|\bAP\b"),
]
BY_KEY = {v.key: v for v in VOICES}

# Words one of which every mention of the voice contains (lower case): a voice whose
# words are all absent is not looked for at all (the patterns are slow to run).
NEEDLES = {
    "gov_source": (
        "source",
        "official",
        "governor",
        "health",
        "ministry",
        "army",
        "military",
        "armed forces",
        "damascus",
        "syria",
    ),
    "local": ("local", "source", "resident", "witness", "activist", "report", "security forces"),
    "medical": (
        "crescent",
        "sams",
        "msf",
        "doctor",
        "hospital",
        "medic",
        "nurse",
        "rescue",
        "health",
    ),
    "kurdish_source": (
        "kurdish",
        "spokes",
        "asay",
        "sdf",
        "manbij",
        "ypg",
        "council",
        "autonomous",
        "administration",
        "internal security",
        "democratic council",
    ),
    "media_centre": ("media",),
    "sohr": ("observatory", "sohr", "osdh", "based", "rami", "abdel", "abdul"),
    GENERIC_MONITOR: ("monitor", "watchdog"),
    "coalition": ("coalition", "cjtf", "centcom", "central command", "pentagon"),
    "us_military": ("u.s", "us ", "american"),
    "sdf": ("syrian democratic", "kurdish-led", "sdf", "backed syrian"),
    "state_tv": ("television", "tv", "broadcaster", "ikhbariya"),
    "israel_mil": ("israeli", "idf"),
    "turkey_gov": ("ankara", "turkey", "turkish", "erdogan", "avu"),
    "russia_gov": ("russia", "kremlin", "zakharova", "lavrov", "moscow"),
}


# "according to local security forces" in a report that names the Asayish (the Kurdish-led
# Internal Security Forces): those forces are the Asayish, kurdish_source (the coding guide);
# elsewhere they are a town's own forces, local.
LOCAL_FORCES = re.compile(r"(?:local\s+)?security\s+forces$", re.I)
ASAYISH = re.compile(r"\bAsayi?e?sh\b|\bInternal\s+Security\s+Forces\b", re.I)


def local_forces_key(text: str) -> str:
    """The key of "local security forces" in a report whose whole text is ``text``."""
    return "kurdish_source" if ASAYISH.search(text) else "local"


def present_voices(text: str) -> list[Voice]:
    """The voices ``text`` mentions somewhere (each then looked for per sentence)."""
    lower = text.lower()
    return [
        v
        for v in VOICES
        if (v.key not in NEEDLES or any(n in lower for n in NEEDLES[v.key]))
        and v.pattern.search(text)
    ]


REPORTING = (
    r"said|says|say|reported|reports|told|stated|added|confirmed|documented|announced|"
    r"accused|accuses|denied|denies|insisted|claimed|claims|quoted|"
    r"(?:put|puts|putting|place|places|placed|placing)\s+the\s+(?:\w+\s+){0,2}toll|"
    r"gave|gives|warned|believe|believes|explained|announces|confirms|"
    r"acknowledged|admitted|attributed|blamed|tweeted|wrote|rejected|dismissed|named|recorded|"
    r"counted|mentioned|updated|(?:released|issued|published)\s+(?:a\s+)?statement|suspected|suspects|suspect|identified|described|"
    # "the ministry held the YPG responsible"
    r"h(?:eld|olds)\s+[^.;]{1,100}?\bresponsible"
)
AFTER = re.compile(rf"^[^.;“”\"]{{0,90}}?\b(?P<verb>{REPORTING})\b", re.I)
# The verb close after the voice, past a short aside ("SOHR, citing sources, said"),
# a relative clause or apposition ("SOHR, which tracks the conflict from Britain,
# said"), or a first verb it also governs ("state media broadcast images ... and said").
AFTER_TIGHT = re.compile(
    rf"^(?:,?[^,;.“”\"]{{0,45}}?(?:,[^.;“”\"]{{0,70}}?,)?|"
    rf",\s*(?:which|who|an?|the)\s[^.;“”\"]{{0,110}}?,|"
    rf"\s+[a-z]\w+\s[^,;.“”\"]{{0,80}}?\band),?\s*(?:also\s+|"
    rf"later\s+|has\s+|had\s+|have\s+|\w+ly\s+)*(?P<verb>{REPORTING})\b",
    re.I,
)
BEFORE = re.compile(
    # "according to Syria's state news agency"
    r"\b(?:according\s+to|said|says|reported|citing|quoting|"
    r"cited\s+by)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$|"
    # "The blast was blamed on IS by local sources", "a toll reported by the Observatory"
    r"\b(?:reported|documented|announced|confirmed|(?:blamed\s+on|attributed\s+to)\s+[^.;]{0,50}?)"
    # "as reported on Monday by the Observatory"
    r"(?:\s+(?:on\s+)?\w+day)?\s+by\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$|"
    # "According to Turkish news outlet, Haber Turk, ..."
    r"\baccording\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,3}[\w-]+,\s+$|"
    # '..., said Birusk Hasakeh, a spokesman for the YPG': a named person, then the voice
    r"\b(?:said|says|told)\s+(?-i:(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+),\s+$",
    re.I,
)
# "SANA said, citing a military source": the source is SANA's; SANA speaks.
CITING = re.compile(r"\b(?:citing|quoting)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
# "according to SOHR and a spokesman for ...": a voice joined to a speaking one.
JOINED = re.compile(r"^\s*(?:,\s*)?and\s+$", re.I)
RECEIVER = re.compile(
    r"\b(?:told|speaking\s+to|spoke\s+to|talking\s+to|said\s+to|"
    r"quoted\s+by)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)
ANAPHORA = re.compile(
    # "..., according to the organization": the voice named last
    r"\baccording\s+to\s+(?:the\s+)?(?:organi[sz]ation|agency|group|statement|report)\b|"
    # "according to the ministry's statement"
    r"\baccording\s+to\s+the\s+(?:ministry|agency|army|military|group)(?:'s|’s)\s+"
    r"(?:statement|report|figures)\b|"
    # "All of the groups pointed to ...", "both monitors said"
    r"\b(?:all|both)\s+(?:of\s+)?(?:the\s+|these\s+)?(?:two\s+|three\s+)?(?:groups|monitors|"
    r"sources|organi[sz]ations|outlets|reports)\s+(?:also\s+)?(?:said|blamed|accused|pointed|"
    r"attributed|held)\b|"
    # "the source added", "the Fifth Corps source said", "the military source added"
    r"\b(?:the\s+(?:[\w-]+\s+){0,3}?source|the\s+official|(?:he|she|it|they|both)|the\s+agency|"
    r"the\s+broadcaster|the\s+group|the\s+(?:[a-z]+\s+)?ministry|the\s+spokes(?:man|woman)|the\s+army|"
    r"the\s+military|the\s+organi[sz]ation|the\s+(?:centre|center)|"
    r"the\s+statement)\s+(?:also\s+)?(?P<verb>said|says|added|reported|"
    r"noted|stated|blamed|accused)\b"
    r"|,\s*(?:he|she|it|they)\s+(?:said|added)\b",
    re.I,
)
BYLINE = re.compile(r"^\)\s*[-–—]")
ANONYMOUS = re.compile(
    r"\b(?:anonymity|anonymous|unnamed|not\s+authori[sz]ed\s+to\s+speak)\b", re.I
)


@dataclass
class Mention:
    voice: Voice
    start: int
    end: int
    speaker: bool
    verb: str = ""
    # named after "according to": a news outlet so named may only carry another's word
    according: bool = False
    # "an AFP correspondent at the scene": the agency's own reporter, who saw it (a voice,
    # not an agency carrying another's word)
    reporter: bool = False


def find_mentions(text: str, offset: int = 0, *, voices=VOICES) -> list[Mention]:
    """Voice mentions of one sentence, overlapping ones resolved to the longest.
    ``voices``: the voices to look for (those the whole report mentions)."""
    raw = []
    for voice in voices:
        for m in voice.pattern.finditer(text):
            raw.append((m.start(), m.end(), voice))
    raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    mentions, last_end = [], -1
    for start, end, voice in raw:
        if start < last_end:
            continue
        last_end = end
        if BYLINE.match(text[end:]) and text[start - 1 : start] == "(":
            continue  # "BEIRUT (Reuters) - ...": the wire's byline, not a voice
        before = text[max(0, start - 50) : start]
        if RECEIVER.search(before):
            mentions.append(Mention(voice, offset + start, offset + end, False, "via"))
            continue
        after = AFTER_TIGHT.match(text[end:])
        verb = after.group("verb").lower() if after else ""
        said_before = BEFORE.search(before)
        if said_before and SAID_OF.search(said_before.group(0)):
            # "the monitor said eight fighters of the SDF were killed": the SDF is told of
            said_before = None
        speaker = bool(after) or bool(said_before)
        if QUOTED_BEFORE.search(before) and AS_SAYING.match(text[end:]):
            # "SANA quoted a military source as saying": the source's own words; SANA
            # only carries them (as in "the source told SANA")
            speaker, verb, said_before = True, "said", None
            if mentions and mentions[-1].verb == "quoted":
                q = mentions[-1]
                mentions[-1] = Mention(q.voice, q.start, q.end, False, "via")
        if speaker and NOT_SPEAKING.match(text[end:]):
            # "the official said the SDF's statement was disinformation and denied it"
            speaker, after, said_before, verb = False, None, None, ""
        if MODIFIES_NEXT.match(text[end:]):
            # "the SDF-affiliated North Press Agency reported": the SDF names the outlet
            speaker, after, said_before = False, None, None
        if (
            not speaker
            and mentions
            and mentions[-1].speaker
            and JOINED.match(text[mentions[-1].end - offset : start])
        ):
            speaker, verb = True, mentions[-1].verb or "said"
        if not verb and said_before:
            verb = "citing" if CITING.search(before) else "said"
        if speaker and mentions and IN_RELATIVE.match(text[mentions[-1].end - offset : start]):
            # "SOHR, which relies on a network of activists on the ground, said": the
            # activists are part of what is said of SOHR, not a voice speaking.
            speaker, verb = False, ""
        according = bool(not after and said_before and ACCORDING_TO.search(said_before.group(0)))
        reporter = bool(CORRESPONDENT.match(text[end:]))
        mentions.append(
            Mention(voice, offset + start, offset + end, speaker, verb, according, reporter)
        )
    for i in range(len(mentions) - 2, -1, -1):
        # "SANA and the Observatory both reported": the first of two joined voices speaks too
        m, nxt = mentions[i], mentions[i + 1]
        if (
            not m.speaker
            and m.verb != "via"
            and nxt.speaker
            and nxt.verb not in ("via", "citing")
            and JOINED_NEXT.fullmatch(text[m.end - offset : nxt.start - offset])
        ):
            mentions[i] = Mention(
                m.voice, m.start, m.end, True, nxt.verb, nxt.according, m.reporter
            )
    return mentions


SAID_OF = re.compile(
    r"^(?:said|says|reported)\s+(?:[\w'’-]+\s+)*?(?:\d[\d,]*|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|dozens?|[\w-]+ty(?:-\w+)?)\s+(?:[\w'’-]+\s+)*?of\s+",
    re.I,
)
QUOTED_BEFORE = re.compile(r"\bquoted\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
AS_SAYING = re.compile(r"^(?:\s*,[^,;.]{0,60},)?\s+(?:as\s+)?saying\b", re.I)
NOT_SPEAKING = re.compile(
    r"^(?:'s|’s)\s+(?:statement|claims?|reports?|account|allegations?|figures?|toll)\s+"
    r"(?:was|were|is|are)\b",
    re.I,
)
JOINED_NEXT = re.compile(r"\s*,?\s*and\s+(?:the\s+)?", re.I)


MODIFIES_NEXT = re.compile(
    r"^[\s‐-]*(?:affiliated|linked|run|backed|owned|allied)\s+(?!with\b|to\b|by\b)", re.I
)
ACCORDING_TO = re.compile(r"\baccording\s+to\b", re.I)
CORRESPONDENT = re.compile(
    r"^(?:'s|’s)?\s+(?:correspondents?|reporters?|journalists?|photographers?|stringers?)\b", re.I
)


IN_RELATIVE = re.compile(r"^\s*,\s*(?:which|who|whose)\b[^,;.]*$", re.I)


# "Shervan Derwish, the official spokesperson of the Manbij Military Council",
# "SDF spokesman Mustefa Bali": a person speaking for a voice. Later "according to
# Derwish" or "Bali said" is that voice speaking.
_NAME = r"(?<![\w'’-])(?:[A-Z][\w'’-]+\s+){1,3}(?P<last>[A-Z][\w'’-]{2,})"
_TITLE = r"(?:spokes(?:man|woman|person)|head|director|chief|commander|official|officer|member)"
NAME_BEFORE_VOICE = re.compile(
    rf"{_NAME},\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){{0,3}}?{_TITLE}\s+(?:[\w'’-]+\s+){{0,4}}?$"
)
NAME_AFTER_VOICE = re.compile(
    rf"^(?:'s|’s)?\s+{_TITLE}\s+{_NAME}\b|"
    # "chief of the Russian Center for reconciliation of the conflicting sides Alexey Bakin
    # said": the person named right after the body, before the reporting verb
    rf"^(?:\s+[a-z][\w'’-]*){{0,5}}\s+(?:[A-Z][\w'’-]+\s+){{1,2}}(?P<last2>[A-Z][\w'’-]{{2,}})"
    rf"(?=\s+(?:said|says|told|added))"
)
NOT_A_NAME = frozenset("The A An In On At Of And But Syria Syrian".split())


def spokespeople(text: str, mentions: list[Mention]) -> dict[str, Voice]:
    """Surnames of people named as speaking for a voice in the report."""
    names: dict[str, Voice] = {}
    for m in mentions:
        before = NAME_BEFORE_VOICE.search(text[max(0, m.start - 90) : m.start])
        after = NAME_AFTER_VOICE.match(text[m.end : m.end + 60])
        for found in (before, after):
            last = found and (found.group("last") or found.groupdict().get("last2"))
            if last and last not in NOT_A_NAME:
                names.setdefault(last, m.voice)
    return names


def person_mentions(text: str, offset: int, names: dict[str, Voice], taken) -> list[Mention]:
    """Mentions of a voice through its spokesperson's surname ("according to Derwish",
    "Youssef added") in one sentence; ``taken`` are spans already matched."""
    out = []
    for last, voice in names.items():
        for m in re.finditer(rf"\b{re.escape(last)}\b", text):
            start, end = offset + m.start(), offset + m.end()
            if any(s < end and start < e for s, e in taken):
                continue
            before = text[max(0, m.start() - 50) : m.start()]
            after = AFTER_TIGHT.match(text[m.end() :])
            said_before = BEFORE.search(before)
            if after or said_before:
                verb = after.group("verb").lower() if after else "said"
                out.append(Mention(voice, start, end, True, verb))
    return out


# "Al Manar television reported", "According to Turkish news outlet, Haber Turk": an outlet
# the table does not know, named next to what it is. It speaks as a voice of its own,
# keyed by its name ("al_manar", "haber_turk").
OUTLET_NOUN = r"(?:television|TV|channel|news\s+agency|newspaper|daily|website|radio|broadcaster)"
_OUTLET_NAME = r"(?:[A-Z][\w-]*)(?:\s(?:[A-Z][\w-]*|al|el)){0,2}"
NAMED_OUTLET = re.compile(
    rf"\b(?P<a>{_OUTLET_NAME})\s+{OUTLET_NOUN}\b|"
    rf"\b(?:news\s+outlet|news\s+network|newspaper|channel|broadcaster|daily|website|TV|television)"
    rf"\s*,?\s+"
    rf"(?P<b>{_OUTLET_NAME})\b"
)
NOT_OUTLET_NAMES = frozenset(
    """The A An State Syrian Syria Turkish Russian Israeli Iranian Kurdish Arab US Lebanese Iraqi
    Jordanian Egyptian Qatari Saudi Emirati British French German American Chinese Local Official
    Opposition Arabic Pan-Arab Pro-government Pro-regime Its Their His Her""".split()
)


def named_outlets(text: str, known: list[Voice]) -> list[Voice]:
    """Outlets the text names that no voice of the table covers."""
    out: dict[str, Voice] = {}
    for m in NAMED_OUTLET.finditer(text):
        words = (m.group("a") or m.group("b")).split()
        while words and words[0] in NOT_OUTLET_NAMES:
            words = words[1:]  # "Kurdish Rudaw TV": Rudaw
        name = " ".join(words)
        if len(name) < 3 or name.lower() in ("al", "el", "tv"):
            continue
        if any(v.pattern.search(m.group(0)) for v in known):
            continue  # "SANA news agency", "Syrian state TV": the table's own voices
        key = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        if key and key not in BY_KEY:
            out.setdefault(
                key,
                # "Al-Manar TV station of Lebanon's Hezbollah, ..., described": the noun
                # after the name is part of the mention, so the verb is reached past it
                Voice(
                    key,
                    name,
                    SourceKind.NEWS_AGENCY,
                    re.compile(
                        rf"\b{re.escape(name)}\b(?:\s+{OUTLET_NOUN}(?:\s+(?:station|channel))?\b)?"
                    ),
                ),
            )
    return list(out.values())

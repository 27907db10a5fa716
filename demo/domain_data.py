"""Demo data from the agency's own announcements: bridge texts, partner organisations, the
Ruhr's real town twinnings with the partner regions, and a few (invented) settlement offers."""

import datetime

BRIDGES = {
    "united-kingdom": {
        "launched_on": datetime.date(2025, 3, 20),
        "description_en": (
            "The Innovation Bridge to the United Kingdom started with the British Consul "
            "General in Düsseldorf and the Mayor of Greater Manchester. Business Metropole Ruhr "
            "supports UK companies with market-entry webinars and trade-fair visits; Manchester "
            "has its own stand at RuhrSummit, and the Greater Manchester–Germany Innovation "
            "Summit in Manchester brings business, science and local government together in "
            "the spirit of the triple-helix model. The UK was the third-largest investor in "
            "the Ruhr in 2024, after China and the Netherlands."
        ),
        "description_de": (
            "Die Innovation Bridge ins Vereinigte Königreich startete mit dem britischen "
            "Generalkonsul in Düsseldorf und dem Bürgermeister von Greater Manchester. Die "
            "Business Metropole Ruhr unterstützt britische Unternehmen mit Webinaren zum "
            "Markteintritt und Messebesuchen; Manchester hat einen eigenen Stand auf dem "
            "RuhrSummit, und der Greater Manchester–Germany Innovation Summit in Manchester "
            "bringt Wirtschaft, Wissenschaft und Kommunen im Sinne des Triple-Helix-Modells "
            "zusammen. Das Vereinigte Königreich war 2024 nach China und den Niederlanden der "
            "drittgrößte Investor im Ruhrgebiet."
        ),
    },
    "netherlands": {
        "launched_on": datetime.date(2023, 6, 1),
        "description_en": (
            "Our neighbours and the Ruhr's second-largest foreign investor. The bridge to the "
            "Netherlands has been running for three years and links Dutch hydrogen and "
            "e-mobility clusters with the Ruhr's industry and logistics."
        ),
        "description_de": (
            "Unsere Nachbarn und der zweitgrößte ausländische Investor im Ruhrgebiet. Die "
            "Brücke in die Niederlande besteht seit drei Jahren und verbindet niederländische "
            "Wasserstoff- und Elektromobilitätscluster mit Industrie und Logistik des "
            "Ruhrgebiets."
        ),
    },
    "israel": {
        "launched_on": datetime.date(2025, 10, 1),
        "description_en": (
            "Cybersecurity and digital health from Israel's start-up ecosystem, together with "
            "the Ruhr's industry, utilities and hospitals, building on the town twinnings "
            "between Ruhr cities and Israeli cities."
        ),
        "description_de": (
            "Cybersicherheit und digitale Gesundheit aus dem israelischen Start-up-Ökosystem, "
            "zusammen mit Industrie, Versorgern und Kliniken des Ruhrgebiets – aufbauend auf "
            "den Städtepartnerschaften zwischen Städten im Ruhrgebiet und in Israel."
        ),
    },
    "north-america": {
        "launched_on": datetime.date(2026, 2, 1),
        "description_en": (
            "Companies from the United States and Canada that look for partners, customers and "
            "a base in the European Union, with the Ruhr as their landing place."
        ),
        "description_de": (
            "Unternehmen aus den USA und Kanada, die Partner, Kunden und einen Standort in der "
            "Europäischen Union suchen – mit dem Ruhrgebiet als Ausgangspunkt."
        ),
    },
}

# (name, kind, country, website, [(bridge slug, role)])
PARTNER_ORGANISATIONS = [
    (
        "Greater Manchester Combined Authority",
        "government",
        "GB",
        "https://www.greatermanchester-ca.gov.uk",
        [("united-kingdom", "Co-founder of the bridge (Mayor of Greater Manchester)")],
    ),
    (
        "British Consulate-General Düsseldorf",
        "consulate",
        "DE",
        "https://www.gov.uk/world/germany",
        [("united-kingdom", "Co-founder of the bridge (British Consul General)")],
    ),
    (
        "Consulate-General of the Kingdom of the Netherlands in Düsseldorf",
        "consulate",
        "DE",
        "https://www.netherlandsworldwide.nl",
        [("netherlands", "Consular partner")],
    ),
    (
        "Embassy of Israel in Berlin",
        "government",
        "DE",
        "https://embassies.gov.il/berlin",
        [("israel", "Diplomatic partner")],
    ),
    (
        "U.S. Consulate General Düsseldorf",
        "consulate",
        "DE",
        "https://de.usembassy.gov",
        [("north-america", "Consular partner")],
    ),
]

# (Ruhr municipality, partner town, country, since, bridge, kind)
TWINNINGS = [
    ("Essen", "Sunderland", "GB", 1949, "united-kingdom", "town-twinning"),
    ("Dortmund", "Leeds", "GB", 1969, "united-kingdom", "town-twinning"),
    ("Bochum", "Sheffield", "GB", 1950, "united-kingdom", "town-twinning"),
    ("Gelsenkirchen", "Newcastle upon Tyne", "GB", 1948, "united-kingdom", "town-twinning"),
    ("Duisburg", "Portsmouth", "GB", 1950, "united-kingdom", "town-twinning"),
    ("Mülheim an der Ruhr", "Darlington", "GB", 1953, "united-kingdom", "town-twinning"),
    ("Herne", "Wakefield", "GB", 1956, "united-kingdom", "town-twinning"),
    ("Hamm", "Bradford", "GB", 1976, "united-kingdom", "town-twinning"),
    ("Oberhausen", "Middlesbrough", "GB", 1974, "united-kingdom", "town-twinning"),
    ("Bottrop", "Blackpool", "GB", 1980, "united-kingdom", "town-twinning"),
    ("Lünen", "Salford", "GB", 1966, "united-kingdom", "town-twinning"),
    ("Herten", "Doncaster", "GB", 1989, "united-kingdom", "town-twinning"),
    ("Dortmund", "Netanya", "IL", 1981, "israel", "town-twinning"),
    ("Essen", "Tel Aviv-Yafo", "IL", 1991, "israel", "town-twinning"),
    ("Mülheim an der Ruhr", "Kfar Saba", "IL", 1993, "israel", "town-twinning"),
    ("Hagen", "Modi'in", "IL", 1997, "israel", "town-twinning"),
    ("Marl", "Herzliya", "IL", 1981, "israel", "town-twinning"),
    ("Recklinghausen", "Akko", "IL", 1978, "israel", "town-twinning"),
    ("Dortmund", "Buffalo", "US", 1977, "north-america", "town-twinning"),
    ("Duisburg", "Fort Lauderdale", "US", 2011, "north-america", "town-twinning"),
    ("Hamm", "Santa Monica", "US", 1969, "north-america", "town-twinning"),
    ("Hamm", "Chattanooga", "US", 1977, "north-america", "town-twinning"),
    ("Lünen", "Zwolle", "NL", 1963, "netherlands", "town-twinning"),
    ("Unna", "Waalwijk", "NL", 1968, "netherlands", "town-twinning"),
    ("Recklinghausen", "Dordrecht", "NL", None, "netherlands", "town-twinning"),
]

# Invented offers; months from the day the demo is loaded.
SETTLEMENT_OFFERS = [
    {
        "municipality": "Dortmund",
        "kind": "office-space",
        "sectors": ["cybersecurity"],
        "area_m2": 420,
        "available_in_months": 2,
        "title_en": "Furnished offices for foreign tech companies near the university",
        "title_de": "Möblierte Büros für ausländische Tech-Unternehmen nahe der Universität",
        "description_en": "Flexible terms from 12 months, shared meeting rooms, 10 minutes "
        "to the main station.",
        "description_de": "Flexible Laufzeiten ab 12 Monaten, gemeinsame Besprechungsräume, "
        "10 Minuten zum Hauptbahnhof.",
    },
    {
        "municipality": "Gelsenkirchen",
        "kind": "commercial-site",
        "sectors": ["hydrogen"],
        "area_m2": 38000,
        "available_in_months": 9,
        "title_en": "Industrial site with grid and pipeline access for hydrogen production",
        "title_de": "Industriefläche mit Netz- und Leitungsanschluss für Wasserstofferzeugung",
        "description_en": "A former colliery site, remediated, zoned for industry.",
        "description_de": "Ehemalige Zechenfläche, saniert, als Industriegebiet ausgewiesen.",
    },
    {
        "municipality": "Essen",
        "kind": "incubator-place",
        "sectors": ["digital-health"],
        "area_m2": None,
        "available_in_months": 1,
        "title_en": "Incubator places for digital health start-ups next to the university hospital",
        "title_de": "Inkubatorplätze für Digital-Health-Start-ups am Universitätsklinikum",
        "description_en": "Six months rent-free, coaching on reimbursement and market access.",
        "description_de": "Sechs Monate mietfrei, Coaching zu Erstattung und Marktzugang.",
    },
    {
        "municipality": "Duisburg",
        "kind": "commercial-site",
        "sectors": ["e-mobility"],
        "area_m2": 12000,
        "available_in_months": 6,
        "title_en": "Logistics site at the inland port for e-mobility and battery logistics",
        "title_de": "Logistikfläche am Binnenhafen für E-Mobilität und Batterielogistik",
        "description_en": "Trimodal access: road, rail and waterway.",
        "description_de": "Trimodale Anbindung: Straße, Schiene und Wasserstraße.",
    },
    {
        "municipality": "Bochum",
        "kind": "lab",
        "sectors": ["cybersecurity", "digital-health"],
        "area_m2": 260,
        "available_in_months": 4,
        "title_en": "Lab space on a technology campus",
        "title_de": "Laborflächen auf einem Technologiecampus",
        "description_en": "Secured rooms suitable for hardware security testing.",
        "description_de": "Gesicherte Räume, geeignet für Hardware-Sicherheitsprüfungen.",
    },
    {
        "municipality": "Kreis Recklinghausen",
        "kind": "support-programme",
        "sectors": ["hydrogen", "e-mobility"],
        "area_m2": None,
        "available_in_months": 0,
        "title_en": "Settlement support: permits, recruiting and funding advice from one desk",
        "title_de": "Ansiedlungsservice: Genehmigungen, Fachkräfte und Förderberatung aus einer "
        "Hand",
        "description_en": "A named contact who accompanies the company through its first year.",
        "description_de": "Eine feste Ansprechperson begleitet das Unternehmen im ersten Jahr.",
    },
]

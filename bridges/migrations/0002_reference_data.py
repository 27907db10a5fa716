"""Reference data every installation needs, production included.

Sectors with their capability vocabularies, partnership types, the four bridges and the
Ruhr's 11 county-level cities, 4 districts and 42 towns. The slugs are contracts (import
files and staff scripts use them); staff may add more in the admin.
"""

from django.db import migrations
from django.utils.text import slugify

SECTORS = {
    "hydrogen": ("Wasserstoff", "Hydrogen", [
        ("electrolyser-stacks", "Elektrolyse-Stacks", "Electrolyser stacks"),
        ("electrolysis-plants", "Elektrolyseanlagen (Planung und Bau)",
         "Electrolysis plant engineering and construction"),
        ("h2-balance-of-plant", "Anlagenperipherie (Verdichter, Trockner, Leistungselektronik)",
         "Balance of plant (compressors, dryers, power electronics)"),
        ("fuel-cell-systems", "Brennstoffzellensysteme", "Fuel cell systems"),
        ("h2-refuelling-infrastructure", "H2-Tankstelleninfrastruktur",
         "H2 refuelling infrastructure"),
        ("h2-storage", "Wasserstoffspeicherung (Druck, flüssig, LOHC)",
         "Hydrogen storage (pressurised, liquid, LOHC)"),
        ("h2-pipelines-grid-conversion", "Pipelines und Umstellung von Gasnetzen",
         "Pipelines and gas grid conversion"),
        ("h2-transport-logistics", "Wasserstofftransport und -logistik",
         "Hydrogen transport and logistics"),
        ("ammonia-methanol-efuels", "Ammoniak, Methanol und E-Fuels",
         "Ammonia, methanol and e-fuels"),
        ("h2-steel-chemicals", "Wasserstoff in Stahl und Chemie",
         "Hydrogen in steel and chemicals"),
        ("h2-safety-certification", "Sicherheitstechnik und Zertifizierung für Wasserstoff",
         "Hydrogen safety engineering and certification"),
        ("h2-test-benches-materials", "Prüfstände und Werkstoffprüfung",
         "Test benches and materials testing"),
        ("green-h2-offtake", "Abnahme von grünem Wasserstoff", "Green hydrogen offtake"),
        ("renewable-power-supply", "Versorgung mit erneuerbarem Strom (PPA)",
         "Renewable power supply (PPAs)"),
        ("h2-project-development-finance", "Projektentwicklung und -finanzierung",
         "Project development and finance"),
        ("h2-heavy-duty-vehicles", "Wasserstoff-Lkw und -Busse", "Hydrogen trucks and buses"),
    ]),
    "cybersecurity": ("Cybersicherheit", "Cybersecurity", [
        ("penetration-testing", "Penetrationstests", "Penetration testing"),
        ("red-teaming", "Red Teaming und Angriffssimulation", "Red teaming and attack simulation"),
        ("soc-services", "Security Operations Center (SOC)", "Security operations centre (SOC)"),
        ("managed-detection-response", "Managed Detection and Response (MDR)",
         "Managed detection and response (MDR)"),
        ("incident-response-forensics", "Incident Response und Forensik",
         "Incident response and forensics"),
        ("ot-ics-security", "OT- und ICS-Sicherheit für die Industrie",
         "OT and ICS security for industry"),
        ("identity-access-management", "Identitäts- und Zugriffsmanagement",
         "Identity and access management"),
        ("cloud-security", "Cloud-Sicherheit", "Cloud security"),
        ("threat-intelligence", "Threat Intelligence", "Threat intelligence"),
        ("security-awareness-training", "Security-Awareness-Schulungen",
         "Security awareness training"),
        ("iso27001-isms", "ISO 27001 und ISMS-Beratung", "ISO 27001 and ISMS consulting"),
        ("nis2-kritis-compliance", "NIS2- und KRITIS-Compliance",
         "NIS2 and critical-infrastructure compliance"),
        ("post-quantum-cryptography", "Kryptografie und Post-Quanten-Migration",
         "Cryptography and post-quantum migration"),
        ("secure-software-development", "Sichere Softwareentwicklung",
         "Secure software development"),
        ("medical-device-security", "Sicherheit von Medizingeräten", "Medical device security"),
        ("automotive-cybersecurity", "Automotive Cybersecurity (UNECE R155)",
         "Automotive cybersecurity (UNECE R155)"),
    ]),
    "digital-health": ("Digitale Gesundheit", "Digital health", [
        ("telemedicine-platforms", "Telemedizin-Plattformen", "Telemedicine platforms"),
        ("remote-patient-monitoring", "Telemonitoring von Patientinnen und Patienten",
         "Remote patient monitoring"),
        ("digital-therapeutics", "Digitale Gesundheitsanwendungen (DiGA)",
         "Digital therapeutics (DiGA)"),
        ("medical-device-certification", "Zulassung von Medizinprodukten (MDR/IVDR)",
         "Medical device certification (MDR/IVDR)"),
        ("ai-medical-imaging", "KI in der medizinischen Bildgebung", "AI in medical imaging"),
        ("clinical-decision-support", "Klinische Entscheidungsunterstützung",
         "Clinical decision support"),
        ("fhir-interoperability", "Interoperabilität und Integration (FHIR)",
         "Interoperability and integration (FHIR)"),
        ("hospital-information-systems", "Krankenhausinformationssysteme",
         "Hospital information systems"),
        ("clinical-trials-rwe", "Klinische Studien und Real-World-Evidenz",
         "Clinical trials and real-world evidence"),
        ("health-data-analytics", "Gesundheitsdatenanalyse", "Health data analytics"),
        ("care-technology-aal", "Pflegetechnik und altersgerechte Assistenzsysteme",
         "Care technology and ambient assisted living"),
        ("wearables-medical-sensors", "Wearables und medizinische Sensorik",
         "Wearables and medical sensors"),
        ("clinical-pilot-sites", "Klinische Pilotstandorte und Validierung",
         "Clinical pilot sites and validation"),
        ("reimbursement-market-access", "Erstattung und Marktzugang",
         "Reimbursement and market access"),
        ("digital-mental-health", "Digitale psychische Gesundheit", "Digital mental health"),
        ("e-prescription-digital-pharmacy", "E-Rezept und digitale Apotheke",
         "E-prescription and digital pharmacy"),
    ]),
    "e-mobility": ("Elektromobilität", "E-mobility", [
        ("charging-infrastructure", "Ladeinfrastruktur (AC/DC)", "Charging infrastructure (AC/DC)"),
        ("high-power-charging-hubs", "Schnellladeparks (HPC)", "High-power charging hubs"),
        ("charge-point-management-software", "Software für Ladepunktmanagement",
         "Charge point management software"),
        ("smart-charging-v2g", "Intelligentes Laden und Vehicle-to-Grid",
         "Smart charging and vehicle-to-grid"),
        ("battery-cells-modules", "Batteriezellen und -module", "Battery cells and modules"),
        ("battery-management-systems", "Batteriemanagementsysteme",
         "Battery management systems"),
        ("battery-recycling", "Batterierecycling", "Battery recycling"),
        ("second-life-storage", "Second-Life-Batteriespeicher", "Second-life battery storage"),
        ("electric-drivetrains", "Elektrische Antriebe und Leistungselektronik",
         "Electric drivetrains and power electronics"),
        ("fleet-electrification", "Flottenelektrifizierung", "Fleet electrification"),
        ("electric-buses-public-transport", "E-Busse und öffentlicher Nahverkehr",
         "Electric buses and public transport"),
        ("electric-last-mile-logistics", "Elektrische Logistik auf der letzten Meile",
         "Electric last-mile logistics"),
        ("micromobility-sharing", "Mikromobilität und Sharing", "Micromobility and sharing"),
        ("grid-connection-load-planning", "Netzanschluss und Lastmanagement",
         "Grid connection and load management"),
        ("ev-testing-homologation", "Prüfung und Homologation von Fahrzeugen",
         "Vehicle testing and homologation"),
        ("mobility-data-payment", "Mobilitätsdaten und Bezahlplattformen",
         "Mobility data and payment platforms"),
    ]),
}

PARTNERSHIP_TYPES = [
    ("research-development", "Forschung und Entwicklung", "Research and development"),
    ("supplier", "Lieferant", "Supplier"),
    ("customer", "Kunde", "Customer"),
    ("distribution", "Vertrieb", "Distribution"),
    ("investment", "Investition", "Investment"),
    ("joint-venture", "Joint Venture", "Joint venture"),
    ("settlement", "Ansiedlung / EU-Markteintritt", "Settlement / EU market entry"),
]

BRIDGES = [
    ("united-kingdom", "Innovation Bridge Vereinigtes Königreich",
     "Innovation Bridge United Kingdom", "United Kingdom, starting with Greater Manchester", "GB"),
    ("netherlands", "Innovation Bridge Niederlande", "Innovation Bridge Netherlands",
     "Netherlands", "NL"),
    ("israel", "Innovation Bridge Israel", "Innovation Bridge Israel", "Israel", "IL"),
    ("north-america", "Innovation Bridge Nordamerika", "Innovation Bridge North America",
     "United States and Canada", "US,CA"),
]

CITIES = [
    ("Bochum", "05911000", ""),
    ("Bottrop", "05512000", ""),
    ("Dortmund", "05913000", ""),
    ("Duisburg", "05112000", ""),
    ("Essen", "05113000", ""),
    ("Gelsenkirchen", "05513000", ""),
    ("Hagen", "05914000", ""),
    ("Hamm", "05915000", ""),
    ("Herne", "05916000", ""),
    ("Mülheim an der Ruhr", "05117000", "Mülheim\nMülheim a.d. Ruhr\nMülheim/Ruhr\nMülheim (Ruhr)"),
    ("Oberhausen", "05119000", ""),
]

DISTRICTS = {
    ("Ennepe-Ruhr-Kreis", "05954"): [
        "Breckerfeld", "Ennepetal", "Gevelsberg", "Hattingen", "Herdecke", "Schwelm",
        "Sprockhövel", "Wetter (Ruhr)", "Witten",
    ],
    ("Kreis Recklinghausen", "05562"): [
        "Castrop-Rauxel", "Datteln", "Dorsten", "Gladbeck", "Haltern am See", "Herten", "Marl",
        "Oer-Erkenschwick", "Recklinghausen", "Waltrop",
    ],
    ("Kreis Unna", "05978"): [
        "Bergkamen", "Bönen", "Fröndenberg/Ruhr", "Holzwickede", "Kamen", "Lünen", "Schwerte",
        "Selm", "Unna", "Werne",
    ],
    ("Kreis Wesel", "05170"): [
        "Alpen", "Dinslaken", "Hamminkeln", "Hünxe", "Kamp-Lintfort", "Moers",
        "Neukirchen-Vluyn", "Rheinberg", "Schermbeck", "Sonsbeck", "Voerde", "Wesel", "Xanten",
    ],
}

# Short forms people write for towns whose official names carry an addition.
TOWN_SPELLINGS = {
    "Wetter (Ruhr)": "Wetter\nWetter/Ruhr\nWetter an der Ruhr",
    "Haltern am See": "Haltern",
    "Fröndenberg/Ruhr": "Fröndenberg\nFröndenberg (Ruhr)",
    "Voerde": "Voerde (Niederrhein)",
}


def _slug(name: str) -> str:
    return slugify(name.replace("/", " ").replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss"))


def load(apps, schema_editor):
    Sector = apps.get_model("bridges", "Sector")
    Capability = apps.get_model("bridges", "Capability")
    PartnershipType = apps.get_model("bridges", "PartnershipType")
    Bridge = apps.get_model("bridges", "Bridge")
    Municipality = apps.get_model("bridges", "Municipality")

    sectors = {}
    for slug, (name_de, name_en, capabilities) in SECTORS.items():
        sectors[slug] = Sector.objects.create(slug=slug, name_de=name_de, name_en=name_en)
        Capability.objects.bulk_create(
            Capability(sector=sectors[slug], slug=cap_slug, name_de=cap_de, name_en=cap_en)
            for cap_slug, cap_de, cap_en in capabilities
        )
    for position, (slug, name_de, name_en) in enumerate(PARTNERSHIP_TYPES):
        PartnershipType.objects.create(slug=slug, name_de=name_de, name_en=name_en,
                                       position=position)
    for slug, name_de, name_en, region, countries in BRIDGES:
        bridge = Bridge.objects.create(slug=slug, name_de=name_de, name_en=name_en,
                                       partner_region=region, countries=countries.split(","),
                                       status="active")
        bridge.focus_sectors.set(sectors.values())

    for name, key, spellings in CITIES:
        Municipality.objects.create(name=name, slug=_slug(name), kind="city", official_key=key,
                                    other_spellings=spellings)
    for (district_name, key), towns in DISTRICTS.items():
        district = Municipality.objects.create(name=district_name, slug=_slug(district_name),
                                               kind="district", official_key=key)
        for town in towns:
            Municipality.objects.create(name=town, slug=_slug(town), kind="town",
                                        district=district,
                                        other_spellings=TOWN_SPELLINGS.get(town, ""))


def unload(apps, schema_editor):
    for model in ("Municipality", "Bridge", "PartnershipType", "Capability", "Sector"):
        manager = apps.get_model("bridges", model).objects
        if model == "Municipality":
            manager.filter(kind="town").delete()
        manager.all().delete()


class Migration(migrations.Migration):
    dependencies = [("bridges", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]

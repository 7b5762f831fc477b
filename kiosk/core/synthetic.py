"""Realistic fictional participants for load tests and benchmarks (``init --participants N``).

Names are drawn from Senegalese (Wolof, Pulaar, Serer, Diola, Mandinka) and
international pools, accents and Wolof/Pulaar letters included; organisations follow
the categories of the kind of event Kiosk serves. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from kiosk.core import codes
from kiosk.core.text import fold

FIRST_NAMES_F = (
    "Fatou", "Aminata", "Awa", "Ndèye", "Mariama", "Khady", "Aïssatou", "Coumba", "Astou",
    "Rokhaya", "Sokhna", "Adama", "Bineta", "Dieynaba", "Maïmouna", "Oumou", "Seynabou",
    "Yacine", "Marème", "Ramatoulaye", "Fatimata", "Kiné", "Ngoné", "Penda", "Soda", "Codou",
    "Khadidiatou", "Néné", "Fama", "Nafissatou", "Hawa", "Salimata", "Agnès", "Marie-Louise",
    "Thérèse", "Hélène", "Ndèye Fatou", "Anne-Sophie", "Camille", "Giulia", "Elena", "Sarah",
)
FIRST_NAMES_M = (
    "Mamadou", "Moussa", "Ousmane", "Abdoulaye", "Cheikh", "Ibrahima", "Modou", "Babacar",
    "Aliou", "Serigne", "Pape", "Amadou", "Lamine", "Souleymane", "Alioune", "Mouhamed",
    "El Hadji", "Saliou", "Malick", "Omar", "Boubacar", "Issa", "Daouda", "Idrissa", "Youssou",
    "Makhtar", "Assane", "Demba", "Samba", "Thierno", "Mbaye", "Landing", "Jean-Pierre",
    "François", "Étienne", "Ismaïla", "Bécaye", "Birame", "Jérôme", "Lukas", "Matthias", "Marco",
)
LAST_NAMES = (
    "Diop", "Ndiaye", "Fall", "Sow", "Diallo", "Bâ", "Guèye", "Sarr", "Faye", "Mbaye", "Seck",
    "Cissé", "Ndour", "Diouf", "Thiam", "Kane", "Sy", "Touré", "Niang", "Camara", "Badji",
    "Diatta", "Sané", "Mendy", "Coly", "Gomis", "Ndao", "Dièye", "Lô", "Wade", "Sène", "Dione",
    "Mbodj", "Sall", "Dramé", "Konaté", "Traoré", "Tall", "Ly", "Kâ", "Wane", "N'Diaye",
    "Diagne", "Samb", "Tine", "Bassène", "Ŋom", "Ɓalde", "Ŋagne", "Dupont-Moreau", "Müller",
    "Rossi", "García", "Lefèvre", "Keller", "Favre",
)
REGIONS = (
    "Dakar", "Thiès", "Saint-Louis", "Sédhiou", "Diourbel", "Ziguinchor", "Kaolack", "Louga",
    "Matam", "Kolda", "Tambacounda", "Fatick",
)

# category -> (organisations, functions)
ORGANISATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Gouvernement national": (
        (
            "MAESE – Ministère des Affaires étrangères et des Sénégalais de l'extérieur",
            "Direction générale d'appui aux Sénégalais de l'extérieur",
            "Ministère de l'Économie, du Plan et de la Coopération",
            "Ministère de la Jeunesse et de l'Entrepreneuriat",
            "Agence nationale de la statistique et de la démographie",
        ),
        ("Directeur", "Conseiller technique", "Chef de division", "Chargée de programme", "Point focal migration"),
    ),
    "Collectivité territoriale / ARD": (
        (
            "ARD de Saint-Louis", "ARD de Sédhiou", "ARD de Diourbel", "ARD de Thiès",
            "Conseil départemental de Thiès", "Mairie de Thiès-Nord", "Mairie de Sédhiou",
            "Mairie de Podor", "Conseil départemental de Bambey",
        ),
        ("Directeur de l'ARD", "Chargé de planification", "Maire", "Adjointe au maire", "Secrétaire municipal"),
    ),
    "Société civile": (
        (
            "Réseau des femmes pour le développement local", "Forum civil de Diourbel",
            "Collectif des migrants de retour de Saint-Louis", "Association des jeunes de Sédhiou",
            "Plateforme des acteurs non étatiques",
        ),
        ("Présidente", "Coordonnateur", "Chargé de projets", "Animatrice", "Secrétaire général"),
    ),
    "Diaspora": (
        (
            "Fédération des associations de Sénégalais de l'extérieur",
            "Ressortissants de Sédhiou en Italie", "Diaspora Saint-Louis France",
            "Association des Sénégalais d'Espagne",
        ),
        ("Président", "Trésorière", "Membre du bureau", "Porte-parole"),
    ),
    "Secteur privé": (
        (
            "Chambre de commerce, d'industrie et d'agriculture de Thiès", "GIE Agri-Vert Diourbel",
            "Coopérative maraîchère de Podor", "Sénégal Solaire SARL", "Banque régionale de solidarité",
        ),
        ("Directeur général", "Gérante", "Responsable RSE", "Chef d'agence"),
    ),
    "Partenaire technique et financier": (
        ("DDC – Coopération suisse au Sénégal", "Union européenne – Délégation au Sénégal", "Enabel", "GIZ Sénégal"),
        ("Chargée de programme", "Chef de coopération", "Conseiller migration"),
    ),
    "Système des Nations unies": (
        ("OIM Sénégal", "PNUD Sénégal", "ONU Femmes Sénégal", "UNICEF Sénégal"),
        ("Chef de mission", "Représentant résident adjoint", "Chargée de programme M4SD", "Spécialiste suivi-évaluation", "Assistante de programme"),
    ),
    "Bénéficiaire": (
        ("GIE des femmes transformatrices de Sédhiou", "Ferme avicole Keur Yaakaar, Diourbel"),
        ("Porteuse de projet", "Jeune entrepreneur"),
    ),
    "Presse": (
        ("RTS", "Le Soleil", "APS – Agence de presse sénégalaise", "Sud FM", "Walf TV", "Radio Thiès FM"),
        ("Journaliste", "Reporter", "Cameraman", "Photographe"),
    ),
    "Autre": (
        ("Consultant indépendant", "Université Iba Der Thiam de Thiès", "Hôtel BIG FAIM"),
        ("Consultant", "Enseignant-chercheur", "Étudiante"),
    ),
}
CATEGORY_WEIGHTS = {
    "Gouvernement national": 14, "Collectivité territoriale / ARD": 22, "Société civile": 16,
    "Diaspora": 8, "Secteur privé": 9, "Partenaire technique et financier": 5,
    "Système des Nations unies": 12, "Bénéficiaire": 3, "Presse": 7, "Autre": 4,
}
ROLE_BY_CATEGORY = {"Presse": "Presse", "Système des Nations unies": "Organisation"}
MOBILE_PREFIXES = ("70", "76", "77", "78")


def ascii_slug(text: str) -> str:
    """``Ndèye Fatou`` -> ``ndeye-fatou``: for made-up e-mail addresses."""
    plain = "".join(char for char in fold(text) if char.isascii() and (char.isalnum() or char in " -'"))
    return "-".join(plain.replace("'", "").split())


def unique_codes(rng: random.Random, count: int, taken: set[str] | None = None) -> list[str]:
    taken = set(taken or ())
    result: list[str] = []
    while len(result) < count:
        body = "".join(rng.choices(codes.ALPHABET, k=codes.BODY_LENGTH))
        code = body + codes.check_character(body)
        if code not in taken:
            taken.add(code)
            result.append(code)
    return result


def people(count: int, seed: int = 2023, taken_codes: set[str] | None = None) -> Iterator[dict]:
    """``count`` participant rows (plain dicts of Participant fields, without ids)."""
    rng = random.Random(seed)
    categories = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    for code in unique_codes(rng, count, taken_codes):
        sex = "F" if rng.random() < 0.42 else "M"
        first = rng.choice(FIRST_NAMES_F if sex == "F" else FIRST_NAMES_M)
        last = rng.choice(LAST_NAMES)
        category = rng.choices(categories, weights)[0]
        organisations, functions = ORGANISATIONS[category]
        organisation = rng.choice(organisations)
        phone = "+221" + rng.choice(MOBILE_PREFIXES) + "".join(rng.choices("0123456789", k=7))
        email = f"{ascii_slug(first)}.{ascii_slug(last)}{rng.randint(1, 999)}@example.sn"
        yield {
            "code": code,
            "first_name": first,
            "last_name": last,
            "sex": sex,
            "organisation": organisation,
            "category": category,
            "function": rng.choice(functions),
            "region": rng.choice(REGIONS),
            "phone": phone,
            "email": email,
            "badge_role": ROLE_BY_CATEGORY.get(category, "Participant"),
            "registration": "invited",
        }

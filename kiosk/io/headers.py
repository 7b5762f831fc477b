"""Column headers of invitee lists, French and English, and the words found in their cells.

Headers are compared folded and without separators (``compact``), so "Prénom",
"PRENOM", "first_name" and "First name" all match.
"""

from __future__ import annotations

from kiosk.core.text import compact, fold
from kiosk.db.models import BADGE_ROLES, CATEGORIES
from kiosk.i18n import _

# field -> its label in the mapping step
FIELDS = (
    "code", "civility", "first_name", "last_name", "full_name", "sex", "organisation", "category",
    "function", "region", "phone", "email", "badge_role", "notes",
)


def field_labels() -> dict[str, str]:
    return {
        "code": _("Code"),
        "civility": _("Civilité"),
        "first_name": _("Prénom"),
        "last_name": _("Nom"),
        "full_name": _("Nom complet (prénom et nom)"),
        "sex": _("Sexe"),
        "organisation": _("Structure"),
        "category": _("Catégorie"),
        "function": _("Fonction"),
        "region": _("Région"),
        "phone": _("Téléphone"),
        "email": _("E-mail"),
        "badge_role": _("Rôle sur le badge"),
        "notes": _("Notes"),
    }


_SYNONYMS = {
    "code": ("code", "code badge", "code d'invitation", "code invitation", "badge code", "invitation code", "code participant"),
    "civility": ("civilité", "civ", "civ.", "title", "salutation", "titre de civilité"),
    "first_name": ("prénom", "prénoms", "first name", "firstname", "given name", "forename"),
    "last_name": ("nom", "nom de famille", "last name", "lastname", "surname", "family name", "patronyme"),
    "full_name": ("nom complet", "nom et prénom", "nom et prénoms", "prénom et nom", "prénom nom", "nom prénom",
                  "full name", "name", "participant", "invité", "nom du participant", "noms et prénoms"),
    "sex": ("sexe", "genre", "sex", "gender", "h/f", "f/h", "m/f"),
    "organisation": ("structure", "organisation", "organization", "institution", "organisme", "entreprise",
                     "société", "company", "affiliation", "employeur", "structure d'origine", "service"),
    "category": ("catégorie", "category", "type de structure", "type d'acteur", "type d'organisation", "collège", "groupe"),
    "function": ("fonction", "poste", "titre", "function", "position", "job title", "job", "profession", "qualité"),
    "region": ("région", "region", "région d'origine", "localité", "province", "zone"),
    "phone": ("téléphone", "tél", "tel", "tél.", "telephone", "phone", "portable", "mobile", "cellulaire",
              "numéro de téléphone", "n° téléphone", "contact téléphonique", "whatsapp", "phone number", "gsm"),
    "email": ("e-mail", "email", "courriel", "mail", "adresse e-mail", "adresse email", "adresse électronique",
              "e-mail address", "email address"),
    "badge_role": ("rôle", "role", "badge", "type de badge", "rôle badge", "badge role", "badge_role"),
    "notes": ("notes", "note", "remarques", "remarque", "observations", "observation", "commentaire", "commentaires", "comments"),
}
HEADER_FIELDS = {compact(word): name for name, words in _SYNONYMS.items() for word in words}


def field_for_header(header: str) -> str | None:
    return HEADER_FIELDS.get(compact(header))


def map_headers(headers: list[str]) -> dict[int, str]:
    """Column index -> field, for the headers recognised.

    Several columns may feed one field (two "Téléphone" columns, a "Structure" repeated
    after a merged header): the first non-empty cell of a row wins.
    """
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        name = field_for_header(header)
        if name is not None:
            mapping[index] = name
    return mapping


# Fields a list may legitimately give twice ("Téléphone", "Portable"): no warning when they differ.
MULTI_COLUMN_FIELDS = frozenset({"phone", "email"})


def count_known(cells: list[str]) -> int:
    return sum(1 for cell in cells if field_for_header(cell))


# -- cell values -----------------------------------------------------------------------
_CIVILITY_SEX = {
    **dict.fromkeys(("m", "mr", "monsieur", "mister", "sir", "mm", "messieurs"), "M"),
    **dict.fromkeys(("mme", "madame", "mlle", "mademoiselle", "mrs", "ms", "miss", "madam"), "F"),
}
_SEX_VALUES = {
    **dict.fromkeys(("f", "femme", "feminin", "female", "woman", "w"), "F"),
    **dict.fromkeys(("m", "h", "homme", "masculin", "male", "man"), "M"),
    **dict.fromkeys(("", "u", "nc", "inconnu", "non precise", "autre", "other", "x"), "U"),
}


def sex_from_civility(text: str) -> str | None:
    """"M." -> M, "Mme" / "Mlle" -> F; None for "Dr", "Pr", "S.E." and the like."""
    return _CIVILITY_SEX.get(compact(text))


def sex_from_value(text: str) -> str | None:
    return _SEX_VALUES.get(" ".join(fold(text).replace(".", " ").split()))


_CATEGORY_ALIASES = {
    "Gouvernement national": ("gouvernement", "etat", "ministere", "administration centrale", "government"),
    "Collectivité territoriale / ARD": ("collectivite territoriale", "collectivite locale", "collectivites", "ard", "mairie",
                                        "commune", "conseil departemental", "local authority", "local government"),
    "Société civile": ("societe civile", "osc", "ong", "association", "civil society", "ngo", "cso"),
    "Diaspora": ("diaspora", "association de la diaspora"),
    "Secteur privé": ("secteur prive", "prive", "entreprise", "private sector", "business"),
    "Partenaire technique et financier": ("ptf", "partenaire", "bailleur", "donor", "partenaire technique", "cooperation"),
    "Système des Nations unies": ("nations unies", "snu", "onu", "un", "united nations", "agence des nations unies"),
    "Bénéficiaire": ("beneficiaire", "beneficiary"),
    "Presse": ("presse", "media", "medias", "journaliste", "press"),
    "Autre": ("autre", "autres", "other", "divers"),
}
_CATEGORY_BY_KEY = {compact(category): category for category in CATEGORIES}
_CATEGORY_BY_KEY.update({compact(alias): category for category, aliases in _CATEGORY_ALIASES.items() for alias in aliases})

_ROLE_ALIASES = {
    "Participant": ("participant", "participante", "invite", "delegue", "attendee", "guest"),
    "Intervenant": ("intervenant", "intervenante", "speaker", "panéliste", "paneliste", "orateur", "moderateur", "panelist"),
    "Organisation": ("organisation", "organisateur", "staff", "equipe", "comite d'organisation", "organiser"),
    "Presse": ("presse", "journaliste", "media", "press"),
    "Officiel": ("officiel", "vip", "official", "personnalite", "autorite"),
}
_ROLE_BY_KEY = {compact(role): role for role in BADGE_ROLES}
_ROLE_BY_KEY.update({compact(alias): role for role, aliases in _ROLE_ALIASES.items() for alias in aliases})


def category_for(text: str) -> str | None:
    """The Kiosk category a cell means, by folded text ("societe civile", "OSC", "PTF"...)."""
    return _CATEGORY_BY_KEY.get(compact(text))


def badge_role_for(text: str) -> str | None:
    return _ROLE_BY_KEY.get(compact(text))

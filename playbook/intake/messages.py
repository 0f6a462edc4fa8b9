"""Problem messages of the intake, in English and French.

A consultant reads these in the engagement's language. The model's consistency
rules carry coded messages worded by `playbook.text`; pydantic's own messages
are English, the ones a consultant will meet are translated here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import MAX_SHOWN, IntakeError, Problem, shown
from ..text.typography import colon, semicolon
from .schema import Column

MESSAGES: dict[str, dict[str, str]] = {
    # file level
    "not_found": {"en": "file not found", "fr": "fichier introuvable"},
    "is_folder": {
        "en": "this is a folder, not an engagement file: give the .xlsx or .yaml file inside it",
        "fr": "c'est un dossier, pas un fichier d'engagement : indiquer le fichier .xlsx ou .yaml qu'il contient",
    },
    "not_regular_file": {
        "en": "not a regular file (a pipe, a device or a socket): give the engagement file itself",
        "fr": "pas un fichier ordinaire (un tube, un périphérique ou une socket) : indiquer le fichier d'engagement lui-même",
    },
    "unreadable": {
        "en": "the file cannot be read (permission denied)",
        "fr": "le fichier ne peut pas être lu (accès refusé)",
    },
    "unsupported_extension": {
        "en": "unsupported file type {ext!r}: give an Excel workbook (.xlsx) or a YAML file (.yaml)",
        "fr": "type de fichier {ext!r} non pris en charge : fournir un classeur Excel (.xlsx) ou un fichier YAML (.yaml)",
    },
    "old_xls": {
        "en": "old Excel format (.xls): open it in Excel and save it as .xlsx",
        "fr": "ancien format Excel (.xls) : ouvrir le fichier dans Excel et l'enregistrer en .xlsx",
    },
    "empty_file": {"en": "the file is empty", "fr": "le fichier est vide"},
    "pdf": {
        "en": "this file is a PDF, not an Excel workbook",
        "fr": "ce fichier est un PDF, pas un classeur Excel",
    },
    "encrypted": {
        "en": "the workbook is password-protected (encrypted) or in the old .xls format: remove the password (File > Info > Protect Workbook) and save it as .xlsx",
        "fr": "le classeur est protégé par mot de passe (chiffré) ou à l'ancien format .xls : retirer le mot de passe (Fichier > Informations > Protéger le classeur) et l'enregistrer en .xlsx",
    },
    "not_xlsx": {
        "en": "not an Excel workbook (.xlsx): the file content is not readable as one",
        "fr": "pas un classeur Excel (.xlsx) : le contenu du fichier n'est pas lisible comme tel",
    },
    "not_utf8": {
        "en": "not a UTF-8 text file",
        "fr": "pas un fichier texte UTF-8",
    },
    "yaml_syntax": {"en": "not valid YAML: {detail}", "fr": "YAML invalide : {detail}"},
    "yaml_not_mapping": {
        "en": "expected a mapping of keys to values",
        "fr": "un dictionnaire de clés et de valeurs est attendu",
    },
    "too_long": {
        "en": "too long: {length} characters, at most {limit}",
        "fr": "trop long : {length} caractères, au plus {limit}",
    },
    "yaml_duplicate_key": {
        "en": "key {name!r} appears twice in the same mapping (first at line {first}): the second would silently replace the first; merge them",
        "fr": "la clé {name!r} apparaît deux fois dans le même dictionnaire (d'abord ligne {first}) : la seconde remplacerait la première sans le dire ; les fusionner",
    },
    "yaml_tag": {
        "en": "values tagged {tag} are not accepted: write the value itself as plain text",
        "fr": "les valeurs marquées {tag} ne sont pas acceptées : écrire la valeur elle-même en texte simple",
    },
    "yaml_too_many_aliases": {
        "en": "repeated references (YAML aliases) expand to more than {limit} values here: write the values out, or repeat fewer",
        "fr": "les références répétées (alias YAML) donnent ici plus de {limit} valeurs : écrire les valeurs, ou en répéter moins",
    },
    "yaml_recursive": {
        "en": "a YAML alias refers to the value that contains it: write the values out",
        "fr": "un alias YAML renvoie à la valeur qui le contient : écrire les valeurs",
    },
    "yaml_not_list": {
        "en": "expected a list of records",
        "fr": "une liste d'enregistrements est attendue",
    },
    # workbook structure
    "missing_sheet": {"en": "sheet {sheet!r} is missing", "fr": "la feuille {sheet!r} est absente"},
    "missing_optional_sheet": {
        "en": "sheet {sheet!r} is missing: read as empty",
        "fr": "la feuille {sheet!r} est absente : lue comme vide",
    },
    "no_header": {
        "en": "no header row: the column names must be in row 1",
        "fr": "pas de ligne d'en-tête : les noms de colonnes doivent être en ligne 1",
    },
    "missing_column": {
        "en": "column {column!r} is missing",
        "fr": "la colonne {column!r} est absente",
    },
    "missing_optional_column": {
        "en": "column {column!r} is missing: its default ({default}) is used",
        "fr": "la colonne {column!r} est absente : sa valeur par défaut ({default}) est utilisée",
    },
    "unknown_column": {
        "en": "unknown column {column!r}: ignored",
        "fr": "colonne inconnue {column!r} : ignorée",
    },
    "duplicate_column": {
        "en": "column {column!r} appears twice",
        "fr": "la colonne {column!r} apparaît deux fois",
    },
    "missing_key": {"en": "the row {column!r} is missing", "fr": "la ligne {column!r} est absente"},
    "missing_optional_key": {
        "en": "the row {column!r} is missing: its default ({default}) is used",
        "fr": "la ligne {column!r} est absente : sa valeur par défaut ({default}) est utilisée",
    },
    "unknown_key": {
        "en": "unknown field {column!r}: ignored",
        "fr": "champ inconnu {column!r} : ignoré",
    },
    "duplicate_key": {
        "en": "field {column!r} given twice",
        "fr": "le champ {column!r} est saisi deux fois",
    },
    "merged": {
        "en": "merged cells {cells}: unmerge them and repeat the value in each cell",
        "fr": "cellules fusionnées {cells} : les défusionner et répéter la valeur dans chaque cellule",
    },
    "formula_no_value": {
        "en": "formula with no saved result: open the workbook in Excel or LibreOffice and save it",
        "fr": "formule sans résultat enregistré : ouvrir le classeur dans Excel ou LibreOffice et l'enregistrer",
    },
    "excel_error": {
        "en": "the cell shows an Excel error",
        "fr": "la cellule affiche une erreur Excel",
    },
    # values
    "missing": {"en": "required value is missing", "fr": "valeur obligatoire manquante"},
    "invalid_name": {"en": "not a valid name", "fr": "nom invalide"},
    "invalid_text": {"en": "not valid text", "fr": "texte invalide"},
    "invalid_names": {"en": "not a list of names", "fr": "pas une liste de noms"},
    "invalid_int": {"en": "not a whole number", "fr": "pas un nombre entier"},
    "invalid_float": {"en": "not a number", "fr": "pas un nombre"},
    "invalid_bool": {"en": "not a yes/no value", "fr": "pas une valeur oui/non"},
    "invalid_date": {"en": "not a date", "fr": "pas une date"},
    "invalid_enum": {"en": "value not in the list", "fr": "valeur absente de la liste"},
    "out_of_range": {"en": "value out of range", "fr": "valeur hors limites"},
    "too_short": {"en": "at least one name is required", "fr": "au moins un nom est requis"},
    "must_not_be_empty": {"en": "must not be empty", "fr": "ne doit pas être vide"},
    "invalid": {"en": "invalid value: {detail}", "fr": "valeur invalide : {detail}"},
    # cross-record checks of the intake
    "unknown_territory_blackouts": {
        "en": "blackout for territory {name!r}, where no population works: it will never apply",
        "fr": "indisponibilité pour le territoire {name!r}, où ne travaille aucune population : elle ne s'appliquera jamais",
    },
    "unknown_territory_territories": {
        "en": "territory {name!r} is described but no population works there",
        "fr": "le territoire {name!r} est décrit mais aucune population n'y travaille",
    },
    "unknown_territory_key_users": {
        "en": "key user in territory {name!r}, where no population works",
        "fr": "utilisateur clé du territoire {name!r}, où ne travaille aucune population",
    },
    "unknown_lever": {
        "en": "unknown lever code {name!r}: the Change plan's review table lists the codes",
        "fr": "code de levier inconnu {name!r} : le tableau de revue du Plan Change liste les codes",
    },
    "unknown_shift_target": {
        "en": "tasks shifted to {name!r}, which is not mapped as a population: map it (Parent and Mitève, n.d.)",
        "fr": "tâches transférées à {name!r}, qui n'est pas cartographiée comme population : l'ajouter (Parent et Mitève, s. d.)",
    },
    "population_in_no_lot": {
        "en": "population {name!r} uses the CRM but goes live in no lot",
        "fr": "la population {name!r} utilise le CRM mais ne démarre dans aucun lot",
    },
    "population_without_impact": {
        "en": "no impact recorded for population {name!r}",
        "fr": "aucun impact saisi pour la population {name!r}",
    },
    "names_from": {
        "en": "a name from sheet {sheet!r}: {names}",
        "fr": "un nom de la feuille {sheet!r} : {names}",
    },
    "names_from_key": {
        "en": "a name from key {sheet!r}: {names}",
        "fr": "un nom de la clé {sheet!r} : {names}",
    },
}

_WHERE = {
    "sheet": {"en": "sheet {sheet!r}", "fr": "feuille {sheet!r}"},
    "row": {"en": "row {row}", "fr": "ligne {row}"},
    "column": {"en": "column {letter} ({name})", "fr": "colonne {letter} ({name})"},
    "line": {"en": "line {line}", "fr": "ligne {line}"},
}


def text(key: str, lang: str, **values: Any) -> str:
    entry = MESSAGES[key]
    return entry.get(lang, entry["en"]).format(**values)


# -- locations -------------------------------------------------------------


def xlsx_where(
    lang: str, sheet: str, row: int | None = None, letter: str = "", name: str = ""
) -> str:
    """`sheet 'populations', row 7, column D (headcount)`."""
    parts = [_WHERE["sheet"][lang].format(sheet=sheet)]
    if row is not None:
        parts.append(_WHERE["row"][lang].format(row=row))
    if letter:
        parts.append(_WHERE["column"][lang].format(letter=letter, name=name))
    elif name:
        parts[-1] += f" ({name})"
    return ", ".join(parts)


def row_label(lang: str, row: int) -> str:
    return _WHERE["row"][lang].format(row=row)


def yaml_where(lang: str, path: tuple[str | int, ...], line: int | None) -> str:
    """`populations[3].headcount (line 42)`."""
    text_path = ""
    for part in path:
        text_path += f"[{part}]" if isinstance(part, int) else (f".{part}" if text_path else part)
    text_path = text_path or "(top)"
    if line is not None:
        text_path += f" ({_WHERE['line'][lang].format(line=line)})"
    return text_path


# -- what a column expects ----------------------------------------------------

_EXPECTED = {
    "name": {"en": "a name (text)", "fr": "un nom (texte)"},
    "text": {"en": "text", "fr": "du texte"},
    "names": {
        "en": "one or more names separated by ';' or line breaks",
        "fr": "un ou plusieurs noms séparés par « ; » ou des retours à la ligne",
    },
    "int": {"en": "a whole number", "fr": "un nombre entier"},
    "float": {"en": "a number", "fr": "un nombre"},
    "bool": {
        "en": "yes or no (also oui/non, true/false, 1/0, x or empty)",
        "fr": "oui ou non (ou yes/no, vrai/faux, 1/0, x ou vide)",
    },
    "date": {
        "en": "a date such as 2026-03-15 or 15/03/2026",
        "fr": "une date telle que 15/03/2026 ou 2026-03-15",
    },
    "enum": {"en": "one of: {codes}", "fr": "une des valeurs : {codes} (ou son code anglais)"},
    "share": {
        "en": "a number from 0 to 1, or a percentage such as 25%",
        "fr": "un nombre de 0 à 1, ou un pourcentage tel que 25 %",
    },
}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def expected(column: Column, lang: str) -> str:
    """What `column` accepts, as a consultant would say it."""
    if column.kind == "enum":
        from .vocabulary import choices  # the dropdown's own wording (labels in French)

        offered = choices(column.vocabulary_key, column.codes, lang)
        return _EXPECTED["enum"][lang].format(codes=", ".join(offered))
    if column.is_share:
        return _EXPECTED["share"][lang]
    base = _EXPECTED[column.kind][lang]
    if column.kind in ("int", "float"):
        low = column.gt if column.gt is not None else column.ge
        if low is not None and column.le is not None:
            base += (" de {lo} à {hi}" if lang == "fr" else " from {lo} to {hi}").format(
                lo=_number(low), hi=_number(column.le)
            )
        elif column.gt is not None:
            base += f" > {_number(column.gt)}"
        elif column.ge is not None:
            base += f" ≥ {_number(column.ge)}"
        elif column.le is not None:
            base += f" ≤ {_number(column.le)}"
    return base


def format_default(column: Column, lang: str) -> str:
    value = getattr(column.default, "value", column.default)
    if value in (None, "", []):
        return "vide" if lang == "fr" else "empty"
    if isinstance(value, bool):
        return ("oui" if value else "non") if lang == "fr" else ("yes" if value else "no")
    return str(value)


# -- pydantic and consistency messages -----------------------------------------

_VALUE_ERRORS = {
    "must not be empty": {"fr": "ne doit pas être vide"},
    "blackout ends before it starts": {"fr": "la période se termine avant de commencer"},
}


def pydantic_message(error: dict[str, Any], lang: str) -> str:
    kind = error["type"]
    if kind == "missing":
        return text("missing", lang)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return text("out_of_range", lang)
    if kind == "too_short":
        return text("too_short", lang)
    if kind == "too_long":
        return text("too_long", lang, **error["ctx"])
    if kind == "value_error":
        detail = str(error.get("ctx", {}).get("error", error["msg"]))
        return _VALUE_ERRORS.get(detail, {}).get(lang, detail)
    return text("invalid", lang, detail=error["msg"])


# -- the error a consultant reads ------------------------------------------------

_REPORT = {
    "head": {
        "en": "{file}: {count} problem{s} found",
        "fr": "{file} : {count} problème{s} trouvé{s}",
    },
    "found": {"en": "found {value}", "fr": "trouvé {value}"},
    "expected": {"en": "expected {what}", "fr": "attendu : {what}"},
    "warning": {"en": "warning", "fr": "avertissement"},
}


def show_value(value: Any) -> str:
    """A value as a consultant typed it: dates as dates, text quoted."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (str, list, tuple, dict, set, bytes)):
        return shown(value)  # shortened: never a pasted chapter or an expanded alias
    return str(value)[:MAX_SHOWN]


def format_problem(problem: Problem, lang: str) -> str:
    text = f"{problem.where}{colon(lang)}{problem.message}"
    if problem.found not in (None, ""):
        text += f" ({_REPORT['found'][lang].format(value=show_value(problem.found))})"
    if problem.expected:
        text += semicolon(lang) + _REPORT["expected"][lang].format(
            what=problem.expected
        )
    if problem.severity == "warning":
        text = f"{_REPORT['warning'][lang]}{colon(lang)}{text}"
    return text


@dataclass
class LocalizedIntakeError(IntakeError):
    """`IntakeError` told in the engagement's language, errors first, then warnings."""

    lang: str = "en"

    def __str__(self) -> str:
        lang = self.lang if self.lang in ("en", "fr") else "en"
        errors = self.errors
        count = len(errors)
        head = _REPORT["head"][lang].format(
            file=self.path, count=count, s="s" if count != 1 else ""
        )
        ordered = errors + [p for p in self.problems if p.severity != "error"]
        return "\n".join([head, *(f"  - {format_problem(p, lang)}" for p in ordered)])

"""Column widths shared by the Word and PowerPoint writers: computed from the content,
never breaking a word, giving long text the room."""

from __future__ import annotations

import random

from playbook.render import fit, tables
from playbook.render.ir import Table
from playbook.render.tables import EMU_PER_PT, cell_text, column_widths

TEXT_WIDTH = 470 * EMU_PER_PT       # a portrait A4 page between its margins
SIZE, PADDING = 9, 11 * EMU_PER_PT  # the report's table text and both cell margins

REASON = ("Conseillers en agence – Nord : impact global 3/3, un douzaine de champs "
          "obligatoires par appel, évalués sur la durée moyenne de traitement ; barrière "
          "« Peur d'être surveillé » relevée (sévérité 3/3).")
ACTIONS = Table(["Action", "Pilier", "Public", "Quand", "Responsable", "Effort (j)", "Raison"],
                [["Ateliers sur les rituels managériaux", "Être capable", "Managers de proximité",
                  "le 18 mai 2027", "Chef de projet CRM (Julien Ferrand)", 8, REASON],
                 ["Hotline d'assistance", "Être capable", "Utilisateurs du CRM",
                  "le 14 juin 2027", "Équipe support CRM", 5, REASON[:90]],
                 ["Revue d'adoption en comité", "Vouloir", "Comité de pilotage",
                  "6 fois, du 18 octobre 2027 au 15 mai 2028", "Sponsor", 3, REASON * 2]],
                widths=[2, 1, 1, 1, 1, 1, 1])   # a poor guess: the reason gets one seventh


def _widths(table: Table, total: int = TEXT_WIDTH) -> tuple[list[str], list[list[str]], list[int]]:
    header = list(table.columns)
    texts = [[cell_text(v, "fr") for v in row] for row in table.rows]
    return header, texts, column_widths(table, header, texts, total, SIZE, PADDING)


def _height(header: list[str], texts: list[list[str]], widths: list[int]) -> int:
    """The table's height in lines: each row as tall as its tallest cell."""
    usable = [(w - PADDING) / EMU_PER_PT for w in widths]
    return sum(max(fit.count_lines(text or " ", u, SIZE, bold=r == 0)
                   for text, u in zip(row, usable, strict=True))
               for r, row in enumerate([header, *texts]))


def test_widths_fill_the_text_width_exactly():
    assert sum(_widths(ACTIONS)[2]) == TEXT_WIDTH


def test_no_column_is_narrower_than_its_longest_word_header_in_bold():
    header, texts, widths = _widths(ACTIONS)
    for column, width in enumerate(widths):
        words = [(w, True) for w in header[column].split()]
        words += [(w, False) for row in texts for w in row[column].split()]
        needed = max(fit.text_width(w, SIZE, bold) for w, bold in words) * EMU_PER_PT
        assert width - PADDING >= needed, f"{header[column]!r} breaks a word"
    responsable = widths[header.index("Responsable")]
    assert fit.count_lines("Responsable", (responsable - PADDING) / EMU_PER_PT, SIZE, True) == 1


def test_the_long_text_column_takes_the_room_and_short_columns_do_not_wrap():
    header, texts, widths = _widths(ACTIONS)
    assert max(widths) == widths[header.index("Raison")]
    modules = Table(["Module", "Format", "Durée", "Objectifs"],
                    [["Découverte du CRM", "Classe virtuelle", "3,5 h", REASON],
                     ["Partager les données client", "E-learning", "1 h", REASON * 2]])
    header, texts, widths = _widths(modules)
    assert max(widths) == widths[3]
    for column in (1, 2):   # a format, a duration: one line each
        usable = (widths[column] - PADDING) / EMU_PER_PT
        assert all(fit.count_lines(row[column], usable, SIZE) == 1 for row in texts), header[column]


def test_the_rows_are_shorter_than_with_the_given_proportions_or_equal_columns():
    header, texts, widths = _widths(ACTIONS)
    given = [int(TEXT_WIDTH * w / sum(ACTIONS.widths)) for w in ACTIONS.widths]
    equal = [TEXT_WIDTH // len(header)] * len(header)
    assert _height(header, texts, widths) < _height(header, texts, given)
    assert _height(header, texts, widths) < _height(header, texts, equal)


def test_given_proportions_share_what_is_left_once_every_cell_fits():
    heat = Table(["Population", "Outil", "Processus", "Métier", "Global"],
                 [["Conseillers", 3, 2, 1, 3], ["Managers", 1, 2, 3, 2]],
                 widths=[2.6, 1.2, 1.2, 1.2, 1.2])
    _, _, widths = _widths(heat)
    assert max(widths[1:]) - min(widths[1:]) <= 1.5 * EMU_PER_PT   # wider header words aside
    assert widths[0] > widths[1]


def test_a_deck_table_measures_at_its_own_size():
    header, texts = list(ACTIONS.columns), [[cell_text(v, "fr") for v in r] for r in ACTIONS.rows]
    deck = column_widths(ACTIONS, header, texts, 880 * EMU_PER_PT, 14, 10 * EMU_PER_PT)
    needed = fit.text_width("Responsable", 14, bold=True) * EMU_PER_PT
    assert deck[header.index("Responsable")] - 10 * EMU_PER_PT >= needed
    assert sum(deck) == 880 * EMU_PER_PT


def _plain_fill(header: list[str], texts: list[list[str]], floor: list[float], total: int,
                size: float, padding: int) -> list[float]:
    """The width search as its rule says it, weighing every trial of every column again
    at each step: the step goes to the widening that saves the most rows' lines, then
    cells' lines, per step it takes."""
    cells = [[header[c], *(row[c] for row in texts)] for c in range(len(floor))]
    step = (total - sum(floor)) / tables.FILL_STEPS
    steps = [0] * len(floor)

    def lines(c: int, k: int) -> list[int]:
        width = (floor[c] + k * step - padding) / EMU_PER_PT
        return [fit.count_lines(text or " ", width, size, bold=r == 0) for r, text in enumerate(cells[c])]

    left = tables.FILL_STEPS
    while left:
        current = [lines(c, steps[c]) for c in range(len(floor))]
        height = sum(map(max, *current)) if len(current) > 1 else sum(current[0])
        best, best_gain = None, 0.0
        for c, own in enumerate(current):
            others = [max((current[d][r] for d in range(len(floor)) if d != c), default=0)
                      for r in range(len(own))]
            for k in range(1, min(tables.LOOKAHEAD, left) + 1):
                trial = lines(c, steps[c] + k)
                if trial == own:
                    continue
                saved = height - sum(map(max, trial, others))
                gain = (saved * (len(floor) * len(own) + 1) + sum(own) - sum(trial)) / k
                if gain > best_gain:
                    best, best_gain = (c, k), gain
        if best is None:
            break
        steps[best[0]] += best[1]
        left -= best[1]
    widths = [floor[c] + steps[c] * step for c in range(len(floor))]
    if left:  # every cell fits: what is left goes in proportion to the widest cells
        shares = [1 + max(fit.text_width(line, size, bold=r == 0)
                          for r, text in enumerate(column) for line in text.split("\n"))
                  for column in cells]
        widths = tables._proportional(shares, widths, total)
    return widths


def test_the_width_search_hands_out_the_steps_as_weighing_every_trial_again_would():
    """The search keeps each column's best widening until something it depends on moves:
    its choices are those of weighing every trial of every column at every step."""
    rng = random.Random(7)
    words = ["Conseillers", "en", "agence", "impact", "3/3", "un", "douzaine", "de", "champs",
             "obligatoires", "par", "appel", "le 18\u00a0mai\u00a02027", "45\u202f%", "—", "CRM",
             "Anticonstitutionnellement", "référents", "métier"]
    for _ in range(60):
        columns, rows = rng.randint(1, 5), rng.randint(1, 7)
        header = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(columns)]
        texts = [["\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(0, 14)))
                            for _ in range(rng.randint(1, 2))) for _ in range(columns)]
                 for _ in range(rows)]
        size = rng.choice([9, 12, 14])
        floor = [PADDING + max(fit.text_width(w, size, r == 0) * fit.SAFETY * EMU_PER_PT
                               for r, text in enumerate([header[c], *(row[c] for row in texts)])
                               for w in text.split() or [""]) for c in range(columns)]
        total = int(sum(floor) * rng.uniform(1.05, 4))
        table = Table(header, texts)
        assert tables._fill(table, header, texts, floor, total, size, PADDING) == \
            _plain_fill(header, texts, floor, total, size, PADDING), (header, texts, size, total)

"""A specimen document and deck that exercise every block, slide and chart kind.

A firm that replaces the house templates renders the specimen
(`playbook render-specimen OUT/`) and looks at it before any client sees a
deliverable; the test suite renders it to prove the writers handle long names,
accents, long tables and every chart. The client and its figures are fictional.
"""

from __future__ import annotations

import datetime as dt

from .ir import (
    BulletItem,
    Bullets,
    BulletSlide,
    Cell,
    Chart,
    ChartKind,
    ChartSlide,
    ClosingSlide,
    CoverSlide,
    Deck,
    Document,
    Figure,
    Heading,
    KeyMessages,
    KeyMessagesSlide,
    Lang,
    PageBreak,
    Paragraph,
    Point,
    Quadrants,
    SectionSlide,
    Series,
    Table,
    TableSlide,
    Task,
    TwoContentSlide,
)

CLIENT = "Groupe Véloria — Distribution & Services aux Professionnels"
DATE = dt.date(2027, 3, 15)

_REGIONS = ["Île-de-France", "Auvergne-Rhône-Alpes", "Hauts-de-France", "Occitanie",
            "Nouvelle-Aquitaine", "Grand Est"]
_JOBS = [
    ("Commerciaux terrain grands comptes", "Saisie quotidienne des comptes rendus de visite "
     "après chaque rendez-vous ; pipeline partagé avec le marketing"),
    ("Assistantes commerciales sédentaires", "Reprise des tâches administratives autrefois "
     "faites par les commerciaux : création des comptes, relances de devis"),
    ("Téléconseillers du centre de relation client", "Nouvel outil de gestion des demandes ; "
     "champs obligatoires à chaque appel"),
    ("Managers commerciaux régionaux", "Pilotage de l'activité en temps réel ; rituels "
     "d'équipe appuyés sur les tableaux de bord du CRM"),
    ("Chefs de produit marketing", "Segmentation et campagnes depuis le CRM ; partage des "
     "leads avec les forces de vente"),
]
HEADCOUNTS = [118, 64, 142, 23, 17]


def _population_rows() -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for index in range(30):
        job, change = _JOBS[index % len(_JOBS)]
        region = _REGIONS[index % len(_REGIONS)]
        headcount = HEADCOUNTS[index % len(HEADCOUNTS)] + 3 * index
        buy_in = ["Enthousiaste", "Neutre", "Réticent"][index % 3]
        rows.append([f"{job} — {region}", headcount, change, buy_in,
                     f"{40 + (index * 7) % 55} %"])
    # one deliberately very long cell, as consultants sometimes paste a whole interview
    rows[4][2] = (
        "Lors des entretiens, les téléconseillers ont exprimé une forte inquiétude : évalués sur "
        "la durée moyenne de traitement, ils craignent que les nombreux champs obligatoires du "
        "nouvel outil allongent chaque appel, et certains envisagent déjà de cocher des cases "
        "au hasard pour tenir leurs objectifs, ce qui dégraderait la qualité des données "
        "clients et alimenterait le rejet de l'outil par les équipes du back-office qui "
        "exploitent ces informations au quotidien pour traiter les réclamations.")
    return rows


def population_table() -> Table:
    return Table(
        columns=["Population", "Effectif", "Nature du changement", "Adhésion", "Adoption cible"],
        rows=_population_rows(),
        caption="Populations impactées, par région (fictif)",
        widths=[3.2, 1.1, 5.2, 1.5, 1.4],
    )


def impact_heatmap() -> Chart:
    dimensions = ["Métier", "Outil", "Culture", "Organisation", "Processus", "Compétences"]
    rows: list[tuple[str, list[float | None]]] = [
        ("Commerciaux terrain", [3, 2, 3, 1, 2, 2]),
        ("Assistantes commerciales sédentaires", [3, 3, 2, 2, 3, 2]),
        ("Téléconseillers", [1, 3, 1, 0, 2, 2]),
        ("Managers régionaux", [2, 2, 3, 1, 1, 1]),
        ("Marketing", [2, 2, 2, 1, 2, 1]),
        ("Direction générale", [1, 1, 2, 0, 0, 0]),
    ]
    return Chart("heatmap", categories=dimensions,
                 series=[Series(name, values) for name, values in rows], value_range=(0, 3))


def buy_in_map(kind: ChartKind = "bubble") -> Chart:
    points = [
        Point("Commerciaux terrain", 2.6, 1.4, 340, "Ventes"),
        Point("Assistantes sédentaires", 2.7, 0.9, 180, "Back-office"),
        Point("Téléconseillers", 2.1, 1.8, 260, "Relation client"),
        Point("Managers régionaux", 1.7, 2.6, 45, "Ventes"),
        Point("Marketing", 1.6, 2.8, 38, "Marketing"),
        Point("Direction générale", 0.7, 2.9, 12, "Direction"),
        Point("Administrateurs CRM", 1.2, 2.4, 6, "Direction"),
    ]
    return Chart(kind, points=points, x_title="Intensité de l'impact (0–3)",
                 y_title="Adhésion (0–3)", x_range=(0, 3.2), y_range=(0, 3.2),
                 quadrants=Quadrants("À impliquer", "Relais à mobiliser", "À surveiller",
                                     "Risque de rejet : priorité", 1.5, 1.5))


def adoption_line() -> Chart:
    weeks = ["S+2", "S+4", "S+6", "S+8", "S+10", "S+12"]
    return Chart("line", categories=weeks, value_format="0%", y_range=(0, 1),
                 series=[Series("Commerciaux", [0.35, 0.48, 0.61, 0.70, 0.76, 0.82]),
                         Series("Téléconseillers", [0.55, 0.71, 0.80, 0.86, 0.90, 0.93]),
                         Series("Cible", [0.8] * 6)], y_title="Utilisateurs actifs")


def brakes_bar(kind: ChartKind = "stacked_barh") -> Chart:
    return Chart(kind, categories=["Décloisonnement des données", "Sentiment d'être « fliqué »",
                                   "Perte d'efficacité", "Territoire réticent",
                                   "Charge administrative transférée"],
                 series=[Series("Fort", [4, 3, 2, 1, 2]), Series("Moyen", [1, 2, 2, 1, 1]),
                         Series("Faible", [0, 0, 1, 3, 2])],
                 x_title="", y_title="", show_values=True)


def levers_bar() -> Chart:
    return Chart("bar", categories=["Comprendre", "Vouloir", "Pouvoir"],
                 series=[Series("Actions prévues", [9, 7, 12]),
                         Series("Actions réalisées", [6, 3, 5])], show_values=True,
                 y_title="Nombre d'actions")


def training_doughnut(kind: ChartKind = "doughnut") -> Chart:
    return Chart(kind, categories=["Présentiel", "Classe virtuelle", "E-learning",
                                   "Formation de formateurs", "Accompagnement au poste"],
                 series=[Series("Jours-formateur", [42, 18, 6, 8, 26])])


def plan_gantt() -> Chart:
    d = dt.date
    tasks = [
        Task("Cadrage et note de cadrage", d(2027, 1, 4), d(2027, 1, 29), "Cadrage"),
        Task("Ateliers vision cible", d(2027, 1, 18), d(2027, 2, 19), "Cadrage"),
        Task("Diagnostic d'impacts par population", d(2027, 2, 8), d(2027, 3, 19), "Diagnostic"),
        Task("COPIL de validation du diagnostic", d(2027, 3, 22), d(2027, 3, 22), "Diagnostic",
             milestone=True),
        Task("Communication : campagne « Pourquoi le CRM »", d(2027, 3, 22), d(2027, 6, 25),
             "Plan Change"),
        Task("Ateliers managers de proximité", d(2027, 4, 5), d(2027, 5, 28), "Plan Change"),
        Task("Formation de formateurs (utilisateurs clés)", d(2027, 4, 19), d(2027, 4, 30),
             "Formation"),
        Task("Vague 1 de formation — lot 1", d(2027, 5, 3), d(2027, 5, 28), "Formation"),
        Task("Mise en service du lot 1", d(2027, 6, 1), d(2027, 6, 1), "Plan Change",
             milestone=True),
    ]
    return Chart("gantt", tasks=tasks)


def deployment_gantt() -> Chart:
    """A plan over eighteen months: month labels must thin out, not collide."""
    d = dt.date
    waves = [("Lot 1 — Ventes", d(2027, 1, 4)), ("Lot 2 — Relation client", d(2027, 7, 5)),
             ("Lot 3 — Marketing", d(2028, 1, 10))]
    tasks = []
    for lot, start in waves:
        tasks += [
            Task(f"Ateliers processus — {lot}", start, start + dt.timedelta(days=60), lot),
            Task(f"Recette avec les utilisateurs clés — {lot}", start + dt.timedelta(days=75),
                 start + dt.timedelta(days=110), lot),
            Task(f"Formation et mise en service — {lot}", start + dt.timedelta(days=120),
                 start + dt.timedelta(days=160), lot),
            Task(f"Go/no-go — {lot}", start + dt.timedelta(days=118),
                 start + dt.timedelta(days=118), lot, milestone=True),
        ]
    return Chart("gantt", tasks=tasks)


def ambassadors_table() -> Table:
    return Table(["Région", "Ambassadeurs", "Utilisateurs"],
                 [[region, 2 + index % 3, 40 + 13 * index] for index, region in enumerate(_REGIONS)])


def specimen_document(lang: Lang = "fr") -> Document:
    """A Word specimen: every block kind, realistic French text, a 30-row table."""
    return Document(
        title="Diagnostic d'impacts du projet CRM",
        subtitle="Populations, nature des changements, adhésion et freins",
        client=CLIENT, date=DATE, lang=lang,
        confidentiality="Confidentiel — diffusion restreinte au COPIL",
        blocks=[
            Heading("Synthèse"),
            KeyMessages([
                "Le projet CRM est un projet **d'entreprise**, pas un projet technique : "
                "50 % de la réussite tient aux personnes.",
                "Les assistantes commerciales sédentaires héritent de tâches administratives : "
                "population oubliée, risque de rejet élevé.",
                "Le décloisonnement des données entre régions est le frein principal.",
            ], title="Messages clés"),
            Paragraph("Ce diagnostic couvre **toutes** les populations impactées : nombreuses "
                      "ou restreintes, utilisatrices ou non du CRM, à tous les niveaux "
                      "hiérarchiques et dans chaque territoire. Objectif : préparer un plan "
                      "d'accompagnement différencié ; calendrier : avant la recette du lot 1!"),
            Paragraph("« Si le CRM sert à compter mes rendez-vous, je bloquerai le vendredi "
                      "après-midi pour mettre mes indicateurs au vert. »", "quote"),
            Heading("Méthode", 2),
            Bullets(["Entretiens individuels avec 24 personnes de 6 populations",
                     BulletItem("dont 8 managers de proximité", 1),
                     "Ateliers participatifs par région",
                     "Analyse des parcours utilisateurs actuels et cibles"]),
            Bullets(["Cartographier les populations", "Qualifier la nature des changements",
                     "Mesurer l'adhésion", "Identifier les freins"], numbered=True),
            Heading("Cartographie des populations"),
            population_table(),
            Heading("Intensité des changements", 2),
            Figure(impact_heatmap(), "Intensité des changements par population (0 à 3)"),
            Figure(buy_in_map(), "Carte impact × adhésion (taille : effectif)"),
            PageBreak(),
            Heading("Freins et leviers"),
            Figure(brakes_bar(), "Freins détectés par intensité"),
            Figure(levers_bar(), "Actions par levier Comprendre / Vouloir / Pouvoir"),
            Figure(adoption_line(), "Trajectoire d'adoption visée après la mise en service"),
            Figure(training_doughnut(), "Répartition des jours-formateur par format"),
            Heading("Calendrier", 2),
            Figure(plan_gantt(), "Feuille de route de l'accompagnement"),
            Paragraph("Source : entretiens et ateliers, janvier–mars 2027.", "caption"),
            Figure(deployment_gantt(), "Déploiement en trois lots sur dix-huit mois"),
        ],
    )


def specimen_deck(lang: Lang = "fr") -> Deck:
    """A deck specimen: every slide and chart kind, long titles and a 30-row table."""
    return Deck(
        title="Plan d'accompagnement des changements",
        subtitle="Comité de pilotage n° 3 — diagnostic et premières actions",
        client=CLIENT, date=DATE, lang=lang,
        confidentiality="Confidentiel",
        slides=[
            CoverSlide(notes="Rappeler l'objectif du COPIL : valider le diagnostic."),
            KeyMessagesSlide("Ce qu'il faut retenir", [
                "Le CRM est un projet d'entreprise : 25 % technologie, 25 % processus, "
                "50 % humain.",
                "Six populations impactées, dont deux oubliées par la première cartographie.",
                "Le décloisonnement des données est le frein principal, devant le sentiment "
                "d'être « fliqué » et la perte d'efficacité perçue au centre de relation client.",
                "Le plan active les trois leviers Comprendre, Vouloir, Pouvoir pour chaque "
                "population.",
                "Décision attendue : valider le plan et nommer les ambassadeurs régionaux.",
            ], notes="Cinq messages : le cinquième passe sur une seconde diapositive."),
            SectionSlide("Diagnostic d'impacts", "Populations, nature des changements, adhésion"),
            BulletSlide(
                "Les assistantes commerciales sédentaires héritent de tâches administratives "
                "autrefois assurées par les commerciaux terrain",
                ["Création des comptes et des contacts dans le CRM",
                 BulletItem("jusqu'à 40 créations par jour en période de salon", 1),
                 "Relances de devis et suivi des commandes",
                 "Perception d'un travail supplémentaire et ingrat : **risque de rejet**",
                 "Aucune représentante dans l'équipe projet à ce jour",
                 "Proposition : deux utilisatrices clés associées dès la conception et la recette",
                 "Atelier « Vis ma vie » entre commerciaux et assistantes",
                 "Valorisation du rôle dans la communication interne",
                 "Indicateurs de charge suivis en COPIL après la mise en service",
                 "Formation dédiée avant la vague 1, sur les nouveaux processus et non sur "
                 "l'outil seul",
                 "Réponses aux objections préparées avec les managers de proximité"],
                notes="Population absente de la cartographie initiale (vue « CRM » seulement)."),
            TwoContentSlide(
                "Comprendre, Vouloir, Pouvoir : des leviers différenciés",
                ["Réunions d'information par région", "Témoignages vidéo d'utilisateurs",
                 "FAQ et réponses aux objections"],
                Table(["Levier", "Actions", "Échéance"],
                      [["Comprendre", 4, "avril 2027"], ["Vouloir", 3, "mai 2027"],
                       ["Pouvoir", 6, "juin 2027"]]),
                left_title="Communication", right_title="Actions par levier",
                notes="Les leviers suivent ADKAR : Awareness, Desire, Knowledge + Ability."),
            TwoContentSlide(
                "Un réseau d'ambassadeurs dans chaque région",
                ambassadors_table(),
                ["Deux à quatre ambassadeurs par région, volontaires et reconnus",
                 "Formés en premier, ils relaient les messages et remontent les irritants",
                 BulletItem("une demi-journée par mois, validée par leur manager", 1)],
                left_title="Ambassadeurs par région", right_title="Leur rôle"),
            TableSlide("Cartographie des populations impactées", population_table(),
                       notes="Trente lignes : le tableau se poursuit sur plusieurs diapositives."),
            ChartSlide("Intensité des changements par population", impact_heatmap(),
                       caption="Échelle de 0 (aucun changement) à 3 (changement profond)"),
            ChartSlide("Carte impact × adhésion : les téléconseillers et les assistantes "
                       "sont les priorités", buy_in_map("bubble"),
                       caption="Taille des bulles : effectif de la population",
                       notes="Les populations en bas à droite cumulent impact fort et adhésion "
                             "faible."),
            ChartSlide("Carte impact × adhésion (nuage de points)", buy_in_map("scatter")),
            ChartSlide("Freins détectés par intensité", brakes_bar()),
            ChartSlide("Actions par levier", levers_bar()),
            ChartSlide("Trajectoire d'adoption visée", adoption_line(),
                       caption="Utilisateurs actifs ÷ licences, par population"),
            ChartSlide("Jours-formateur par format", training_doughnut()),
            ChartSlide("Feuille de route de l'accompagnement", plan_gantt()),
            ChartSlide("Déploiement en trois lots", deployment_gantt()),
            ClosingSlide("Prochaines étapes", [
                "Valider le diagnostic et le plan en COPIL",
                "Nommer les ambassadeurs régionaux",
                "Lancer la formation de formateurs le 19 avril 2027",
            ]),
        ],
    )

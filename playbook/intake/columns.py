"""What each sheet and column of the intake is for, in English and French.

Types, required flags, bounds and allowed codes come from the pydantic model
(see `schema.py`); only the human explanation lives here. Every column of the
schema must have an entry: `schema.py` refuses to build otherwise, so a new model
field cannot reach the workbook undocumented.
"""

from __future__ import annotations

# sheet -> (purpose in English, purpose in French)
SHEET_HELP: dict[str, tuple[str, str]] = {
    "engagement": (
        "The engagement's identity card: client, context, business case, sponsor, "
        "project manager and steering cadence (one value per row).",
        "Carte d'identité de la mission : client, contexte, enjeux, sponsor, chef de "
        "projet et rythme de pilotage (une valeur par ligne).",
    ),
    "objectives": (
        "The objectives chain: business objective, CRM objective, KPI, target, means.",
        "Chaîne des objectifs : objectif métier, objectif CRM, indicateur, cible, moyens.",
    ),
    "success_criteria": (
        "Self-assessment of the six success criteria (one row per criterion).",
        "Auto-évaluation des six critères de succès (une ligne par critère).",
    ),
    "lots": (
        "Deployment lots: functional blocks, populations going live and milestones.",
        "Lots de déploiement : blocs fonctionnels, populations concernées et jalons.",
    ),
    "use_cases": (
        "CRM use cases, each tied to a population and a lot, prioritised (MoSCoW).",
        "Cas d'usage du CRM, rattachés à une population et à un lot, priorisés (MoSCoW).",
    ),
    "territories": (
        "The territories of the roll-out (regions, countries, networks): local "
        "management, local sponsor, calendar, specifics. Populations name them.",
        "Les territoires du déploiement (régions, pays, réseaux) : management local, "
        "sponsor local, calendrier, spécificités. Les populations y font référence.",
    ),
    "populations": (
        "Every impacted population: users and non-users, every level, every territory.",
        "Toutes les populations impactées : utilisateurs et non-utilisateurs, tous "
        "niveaux hiérarchiques, tous territoires.",
    ),
    "relations": (
        "How populations stand to each other: who competes with whom for the same "
        "customers or leads, who audits or watches whom, who receives tasks from whom.",
        "Comment les populations se situent les unes par rapport aux autres : qui est en "
        "concurrence avec qui sur les mêmes clients ou pistes, qui audite ou surveille qui, "
        "qui reçoit des tâches de qui.",
    ),
    "impacts": (
        "Intensity (0-3) of each change for each population on each dimension.",
        "Intensité (0-3) de chaque changement pour chaque population et dimension.",
    ),
    "resistances": (
        "Resistances observed in interviews, each tied to a typical brake.",
        "Résistances observées en entretien, chacune rattachée à un frein type.",
    ),
    "personas": (
        "Personas of the CRM users: fears, difficulties, successes, view of the tool.",
        "Personas des utilisateurs du CRM : craintes, difficultés, réussites, regard sur l'outil.",
    ),
    "journeys": (
        "User journeys, current and target, one row per population and stage.",
        "Parcours utilisateurs actuels et cibles, une ligne par population et étape.",
    ),
    "kpis": (
        "Steering KPIs: adoption, usage, data quality, satisfaction, training, support.",
        "Indicateurs de pilotage : adoption, usage, qualité des données, satisfaction, "
        "formation, support.",
    ),
    "team": (
        "The cross-functional project team (équipe transdisciplinaire).",
        "L'équipe projet transdisciplinaire.",
    ),
    "key_users": (
        "Key users, champions and super-users: trained first, then relays.",
        "Utilisateurs clés, champions et super-utilisateurs : formés en premier, puis relais.",
    ),
    "administrators": (
        "Future CRM administrators, named early.",
        "Futurs administrateurs du CRM, désignés tôt.",
    ),
    "workshops": (
        "The four key workshops, with dates, participants and status.",
        "Les quatre ateliers clés, avec dates, participants et statut.",
    ),
    "training": (
        "The client's training constraints (one value per row).",
        "Contraintes de formation du client (une valeur par ligne).",
    ),
    "blackouts": (
        "Periods when nobody can be taken away from work for training.",
        "Périodes où personne ne peut être mobilisé en formation.",
    ),
    "action_status": (
        "Change-plan actions done or cancelled. `playbook plan export` (or `intake-template "
        "--from`) lists every planned action with its id, wording, owner and date: pick its "
        "status. A row typed by hand names its action by id, or by lever, population and date "
        "(per occurrence of a recurring one). An action dated before the as-of date with no "
        "status is late.",
        "Actions du Plan Change réalisées ou annulées. `playbook plan export` (ou "
        "`intake-template --from`) liste chaque action prévue avec son identifiant, son "
        "libellé, son responsable et sa date : choisir son statut. Une ligne saisie à la main "
        "désigne son action par l'identifiant, ou par levier, population et date (par "
        "occurrence d'une action récurrente). Une action datée avant la date de situation "
        "sans statut est en retard.",
    ),
    "kpi_readings": (
        "Step 5, after go-live: measured KPI values, one row per KPI, population or "
        "territory and date (what `playbook measure import --kind usage` appends).",
        "Étape 5, après la mise en production : valeurs mesurées des indicateurs, une ligne "
        "par indicateur, population ou territoire et date (ce qu'ajoute "
        "`playbook measure import --kind usage`).",
    ),
    "attendance": (
        "Step 5: training attendance, people planned and present per module and population.",
        "Étape 5 : présence en formation, personnes prévues et présentes par module et population.",
    ),
    "pulse_results": (
        "Step 5: pulse surveys per population, mean scores out of 5 on Understand / Want / "
        "Be able (what `playbook measure import --kind survey` appends).",
        "Étape 5 : enquêtes flash par population, notes moyennes sur 5 pour Comprendre / "
        "Vouloir / Pouvoir (ce qu'ajoute `playbook measure import --kind survey`).",
    ),
}

# sheet -> column -> (English, French)
COLUMN_HELP: dict[str, dict[str, tuple[str, str]]] = {
    "engagement": {
        "client": ("Client company name.", "Nom de l'entreprise cliente."),
        "sector": ("Business sector of the client.", "Secteur d'activité du client."),
        "language": ("Language of the deliverables.", "Langue des livrables."),
        "consultants": ("Consultants on the engagement.", "Consultants de la mission."),
        "kickoff": ("Date of the kickoff meeting.", "Date de la réunion de lancement."),
        "as_of": (
            "The date the deliverables describe the engagement at (empty: the day they are "
            "generated). Work dated before it shows as done, late or cancelled; open work is "
            "planned from it.",
            "Date de situation des livrables (vide : le jour où ils sont produits). Ce qui est "
            "daté avant apparaît réalisé, en retard ou annulé ; le reste est planifié à partir "
            "d'elle.",
        ),
        "country": (
            "ISO code of the country whose public holidays the plan avoids (FR, GB, DE...), or "
            "of its main region where holidays differ by region (GB-ENG, GB-SCT, FR-57, DE-BY, "
            "ES-CT): whole-country populations follow that region's calendar.",
            "Code ISO du pays dont le plan évite les jours fériés (FR, GB, DE...), ou de sa "
            "région principale quand les fériés varient selon les régions (GB-ENG, GB-SCT, "
            "FR-57, DE-BY, ES-CT) : les populations nationales suivent son calendrier.",
        ),
        "strategy": (
            "Why the CRM: the strategic intent.",
            "Pourquoi un CRM : l'intention stratégique.",
        ),
        "business_case": (
            "Expected gains and the case for investing.",
            "Gains attendus et justification de l'investissement.",
        ),
        "current_situation": (
            "Tools, practices and pain points today.",
            "Outils, pratiques et irritants actuels.",
        ),
        "data_ambition": (
            "The data-sharing ambition (360° customer view, or less).",
            "Ambition de partage des données (vision client à 360°, ou moins).",
        ),
        "change_budget": (
            "Change-management and training budget of the business case (in the "
            "currency); the method compares the plan's cost with it.",
            "Budget conduite du changement et formation du dossier d'investissement "
            "(dans la devise) ; la méthode y compare le coût du plan.",
        ),
        "external_days": (
            "Days of external consultants and integrator on change and training that the "
            "client pays for; part of the plan's cash.",
            "Jours de consultants et d'intégrateur externes sur l'accompagnement et la "
            "formation, payés par le client ; comptés dans les dépenses du plan.",
        ),
        "external_day_rate": (
            "Day rate of those external days (in the currency).",
            "Taux journalier de ces jours externes (dans la devise).",
        ),
        "material_cost": (
            "Training and communication material bought for the plan (e-learning, guides, "
            "printing, rooms), in the currency; part of the plan's cash.",
            "Supports de formation et de communication achetés pour le plan (e-learning, "
            "guides, impressions, salles), dans la devise ; comptés dans les dépenses du plan.",
        ),
        "internal_days_budget": (
            "Days of its own people (learners, key users, change team) the client has "
            "agreed to give the plan; the plan's internal time is compared with it.",
            "Jours de ses propres équipes (apprenants, utilisateurs clés, équipe projet) que "
            "le client accepte de consacrer au plan ; le temps interne du plan y est comparé.",
        ),
        "currency": ("Currency of budgets and costs.", "Devise des budgets et des coûts."),
        "confidentiality": (
            "Label printed in the header or footer of every deliverable.",
            "Mention imprimée en en-tête ou pied de page de chaque livrable.",
        ),
        "sponsor_name": ("Executive sponsor's name.", "Nom du sponsor (direction)."),
        "sponsor_role": ("Executive sponsor's role.", "Fonction du sponsor."),
        "project_manager_name": ("Project manager's name.", "Nom du chef de projet."),
        "project_manager_role": ("Project manager's role.", "Fonction du chef de projet."),
        "copil_every_weeks": (
            "Steering committee (COPIL) cadence, in weeks (ideally 2).",
            "Rythme du COPIL, en semaines (idéalement 2).",
        ),
        "weekly_points": (
            "Informal weekly project points are held.",
            "Des points projet hebdomadaires informels ont lieu.",
        ),
    },
    "objectives": {
        "business_objective": (
            "The business or strategic goal this objective serves.",
            "L'objectif métier ou stratégique servi.",
        ),
        "crm_objective": ("The measurable CRM objective.", "L'objectif CRM mesurable."),
        "kpi": ("Indicator that measures it.", "Indicateur qui le mesure."),
        "unit": ("Unit of the indicator.", "Unité de l'indicateur."),
        "baseline": ("Value today, if known.", "Valeur actuelle, si connue."),
        "target": ("Target value.", "Valeur cible."),
        "due_date": ("Date by which the target is due.", "Échéance de la cible."),
        "budget": ("Budget granted to reach it.", "Budget alloué pour l'atteindre."),
        "resources": ("People and means granted.", "Personnes et moyens alloués."),
        "owner": ("Who answers for it.", "Qui en répond."),
    },
    "success_criteria": {
        "criterion": ("Success criterion assessed.", "Critère de succès évalué."),
        "status": ("Where it stands today.", "Où il en est aujourd'hui."),
        "evidence": ("Facts behind the assessment.", "Faits qui fondent l'évaluation."),
    },
    "lots": {
        "name": ("Lot name, unique.", "Nom du lot, unique."),
        "functional_blocks": (
            "Functional blocks delivered by the lot.",
            "Blocs fonctionnels livrés par le lot.",
        ),
        "populations": (
            "Populations that go live with this lot (names from the populations sheet).",
            "Populations qui démarrent avec ce lot (noms de la feuille populations).",
        ),
        "design_start": ("Start of design.", "Début de la conception."),
        "acceptance_end": (
            "Last day of acceptance testing; end-user training follows it (empty: the eve of "
            "the end-user training window).",
            "Dernier jour de la recette ; la formation des utilisateurs la suit (vide : la "
            "veille de la fenêtre de formation).",
        ),
        "acceptance_start": (
            "Start of acceptance testing (recette).",
            "Début de la recette.",
        ),
        "go_live": ("Go-live date.", "Date de mise en production."),
    },
    "use_cases": {
        "name": ("Use-case name, unique.", "Nom du cas d'usage, unique."),
        "description": (
            "What the user does with the CRM.",
            "Ce que l'utilisateur fait avec le CRM.",
        ),
        "population": ("Population concerned.", "Population concernée."),
        "lot": ("Lot that delivers it.", "Lot qui le livre."),
        "priority": ("MoSCoW priority.", "Priorité MoSCoW."),
        "functional_block": (
            "Functional block it belongs to.",
            "Bloc fonctionnel de rattachement.",
        ),
    },
    "territories": {
        "name": ("Territory name, unique.", "Nom du territoire, unique."),
        "local_management": (
            "Stance of the territory's management towards the project.",
            "Position du management du territoire vis-à-vis du projet.",
        ),
        "local_sponsor": (
            "Who carries the project in the territory; empty: nobody named yet.",
            "Qui porte le projet dans le territoire ; vide : personne n'est encore désigné.",
        ),
        "local_sponsor_role": ("Local sponsor's role.", "Fonction du sponsor local."),
        "holidays_region": (
            "Public holidays when they differ from the engagement's country: an ISO 3166 "
            "country (DE) or subdivision (FR-57 for Moselle, DE-BY for Bavaria); empty: "
            "the country's holidays.",
            "Jours fériés quand ils diffèrent de ceux du pays de la mission : un pays "
            "(DE) ou une subdivision ISO 3166 (FR-57 pour la Moselle, DE-BY pour la "
            "Bavière) ; vide : fériés du pays.",
        ),
        "specifics": (
            "What makes the territory different (market, organisation, history).",
            "Ce qui distingue le territoire (marché, organisation, histoire).",
        ),
    },
    "populations": {
        "name": ("Population name, unique.", "Nom de la population, unique."),
        "function": ("Department or function.", "Direction ou fonction."),
        "level": ("Hierarchical level.", "Niveau hiérarchique."),
        "territory": (
            "Territory where they work (names from the territories sheet); "
            "National: the whole country.",
            "Territoire où ils travaillent (noms de la feuille territories) ; "
            "National : tout le pays.",
        ),
        "headcount": ("Number of people.", "Nombre de personnes."),
        "crm_user": (
            "Uses the CRM (no: impacted without using it, e.g. back office).",
            "Utilise le CRM (non : impactée sans l'utiliser, p. ex. back-office).",
        ),
        "it_comfort": ("Comfort with IT tools.", "Aisance avec les outils informatiques."),
        "buy_in": ("Current buy-in to the project.", "Adhésion actuelle au projet."),
        "description": ("Who they are, what they do.", "Qui ils sont, ce qu'ils font."),
        "evaluated_on": (
            "What they are evaluated on today: handling time, volume, individual "
            "sales targets, quality, customer satisfaction or collective objectives.",
            "Ce sur quoi ils sont évalués aujourd'hui : durée de traitement, volume, "
            "objectifs de vente individuels, qualité, satisfaction client ou objectifs "
            "collectifs.",
        ),
        "mandatory_fields": (
            "Number of mandatory fields per interaction (call, visit, file) in the CRM; "
            "0: they enter no data.",
            "Nombre de champs obligatoires par interaction (appel, visite, dossier) dans "
            "le CRM ; 0 : aucune saisie.",
        ),
        "dashboard_visibility": (
            "How often management sees their activity dashboards: none, weekly, daily "
            "or real time.",
            "Fréquence à laquelle le management voit leurs tableaux de bord d'activité : "
            "jamais, chaque semaine, chaque jour ou en temps réel.",
        ),
        "dashboards_seen_by": (
            "Who sees those dashboards (e.g. branch managers, regional director); a manager "
            "population named here is this population's front line and owns its managers' actions.",
            "Qui voit ces tableaux de bord (p. ex. directeurs d'agence, directeur régional) ; une "
            "population de managers nommée ici est le management de proximité de cette population "
            "et porte ses actions managériales.",
        ),
        "shares_data_across_departments": (
            "They must share data with other departments.",
            "Ils devront partager des données avec d'autres services.",
        ),
        "members_in_competition": (
            "Members compete with each other (e.g. on the same market).",
            "Les membres sont en compétition entre eux (p. ex. même marché).",
        ),
        "team_size": (
            "People per team (a branch, a shift): the share away in training is capped "
            "per team; empty: the whole population is one team.",
            "Nombre de personnes par équipe (une agence, une brigade) : la part absente "
            "en formation est plafonnée par équipe ; vide : toute la population forme "
            "une équipe.",
        ),
        "shifts_tasks_to": (
            "Populations that inherit tasks this one used to do.",
            "Populations qui héritent de tâches que celle-ci faisait.",
        ),
        "shifted_tasks": (
            "The tasks handed over, in the client's words (e.g. contract amendments).",
            "Les tâches transférées, dans les mots du client (p. ex. avenants aux contrats).",
        ),
        "new_hires_per_year": ("New hires per year.", "Nouveaux arrivants par an."),
        "life_tomorrow": (
            "What their working life looks like with the CRM.",
            "À quoi ressemble leur quotidien avec le CRM.",
        ),
        "gains": ("What they gain.", "Ce qu'ils y gagnent."),
        "organisation_kind": (
            "Who employs them: client (the client's own staff), dealer, franchisee, broker, "
            "agent or outsourcer. The client's HR, managers and budget do not reach another "
            "company's staff.",
            "Qui les emploie : client (le personnel du client), concessionnaire, franchisé, "
            "courtier, agent ou prestataire. Les RH, les managers et le budget du client "
            "n'atteignent pas le personnel d'une autre entreprise.",
        ),
        "organisation": (
            "The employing company or network when it is not the client (e.g. independent "
            "dealer groups).",
            "L'entreprise ou le réseau employeur quand ce n'est pas le client (p. ex. groupes "
            "de concessions indépendants).",
        ),
        "crm_obligation": (
            "What binds them to use the CRM: contractual (their contract, or for the "
            "client's staff their job, requires it), incentive (rewarded, not obliged) or none.",
            "Ce qui les oblige à utiliser le CRM : contractual (leur contrat, ou pour le "
            "personnel du client leur poste, l'exige), incentive (récompensés, pas obligés) "
            "ou none (rien).",
        ),
        "pay_scheme": (
            "How they are paid: fixed, team bonus, individual bonus, commission per unit "
            "sold or commission per sale.",
            "Leur rémunération : fixe, prime d'équipe, prime individuelle, commission à "
            "l'unité vendue ou commission par vente.",
        ),
    },
    "relations": {
        "population": ("The population the relation is about.", "La population concernée."),
        "relation": (
            "competes_with (same market, shared lead pool), audits (audits or watches the "
            "other's work) or receives_tasks_from (takes over tasks the other did).",
            "competes_with (même marché, pistes partagées), audits (audite ou surveille le "
            "travail de l'autre) ou receives_tasks_from (reprend des tâches que l'autre faisait).",
        ),
        "other": ("The other population.", "L'autre population."),
        "detail": (
            "In the client's words (e.g. leads shared between neighbouring dealers; area "
            "managers audit dealer pipelines monthly).",
            "Dans les mots du client (p. ex. pistes partagées entre concessions voisines ; "
            "les responsables de zone auditent les portefeuilles chaque mois).",
        ),
    },
    "impacts": {
        "population": ("Population impacted.", "Population impactée."),
        "dimension": ("Nature of the change.", "Nature du changement."),
        "intensity": (
            "0 none, 1 low, 2 medium, 3 high.",
            "0 aucun, 1 faible, 2 moyen, 3 fort.",
        ),
        "today": ("How it works today.", "Comment cela fonctionne aujourd'hui."),
        "tomorrow": ("How it will work.", "Comment cela fonctionnera demain."),
    },
    "resistances": {
        "population": ("Population concerned.", "Population concernée."),
        "brake": (
            "Typical brake it reveals; empty: the method classifies the observation from its "
            "words and the population's signals, and says how.",
            "Frein type qu'elle révèle ; vide : la méthode classe l'observation d'après ses mots "
            "et les signaux de la population, et dit comment.",
        ),
        "who": (
            "Who said it: a role, not a name (e.g. branch director, Toulouse).",
            "Qui l'a dit : un rôle, pas un nom (p. ex. directeur d'agence, Toulouse).",
        ),
        "evidence": ("What was said or seen.", "Ce qui a été dit ou observé."),
        "source": (
            "Where it comes from (interview, survey...).",
            "Source (entretien, enquête...).",
        ),
    },
    "personas": {
        "name": ("Persona's first name, unique.", "Prénom du persona, unique."),
        "population": ("Population it stands for.", "Population qu'il incarne."),
        "portrait": ("Short portrait.", "Portrait en quelques lignes."),
        "it_comfort": ("Comfort with IT tools.", "Aisance avec les outils informatiques."),
        "customer_service_sense": ("Customer-service sense.", "Sens du service client."),
        "loses_by_sharing": (
            "Has something to lose by sharing information.",
            "A quelque chose à perdre à partager l'information.",
        ),
        "fears": ("Fears.", "Craintes."),
        "difficulties": ("Difficulties.", "Difficultés."),
        "successes": ("Successes.", "Réussites."),
        "view_of_tool": ("How they see the tool.", "Regard sur l'outil."),
        "quote": ("A quote in their own words.", "Une citation, dans ses mots."),
    },
    "journeys": {
        "population": ("Population whose journey it is.", "Population concernée."),
        "stage": ("Stage of the journey.", "Étape du parcours."),
        "current": ("Current journey.", "Parcours actuel."),
        "pain_point": ("Pain point (zone d'inconfort).", "Zone d'inconfort."),
        "target": ("Target journey.", "Parcours cible."),
        "improvement": ("Action that gets there.", "Action pour y parvenir."),
        "priority": ("MoSCoW priority.", "Priorité MoSCoW."),
        "effort_days": ("Effort in person-days.", "Effort en jours-homme."),
    },
    "kpis": {
        "kind": ("KPI family.", "Famille d'indicateur."),
        "name": ("KPI name, unique.", "Nom de l'indicateur, unique."),
        "population": (
            "Population measured (empty: all).",
            "Population mesurée (vide : toutes).",
        ),
        "definition": ("How it is computed.", "Mode de calcul."),
        "unit": ("Unit.", "Unité."),
        "baseline": ("Value today, if known.", "Valeur actuelle, si connue."),
        "target": ("Target value.", "Valeur cible."),
        "review_weeks_after_go_live": (
            "Weeks after go-live when it is reviewed.",
            "Semaines après la mise en production où il est revu.",
        ),
        "higher_is_better": ("Higher is better.", "Plus haut est mieux."),
    },
    "team": {
        "name": ("Member's name.", "Nom du membre."),
        "function": (
            "Function (Sales, Marketing, IT...).",
            "Fonction (Ventes, Marketing, DSI...).",
        ),
        "role": ("Role in the project.", "Rôle dans le projet."),
        "seniority": ("Seniority.", "Séniorité."),
        "allocation": ("Share of time on the project, %.", "Part du temps sur le projet, en %."),
        "released_from_daily_work": (
            "Released from daily work.",
            "Libéré de ses tâches quotidiennes.",
        ),
    },
    "key_users": {
        "name": ("Key user's name.", "Nom de l'utilisateur clé."),
        "population": ("Population they relay.", "Population qu'il relaie."),
        "territory": ("Territory.", "Territoire."),
        "allocation": ("Share of time on the project, %.", "Part du temps sur le projet, en %."),
    },
    "administrators": {
        "name": ("Administrator's name.", "Nom de l'administrateur."),
        "function": ("Function.", "Fonction."),
        "named_on": ("Date they were named.", "Date de désignation."),
    },
    "workshops": {
        "workshop": ("Which of the four workshops.", "Lequel des quatre ateliers."),
        "date": ("Date.", "Date."),
        "participants": ("Who takes part.", "Participants."),
        "status": ("Status.", "Statut."),
        "notes": ("Outcome or notes.", "Résultats ou notes."),
    },
    "training": {
        "max_group_size": ("Largest training group.", "Taille maximale d'un groupe."),
        "session_hours": ("Length of one session, hours.", "Durée d'une session, en heures."),
        "trainers_available": ("Trainers available.", "Formateurs disponibles."),
        "max_share_away": (
            "Largest share of one team in training at once (e.g. 25%).",
            "Part maximale d'une équipe en formation en même temps (p. ex. 25 %).",
        ),
        "trainer_day_rate": ("Cost of a trainer-day.", "Coût d'une journée formateur."),
        "learner_day_cost": ("Cost of a learner-day.", "Coût d'une journée stagiaire."),
        "weeks_before_go_live": (
            "How many weeks before go-live end-user training may start.",
            "Combien de semaines avant la mise en production la formation peut commencer.",
        ),
    },
    "blackouts": {
        "start": ("First day.", "Premier jour."),
        "end": ("Last day.", "Dernier jour."),
        "reason": ("Why (season peak, closing...).", "Pourquoi (pic d'activité, clôture...)."),
        "territory": (
            "Territory (names from the territories sheet; empty: all).",
            "Territoire (noms de la feuille territories ; vide : tous).",
        ),
    },
    "action_status": {
        "id": (
            "The action's identifier, as the Change plan lists it (`playbook plan export` "
            "writes every planned action's); a row with one is matched on it alone.",
            "Identifiant de l'action, tel que le Plan Change l'indique (`playbook plan export` "
            "écrit celui de chaque action prévue) ; une ligne qui en porte un est rapprochée "
            "par lui seul.",
        ),
        "action": (
            "The action as the plan words it (written by the export, for reading; not read back).",
            "L'action telle que le plan la formule (écrite par l'export, pour lecture ; non relue).",
        ),
        "owner": (
            "Who carries the action (written by the export, for reading; not read back).",
            "Qui porte l'action (écrit par l'export, pour lecture ; non relu).",
        ),
        "population": (
            "Population served (empty: every population, and the cross-population action).",
            "Population concernée (vide : toutes, et l'action transverse).",
        ),
        "planned": (
            "Planned date of the occurrence (empty: every occurrence up to the as-of date).",
            "Date prévue de l'occurrence (vide : toutes les occurrences jusqu'à la date de situation).",
        ),
        "status": (
            "Done or cancelled; empty: nothing recorded yet (late once its date is past).",
            "Réalisée ou annulée ; vide : rien d'enregistré (en retard une fois sa date passée).",
        ),
        "notes": ("What was done, or why it was cancelled.", "Ce qui a été fait, ou pourquoi l'action a été annulée."),
        "lever": (
            "The action's lever code, as the Change plan's review table lists it (needed when "
            "the row has no id).",
            "Code du levier de l'action, tel que le tableau de revue du Plan Change l'indique "
            "(nécessaire quand la ligne n'a pas d'identifiant).",
        ),
    },
    "kpi_readings": {
        "kpi": (
            "KPI name of the kpis sheet, or a KPI family (adoption, usage, data_quality, "
            "satisfaction, training_coverage, support) for the method's default.",
            "Nom d'un indicateur de la feuille kpis, ou une famille (adoption, usage, "
            "data_quality, satisfaction, training_coverage, support) pour celui de la méthode.",
        ),
        "population": (
            "Population measured (empty: all, or the territory).",
            "Population mesurée (vide : toutes, ou le territoire).",
        ),
        "territory": (
            "Territory measured (empty: every one); not with a population.",
            "Territoire mesuré (vide : tous) ; pas avec une population.",
        ),
        "date": ("Date of the reading (end of the period).", "Date du relevé (fin de période)."),
        "value": ("Value, in the KPI's unit.", "Valeur, dans l'unité de l'indicateur."),
        "comment": ("Source or remark.", "Source ou remarque."),
    },
    "attendance": {
        "module": (
            "Training module code (crm_essentials...).",
            "Code du module de formation (crm_essentials...).",
        ),
        "population": ("Population trained.", "Population formée."),
        "planned": ("People planned, cumulative.", "Personnes prévues, en cumul."),
        "attended": ("People who attended, cumulative.", "Personnes présentes, en cumul."),
        "date": ("Date of the count.", "Date du décompte."),
    },
    "pulse_results": {
        "population": ("Population surveyed.", "Population interrogée."),
        "date": ("Date the survey closed.", "Date de clôture de l'enquête."),
        "respondents": ("Number of respondents.", "Nombre de répondants."),
        "understand": ("Mean score, Understand (1-5).", "Note moyenne, Comprendre (1 à 5)."),
        "want": ("Mean score, Want (1-5).", "Note moyenne, Vouloir (1 à 5)."),
        "able": ("Mean score, Be able (1-5).", "Note moyenne, Pouvoir (1 à 5)."),
        "comments": ("Free comments, summarised.", "Commentaires libres, résumés."),
    },
}

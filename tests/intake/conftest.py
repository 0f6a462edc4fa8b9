"""Fixtures of the intake tests: a rich engagement and valid files to break."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from playbook.intake import write_intake_template
from playbook.model import Engagement
from tests.factories import minimal_engagement_dict

from .helpers import dump_yaml

_RICH: dict[str, Any] = {
    "engagement": {
        "client": "Brasserie Coudray & Fils",
        "sector": "Food and drink distribution",
        "language": "fr",
        "consultants": ["Léa Marchetti", "Yanis Bouvier"],
        "kickoff": "2026-02-02",
        "strategy": "Devenir le partenaire préféré des cafés-hôtels-restaurants.\nUn seul référentiel client.",
        "business_case": "+4 % de chiffre d'affaires par commercial; -30 % de litiges de livraison.",
        "current_situation": "Fichiers Excel par secteur, agendas papier, pas d'historique partagé.",
        "data_ambition": "Vision client à 360° (commandes, litiges, visites).",
        "currency": "EUR",
        "confidentiality": "Confidentiel - usage interne",
    },
    "governance": {
        "sponsor": {"name": "Marianne Coudray", "role": "Directrice générale"},
        "project_manager": {"name": "Olivier Tessier", "role": "Directeur commercial adjoint"},
        "copil_every_weeks": 3,
        "weekly_points": False,
        "team": [
            {
                "name": "Inès Garnier",
                "function": "Ventes",
                "role": "Référente métier",
                "seniority": "senior",
                "allocation": 50,
                "released_from_daily_work": True,
            },
            {
                "name": "Tom Peyrat",
                "function": "DSI",
                "role": "Architecte",
                "seniority": "junior",
                "allocation": 20.5,
            },
        ],
        "key_users": [
            {
                "name": "Chloé Baudry",
                "population": "Commerciaux terrain",
                "territory": "Ouest",
                "allocation": 10,
            },
            {"name": "Rémi Sauvage", "population": "Commerciaux terrain"},
        ],
        "administrators": [
            {"name": "Tom Peyrat", "function": "DSI", "named_on": "2026-02-16"},
            {"name": "Nadia Ferreira", "function": "Administration des ventes"},
        ],
        "workshops": [
            {
                "workshop": "target_vision",
                "date": "2026-02-20",
                "participants": "Direction, commerciaux",
                "status": "done",
                "notes": "=> vision partagée; verbatim « enfin un outil pour nous »",
            },
            {"workshop": "use_cases", "date": "2026-03-12", "participants": "Key users"},
        ],
    },
    "objectives": [
        {
            "business_objective": "Croître sur le segment hôtellerie",
            "crm_objective": "Suivre 100 % des comptes hôtels",
            "kpi": "Comptes hôtels suivis",
            "unit": "%",
            "baseline": 35,
            "target": 100,
            "due_date": "2026-12-31",
            "budget": 45000,
            "resources": "2 key users, 1 chef de projet",
            "owner": "Olivier Tessier",
        },
        {
            "business_objective": "Réduire les litiges",
            "crm_objective": "Tracer chaque litige",
            "kpi": "Délai de résolution",
            "unit": "jours",
            "target": 2.5,
            "due_date": "2027-03-31",
            "owner": "Nadia Ferreira",
        },
    ],
    "success_criteria": [
        {"criterion": "top_management", "status": "met", "evidence": "La DG ouvre chaque COPIL."},
        {"criterion": "experience_balance", "status": "partly"},
    ],
    "lots": [
        {
            "name": "Lot 1 : Comptes et visites",
            "functional_blocks": ["Comptes", "Visites, rapports"],
            "populations": ["Commerciaux terrain", "Chefs de secteur"],
            "design_start": "2026-03-02",
            "acceptance_start": "2026-05-04",
            "go_live": "2026-06-15",
        },
        {
            "name": "Lot 2 : Litiges",
            "functional_blocks": ["Litiges"],
            "populations": ["Commerciaux terrain"],
            "design_start": "2026-06-01",
            "acceptance_start": "2026-08-31",
            "go_live": "2026-10-05",
        },
    ],
    "use_cases": [
        {
            "name": "Préparer une visite",
            "description": "Voir l'historique avant le rendez-vous.",
            "population": "Commerciaux terrain",
            "lot": "Lot 1 : Comptes et visites",
            "priority": "must",
            "functional_block": "Visites, rapports",
        },
        {
            "name": "Déclarer un litige",
            "population": "Commerciaux terrain",
            "lot": "Lot 2 : Litiges",
            "priority": "could",
        },
    ],
    "territories": [
        {
            "name": "Ouest",
            "local_management": "opposed",
            "specifics": "Réseau racheté en 2019 ; outils propres.",
            "holidays_region": "",
        },
        {
            "name": "Sud",
            "local_management": "supportive",
            "local_sponsor": "Paul Esteve",
            "local_sponsor_role": "Directeur régional",
        },
        {"name": "Siège"},
    ],
    "populations": [
        {
            "name": "Commerciaux terrain",
            "function": "Ventes",
            "level": "staff",
            "territory": "Ouest",
            "headcount": 1200,
            "crm_user": True,
            "it_comfort": "low",
            "buy_in": "reluctant",
            "description": "Visitent 6 clients par jour.",
            "evaluated_on": "individual_sales",
            "mandatory_fields": 14,
            "dashboard_visibility": "real_time",
            "dashboards_seen_by": "chefs de secteur",
            "shares_data_across_departments": True,
            "members_in_competition": True,
            "team_size": 12,
            "shifts_tasks_to": ["Assistantes ADV"],
            "shifted_tasks": "Saisie des bons de commande",
            "new_hires_per_year": 80,
            "life_tomorrow": "Préparent leurs visites en 5 minutes.",
            "gains": "Moins de litiges à gérer eux-mêmes.",
            "organisation_kind": "agent",
            "organisation": "Agents commerciaux mandataires",
            "crm_obligation": "incentive",
            "pay_scheme": "commission_per_sale",
        },
        {
            "name": "Chefs de secteur",
            "function": "Ventes",
            "level": "manager",
            "headcount": 40,
            "crm_user": True,
            "it_comfort": "medium",
            "buy_in": "favourable",
        },
        {
            "name": "Assistantes ADV",
            "function": "Administration des ventes",
            "level": "staff",
            "territory": "Siège",
            "headcount": 15,
            "crm_user": False,
            "it_comfort": "high",
            "buy_in": "resistant",
        },
    ],
    "relations": [
        {
            "population": "Commerciaux terrain",
            "relation": "competes_with",
            "other": "Commerciaux terrain",
            "detail": "Pistes partagées entre secteurs voisins ; « premier arrivé, premier servi »",
        },
        {"population": "Chefs de secteur", "relation": "audits", "other": "Commerciaux terrain"},
    ],
    "impacts": [
        {
            "population": "Commerciaux terrain",
            "dimension": "job",
            "intensity": 3,
            "today": "Notes papier",
            "tomorrow": "Compte rendu saisi après chaque visite",
        },
        {"population": "Commerciaux terrain", "dimension": "culture", "intensity": 2},
        {"population": "Chefs de secteur", "dimension": "performance", "intensity": 1},
        {"population": "Assistantes ADV", "dimension": "organisation", "intensity": 0},
    ],
    "resistances": [
        {
            "population": "Commerciaux terrain",
            "brake": "feeling_watched",
            "evidence": "« On va nous fliquer. »",
            "source": "entretien",
        },
        {
            "population": "Assistantes ADV",
            "brake": "admin_load",
            "evidence": "Encore de la saisie pour nous.",
        },
    ],
    "personas": [
        {
            "name": "Karim",
            "population": "Commerciaux terrain",
            "portrait": "15 ans de maison, 120 clients.",
            "it_comfort": "low",
            "customer_service_sense": "high",
            "loses_by_sharing": True,
            "fears": "Perdre ses clients",
            "quote": "Mon carnet, c'est mon capital.",
        },
    ],
    "journeys": [
        {
            "population": "Commerciaux terrain",
            "stage": "get_help",
            "current": "Appelle un collègue",
            "pain_point": "Personne ne répond le vendredi",
            "target": "Aide en ligne et key user de secteur",
            "improvement": "Réseau de key users",
            "priority": "must",
            "effort_days": 2.5,
        },
        {
            "population": "Chefs de secteur",
            "stage": "daily_use",
            "current": "Tableaux Excel",
            "target": "Tableau de bord",
        },
    ],
    "kpis": [
        {
            "kind": "adoption",
            "name": "Taux d'utilisateurs actifs",
            "population": "Commerciaux terrain",
            "definition": "Actifs / licenciés",
            "unit": "%",
            "baseline": 0,
            "target": 85,
            "review_weeks_after_go_live": 6,
        },
        {
            "kind": "support",
            "name": "Tickets par utilisateur",
            "unit": "tickets",
            "target": 0.5,
            "higher_is_better": False,
        },
    ],
    "training": {
        "max_group_size": 8,
        "session_hours": 3,
        "trainers_available": 3,
        "max_share_away": 0.3,
        "trainer_day_rate": 1100,
        "learner_day_cost": 320.5,
        "weeks_before_go_live": 4,
        "blackouts": [
            {
                "start": "2026-07-13",
                "end": "2026-08-21",
                "reason": "Saison estivale",
                "territory": "Sud",
            },
            {"start": "2026-12-14", "end": "2027-01-02", "reason": "Fêtes"},
        ],
    },
}


def rich_engagement_dict() -> dict[str, Any]:
    """Every table filled, with the values that break naive readers."""
    return copy.deepcopy(_RICH)


@pytest.fixture
def rich_engagement() -> Engagement:
    return Engagement.model_validate(rich_engagement_dict())


@pytest.fixture
def minimal_engagement() -> Engagement:
    return Engagement.model_validate(minimal_engagement_dict())


@pytest.fixture(scope="session")
def _valid_xlsx_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    engagement = Engagement.model_validate(minimal_engagement_dict())
    path = write_intake_template(
        tmp_path_factory.mktemp("base") / "engagement.xlsx", engagement, lang="en"
    )
    return path.read_bytes()


@pytest.fixture
def valid_xlsx(tmp_path: Path, _valid_xlsx_bytes: bytes) -> Path:
    """A valid workbook of the minimal engagement, fresh for each test to break."""
    path = tmp_path / "engagement.xlsx"
    path.write_bytes(_valid_xlsx_bytes)
    return path


@pytest.fixture
def valid_yaml_text(minimal_engagement: Engagement) -> str:
    return dump_yaml(minimal_engagement.model_dump(mode="json"))

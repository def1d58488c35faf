"""Author splitting and noise removal."""

from __future__ import annotations

import pytest

from curator.tag.authors import clean_authors


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("By John Smith and Jane Doe", ["John Smith", "Jane Doe"]),
        ("Par Jean Dupont et Marie Martin", ["Jean Dupont", "Marie Martin"]),
        ("Von Hans Müller und Anna Schmidt", ["Hans Müller", "Anna Schmidt"]),
        ("Por Juan Pérez y María López", ["Juan Pérez", "María López"]),
        ("di Marco Rossi e Giulia Bianchi", ["Marco Rossi", "Giulia Bianchi"]),
        ("By Alice Smith, Bob Jones & Carol White", ["Alice Smith", "Bob Jones", "Carol White"]),
        ("By JANE DOE, STAFF WRITER", ["Jane Doe"]),
        ("Ursula von der Leyen", ["Ursula von der Leyen"]),
        ("By Paul Grant | March 4, 2024", ["Paul Grant"]),
        ("By Jane Doe Updated March 3, 2024", ["Jane Doe"]),
    ],
)
def test_split(line, want):
    assert clean_authors([line]) == want


@pytest.mark.parametrize(
    "noise",
    [
        "Email the author",
        "3 hours ago",
        "Staff",
        "Staff Writer",
        "@janedoe",
        "https://facebook.com/jane",
        "Metro Times",
        "Follow",
    ],
)
def test_noise_dropped(noise):
    assert clean_authors([noise], site_name="Metro Times") == []


def test_noise_around_a_name():
    assert clean_authors(["By Jane Doe | Email the author | 3 hours ago"]) == ["Jane Doe"]


def test_site_name_dropped_from_list():
    assert clean_authors(["By Jane Doe, The Gazette"], site_name="The Gazette") == ["Jane Doe"]


def test_duplicates_folded():
    assert clean_authors(["Jane Doe", "JANE DOE", "jane  doe"]) == ["Jane Doe"]


def test_capitalised_surname_particle_kept():
    # "De" leading a surname is not the Spanish/Portuguese "de" byline lead.
    assert clean_authors(["De Niro Santos"]) == ["De Niro Santos"]

"""The organisations registry: validation, name splitting and resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.classify.organisations import Registry, load_registry, resolve_names, split_names

REGISTRY = """\
version: 1
organisations:
  - id: kent-and-medway-nhs-and-social-care-partnership-trust
    name: Kent and Medway NHS and Social Care Partnership Trust
    kind: nhs-trust
    areas: [Medway]
    aliases: [KMPT]
  - id: medway-ccg
    name: NHS Medway CCG
    kind: ccg
    areas: [Medway]
    aliases: [Medway CCG]
  - id: medway-nhs-foundation-trust
    name: Medway NHS Foundation Trust
    kind: foundation-trust
    areas: [Medway]
    aliases: [MFT]
  - id: stafford-and-surrounds-ccg
    name: NHS Stafford and Surrounds CCG
    kind: ccg
    areas: [Staffordshire]
    aliases: [Stafford & Surrounds CCG]
  - id: nhs-england
    name: NHS England
    kind: nhs-england
    areas: []
    aliases: []
collectives:
  - name: Staffordshire CCGs
    pattern: '^(?:the\\s+|all\\s+)?(?:[A-Z][\\w&-]*\\s+){0,4}CCGs$'
    members: cover-ccgs
    description: every CCG named on the report's cover
"""


def registry_from(tmp_path: Path, text: str) -> tuple[Registry, list[str]]:
    path = tmp_path / "organisations.yml"
    path.write_text(text, encoding="utf-8")
    registry, found = load_registry(path, "organisations.yml")
    return registry, [item.format() for item in found]


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    loaded, problems = registry_from(tmp_path, REGISTRY)
    assert problems == []
    return loaded


def test_lookup_ignores_case_ampersands_and_punctuation(registry: Registry) -> None:
    org = registry.lookup("stafford and surrounds ccg")
    assert org is not None and org.id == "stafford-and-surrounds-ccg"
    assert registry.lookup("Medway  CCG") is registry.lookup("NHS Medway CCG")
    assert registry.lookup("Medway Council") is None


def test_names_containing_and_are_not_split(registry: Registry) -> None:
    pieces = split_names(
        "Kent and Medway NHS and Social Care Partnership Trust and Medway CCG", registry
    )
    assert [(written, org.id if org else None) for written, _, org in pieces] == [
        (
            "Kent and Medway NHS and Social Care Partnership Trust",
            "kent-and-medway-nhs-and-social-care-partnership-trust",
        ),
        ("Medway CCG", "medway-ccg"),
    ]


def test_run_together_cover_list_with_abbreviations(registry: Registry) -> None:
    text = (
        "Medway NHS Foundation Trust (MFT) Kent and Medway NHS and Social Care Partnership "
        "Trust (KMPT) Turning Point"
    )
    pieces = split_names(text, registry)
    assert [written for written, _, _ in pieces] == [
        "Medway NHS Foundation Trust (MFT)",
        "Kent and Medway NHS and Social Care Partnership Trust (KMPT)",
        "Turning Point",
    ]
    assert pieces[2][2] is None
    for written, offset, _ in pieces:
        assert text[offset : offset + len(written)] == written


def test_collective_takes_members_from_the_cover(registry: Registry) -> None:
    cover = {
        "ccgs": tuple(resolve_names("Stafford & Surrounds CCG Medway CCG", registry)),
        "providers": (),
    }
    items = resolve_names("NHS England and Staffordshire CCGs", registry, cover)
    assert [item.name for item in items] == ["NHS England", "Staffordshire CCGs"]
    assert items[1].collective is not None
    assert [org.id for org in items[1].members] == ["stafford-and-surrounds-ccg", "medway-ccg"]


def test_unknown_names_get_suggestions(registry: Registry) -> None:
    assert registry.suggest("Medway Foundation Trust") == ["Medway NHS Foundation Trust"]
    assert registry.suggest("Quite Unrelated Body") == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("aliases: [Medway CCG]", "aliases: [Medway CCG, KMPT]"),
            "organisations.yml:8: ERROR: 'KMPT' of medway-ccg is already a name of "
            "kent-and-medway-nhs-and-social-care-partnership-trust (line 3); a name may belong "
            "to one organisation only [duplicate-alias]",
        ),
        (
            ("aliases: [MFT]", "aliases: [MFT, mft]"),
            "organisations.yml:13: ERROR: 'mft' of medway-nhs-foundation-trust is already a "
            "name of medway-nhs-foundation-trust (line 13); a name may belong to one "
            "organisation only [duplicate-alias]",
        ),
        (
            ("kind: nhs-england", "kind: quango"),
            "organisations.yml:23: ERROR: organisation nhs-england has unknown kind 'quango'; "
            "use one of nhs-trust, foundation-trust, ccg, local-authority, nhs-england, "
            "community-interest-company, other [unknown-kind]",
        ),
        (
            ("id: nhs-england", "id: NHS England"),
            "organisations.yml:23: ERROR: id 'NHS England' must be a slug such as 'medway-ccg' "
            "[registry-invalid]",
        ),
        (
            ("members: cover-ccgs", "members: everyone"),
            "organisations.yml:29: ERROR: a collective needs name, pattern and members "
            "(cover-ccgs, cover-providers, cover-all) [registry-invalid]",
        ),
    ],
)
def test_validation_messages(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in REGISTRY
    _, problems = registry_from(tmp_path, REGISTRY.replace(old, new))
    assert problems == [expected]


def test_broken_yaml_is_a_diagnostic(tmp_path: Path) -> None:
    registry, problems = registry_from(tmp_path, "organisations: [\n  - id: x\n")
    assert registry.organisations == ()
    assert len(problems) == 1 and "[registry-invalid]" in problems[0]
    assert problems[0].startswith("organisations.yml:")


def test_missing_registry_is_a_warning(tmp_path: Path) -> None:
    registry, found = load_registry(tmp_path / "none.yml", "none.yml")
    assert registry.organisations == ()
    assert [item.code for item in found] == ["registry-missing"]

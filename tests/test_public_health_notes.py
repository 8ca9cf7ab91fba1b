"""Which sentences refer a matter to public health (a note, not a recommendation).

The reports say it in many ways; a new wording must not turn a note into finding text, and a
sentence that only mentions public health (as a commissioner, a nurse's title, an association)
must not become a note.
"""

from __future__ import annotations

import pytest

from build_tools.reading.parse import public_health_split

NOTES = [
    "A letter will be sent to Public Health informing them of this matter.",
    "A letter will also be sent to Public Health informing them of this matter.",
    "A letter will be forwarded to Public Health informing them of this matter.",
    "A letter has been sent to the Director of Public Health.",
    "A letter will be written to Public Health Dorset about these findings.",
    "A letter was copied to public health.",
    "These concerns have been brought to the attention of public health within Leicester City "
    "Council.",
    "This issue has been drawn to the attention of Public Health Dorset as the commissioner of "
    "sexual health services.",
    "We have drawn these shortfalls in the school nurse service to the attention of Public "
    "Health Dorset.",
    "This matter has been referred to Public Health.",
    "These issues will be reported to public health in Medway Council.",
    "The concerns have been passed on to the local authority's public health team.",
    "These shortfalls have been raised with Public Health, Staffordshire County Council.",
    "This has been escalated to Public Health England.",
    "Public Health Dorset has been informed of this matter.",
    "Public health have been made aware of these concerns.",
    "We have written to Public Health about the capacity of the school nurse service.",
    "We will inform public health of these findings.",
    "This has been highlighted to public health as the commissioner of the service.",
]

NOT_NOTES = [
    "School nurse services are commissioned by Public Health, SCC and provided by Birmingham "
    "Community NHS Trust.",
    "The guidance from the Community and Public Health Visitor Association was exceeded.",
    "Discussions are currently underway with Public Health to consider supervision.",
    "Referrals have been sent to public health nurses in the area.",
    "This was brought to the attention of the practice lead GP.",
    "The transition by Public Health of the school nurse service has been challenging.",
    "A letter will be sent to the family's GP.",
    "Public Health England commissioned the school age immunisation team.",
    "Where we found areas for improvement in services provided by NHS but commissioned by the "
    "local authority then we will bring these issues to the attention of the local public "
    "health team in a separate letter.",
]


@pytest.mark.parametrize("sentence", NOTES)
def test_a_sentence_referring_a_matter_to_public_health_is_a_note(sentence: str) -> None:
    before = "Health visitors do not always record the voice of the child (Recommendation 1.1)."
    split = public_health_split(f"{before} {sentence}")
    assert split == (before, sentence)


@pytest.mark.parametrize("sentence", NOTES)
def test_a_note_set_in_bold_italics_is_still_a_note(sentence: str) -> None:
    split = public_health_split(f"Records were poor. ***{sentence}***")
    assert split == ("Records were poor.", f"***{sentence}***")


@pytest.mark.parametrize("sentence", NOT_NOTES)
def test_a_sentence_that_only_mentions_public_health_is_not_a_note(sentence: str) -> None:
    assert public_health_split(f"Records were poor. {sentence}") is None

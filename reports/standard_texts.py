"""The standard opening text of each section of an experience report, in our own words.

A report's texts start from the previous report of the same kind and language, or, when there is none, from these.
They explain the section to a reader who knows nothing about collective impact; the facts of the initiative (names,
numbers, dates) come from the computed part that follows, so a standard text holds no placeholders. Paragraphs are
separated by a blank line; there is no markup.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Section
from .sections import WRITTEN

STANDARD_TEXTS = {
    Section.INTRODUCTION: _(
        "This experience report sums up how the initiative has worked with collective impact and what the work has "
        "led to so far. It is written for the alliance, the secretariat and the partners, and for anyone who wants "
        "to learn from the initiative's experience."
        "\n\n"
        "Collective impact is a way of working together in which a broad alliance of partners – the municipality, "
        "schools and day care, associations, businesses, foundations and the target group itself – commits to "
        "working on one complex social problem that no organisation can solve on its own. A small shared "
        "secretariat, called the backbone, holds the work together."
        "\n\n"
        "The report builds on two kinds of material: the assessments and interviews that the evaluators have "
        "recorded, and the data that the secretariat and the partners have kept on the platform along the way – the "
        "activities, the members of the alliance, the meetings, the communication and the measurements."
    ),
    Section.FOCUS: _(
        "Collective impact aims at lasting changes in the way a community deals with a problem. Such changes take "
        "time, and results for the target group can rarely be measured after only a few years. The report "
        "therefore looks for changes at four levels, each of them a step on the way to the next."
        "\n\n"
        "Level 0 asks whether the way of working has been put into practice: are the six elements of collective "
        "impact in place? Level 1 is about early changes around the initiative, such as new partnerships and more "
        "attention to the problem. Level 2 is about system changes: lasting changes in the practice, competences, "
        "resources or policies of key institutions. Level 3 is about population changes: measurable improvements "
        "for the target group."
        "\n\n"
        "The framework is freely based on »When Collective Impact has an Impact« (ORS Impact and Spark Policy "
        "Institute, 2018). Each level is assessed through a few questions, which are answered in the chapters that "
        "follow."
    ),
    Section.BASIS: _(
        "The assessments rest first of all on interviews and focus groups with people who have taken part in the "
        "initiative in different roles: members of the alliance group, the secretariat, staff of the municipality "
        "and of other organisations and, where possible, the target group itself. The informants were chosen to "
        "give as broad a picture as possible. Some have followed the whole initiative, others only single "
        "activities. The quotes are anonymous and name only the speaker's role."
        "\n\n"
        "The assessments also draw on the activity overview, evaluations of single activities, the meetings of the "
        "alliance group and the other material that the secretariat has kept on the platform. They express the "
        "informants' own experience and the evaluators' reading of the material; they are not a measurement of "
        "effect."
    ),
    Section.INITIATIVE: _(
        "This chapter describes briefly what the initiative has consisted of: the knowledge it builds on, the shared "
        "vision, the alliance behind it, the secretariat and the strategic tracks the work has been organised in. "
        "It is the background for the assessments that follow."
        "\n\n"
        "The alliance group is the initiative's decision-making body. The strategic tracks are the main areas the "
        "alliance has chosen to work on, and each activity belongs to one of them."
    ),
    Section.LEVEL0: _(
        "Collective impact rests on six elements that together make the collaboration work: a common agenda and "
        "shared vision, mutually reinforcing activities, shared measurement, frequent and open communication, a "
        "shared secretariat (the backbone) and the involvement of the target group. The first five come from the "
        "original American model. User involvement has been added in the Danish version, because a problem cannot "
        "be understood without the experience of those it concerns."
        "\n\n"
        "For each element, a set of criteria describes what is in place when the element has been implemented. The "
        "evaluators hold the initiative up against the criteria, note what speaks for it (+) and against it (÷), and "
        "give an overall rating of how far the element has been implemented. After the table follows what has "
        "promoted and what has hindered the elements."
    ),
    Section.LEVEL1: _(
        "Early changes are changes in the initiative's surroundings that lay the ground for deeper changes later. "
        "They can be new or stronger working relationships between the partners, more partnerships, greater "
        "engagement, more knowledge of the problem among key actors, politicians or the public, better access to "
        "data and more use of it, and more local participation."
        "\n\n"
        "The assessment answers a few questions about these changes. The figures on collaboration count, year by "
        "year, the pairs of organisations that have worked together on an activity, and how many of them did so "
        "for the first time."
    ),
    Section.LEVEL2: _(
        "System changes go further than early changes: they leave a lasting mark on key institutions. They can be "
        "new approaches and methods, staff with new competences, resources moved to new priorities, new policies, "
        "data systems or new ways of detecting the problem early."
        "\n\n"
        "A system change can be formal, for example written into a policy or a budget, or informal, for example a "
        "new habit of working together. The evaluators also look at whether a change is anchored, that is, whether "
        "it can be expected to last when the initiative and its secretariat are no longer there."
    ),
    Section.LEVEL3: _(
        "Population changes are the changes the initiative exists for: better conditions for the target group "
        "itself. They are also the changes that take longest to appear, and after a few years of work often only "
        "the first signs can be seen."
        "\n\n"
        "The initiative follows its goals with indicators that are measured in repeated surveys or taken from "
        "registers. For each indicator the report shows the measurements over time and whether the development goes "
        "in the direction of the goal. Figures from small groups should be read with care, and a change can have "
        "other causes than the initiative."
    ),
    Section.SUMMARY: _(
        "The summary draws the threads together level by level: how far the way of working has been implemented, "
        "and which early changes, system changes and population changes can be seen so far."
        "\n\n"
        "The learning points are the experience the initiative passes on: what others who want to work with "
        "collective impact can learn from it, and what the alliance itself would do differently."
    ),
    Section.APPENDIX_MEMBERS: _(
        "The appendix lists everyone who has been a member of the alliance group: first the current members, then "
        "those who have left, with the date and the reason."
    ),
    Section.APPENDIX_ACTIVITIES: _(
        "The appendix lists the activities that have been set going (not the ideas), in the order they started, "
        "with the strategic track they belong to, their kind, their status and the number of participants. The list "
        "comes from the activity overview that the secretariat keeps on the platform."
    ),
}


def standard_texts(language: str) -> dict[str, str]:
    """The standard text of every section with a written text (reports/sections.py) in ``language`` ("da" or
    "en"), keyed by the section's value."""
    with translation.override(language):
        return {section: str(STANDARD_TEXTS[Section(section)]) for section in WRITTEN}

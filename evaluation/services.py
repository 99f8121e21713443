from django.db import transaction


@transaction.atomic
def level_save(*, summary_form, answer_forms) -> None:
    """Save a level's summary and its answers together, or nothing."""
    assessment = summary_form.save()
    for form in answer_forms:
        form.instance.assessment = assessment
        form.save()


@transaction.atomic
def round_formset_save(*, formset) -> None:
    formset.save()

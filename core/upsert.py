from django.db import models


def upsert[M: models.Model](model: type[M], *, defaults: dict, **lookup) -> tuple[M, str]:
    """Find the row by ``lookup`` and make it match ``defaults``, writing only what differs.

    Returns the object and ``"created"``, ``"updated"`` or ``""`` (unchanged): importing or loading the same
    data twice writes nothing the second time, so it leaves no history entries either. Validates before saving.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **defaults)
        obj.full_clean()
        obj.save()
        return obj, "created"
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if not changed:
        return obj, ""
    for name in changed:
        setattr(obj, name, defaults[name])
    obj.full_clean()
    obj.save()
    return obj, "updated"

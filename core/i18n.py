from django.utils.translation import get_language


def localised(obj, field: str) -> str:
    """``obj.<field>_da`` when the page speaks Danish, ``obj.<field>_en`` otherwise: for data kept in both."""
    return getattr(obj, f"{field}_da") if (get_language() or "en").startswith("da") else getattr(obj, f"{field}_en")

"""What the type checker should know that the running code keeps loose.

``ViewMixin``, ``FormViewMixin``, ``AdminMixin``: the bases of mixins for class-based views, form views and
admins. To mypy each is what it names (so ``self.request``, ``super().dispatch`` and ``super().get_form``
type-check); at run time it is ``object``, so that the mixin can stand in front of any view or admin without
forcing an order of bases on the classes that combine it.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin
    from django.views.generic.base import ContextMixin, View
    from django.views.generic.edit import ModelFormMixin

    class ViewMixin(ContextMixin, View):
        pass

    class FormViewMixin(ModelFormMixin, View):
        pass

    class AdminMixin(ModelAdmin):
        pass

else:
    ViewMixin = FormViewMixin = AdminMixin = object

__all__ = ["AdminMixin", "FormViewMixin", "ViewMixin"]

"""What the type checker should know that the running code keeps loose.

``ViewMixin``: the base of a mixin for class-based views. To mypy it is a view (so ``self.request``,
``super().dispatch`` and ``super().get_context_data`` type-check); at run time it is ``object``, so that the
mixin can stand in front of any view without forcing an order of bases on the classes that combine it.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.views.generic.base import ContextMixin, View

    class ViewMixin(ContextMixin, View):
        pass

else:
    ViewMixin = object

__all__ = ["ViewMixin"]

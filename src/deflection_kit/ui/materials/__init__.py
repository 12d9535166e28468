"""The Materials page: build the workshop's paper and type the paper forms in."""

from deflection_kit.ui.materials.page import MaterialsPage

__all__ = ["MaterialsPage"]

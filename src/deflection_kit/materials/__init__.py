"""The workshop's paper: facilitator guide, handout and resource guide, worksheet, forms.

Built from the course content and the same recipe, pathways and audience a deck uses, laid out
with the shared PDF layer; the evaluation and knowledge-check forms have entry screens whose
answers are kept in the store.
"""

from deflection_kit.materials.build import KINDS, BuildResult, build_materials, check_kinds
from deflection_kit.materials.options import (
    MaterialsOptions,
    Prepared,
    parse_start,
    prepare_materials,
)

__all__ = [
    "KINDS",
    "BuildResult",
    "MaterialsOptions",
    "Prepared",
    "build_materials",
    "check_kinds",
    "parse_start",
    "prepare_materials",
]

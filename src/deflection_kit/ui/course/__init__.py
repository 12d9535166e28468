"""The Course page: modules, slides, pathways side by side, resources, glossary, questions."""

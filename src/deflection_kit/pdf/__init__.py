"""PDF page painting shared by exports, certificates and materials (QtGui only, never widgets)."""

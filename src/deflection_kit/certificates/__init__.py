"""Completion certificates: model, signing and verification, rendering to PDF and printers."""

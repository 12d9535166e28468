"""The live session's windows: the presenter console (laptop) and the audience screen (projector).

Import ``deflection_kit.ui.live.present_action`` from the main window: it is light; the rest is
imported when the facilitator presents.
"""

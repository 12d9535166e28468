"""The Qt-free live-session state machine: agenda, timers, checks and the events record."""

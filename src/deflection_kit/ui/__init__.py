"""The desktop app: windows, pages, Qt item models over core data and thin controllers."""

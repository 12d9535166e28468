"""Guards the services share against hostile input: zip archives, template folders, templates.

Each guard has one home here, below the services and storage, so a deck template, a roster
spreadsheet, a recipe and a certificate design are all checked the same way. The package
imports nothing heavy on its own: import the module you need.
"""

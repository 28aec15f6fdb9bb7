"""The pure domain core: playbooks, matching, coaching, drafting and tone.

Nothing in this package imports discord or the database.
"""

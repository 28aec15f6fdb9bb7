"""The Discord layer: slash commands, their buttons, menus and forms, and the reminder loop.

Callbacks here only parse what Discord sends, call :mod:`bot.service`, and turn its errors into
friendly private replies. Every reply is ephemeral and no message can mention anyone.
"""

"""Errors caused by the user's input: printed as one line, never as a traceback."""


class UserError(Exception):
    exit_code = 1

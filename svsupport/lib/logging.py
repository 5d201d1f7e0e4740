"""Logging that keeps one line per event, whatever a user typed."""

import logging


class OneLineFormatter(logging.Formatter):
    """Escapes CR and LF so that text from a form can never forge a second log line."""

    def format(self, record):
        text = super().format(record)
        return text.replace("\r", "\\r").replace("\n", "\\n")

"""Raadsleden assistant: cited denkraam questions about digital technology for council members."""

__version__ = "0.1.0"

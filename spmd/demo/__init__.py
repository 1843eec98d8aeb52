"""Deterministic demo extracts, shaped like the real raw formats of ../shared/samples."""

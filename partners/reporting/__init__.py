"""The reporting core: every covenant rule of the partner reporting flow, once.

``portal`` (partners), ``review`` and ``insight`` (staff) are thin layers on top of this package
and never import each other.
"""

"""Whole-document exports (tex, pdf, md, html, json), above the workspace.

`symml/render/` prints values and step records; this package builds documents from them.
"""

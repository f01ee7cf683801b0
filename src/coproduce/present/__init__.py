"""The one presentation layer: tables, numbers and exports made safe to show and to open.

Every tool's computing functions return frames; these modules turn them into what people see
(escaped HTML tables, notebook tables, number text) and files they open (CSV and spreadsheets
with formula cells neutralised). Escaping is the template's job, as in pandas' own HTML
templates, never each caller's.
"""

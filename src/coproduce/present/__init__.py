"""How the guide's tools present their outputs: files to export and tables to show."""

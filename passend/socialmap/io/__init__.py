"""Import and export of the sociale kaart as one table (CSV or XLSX).

format.py   the columns (one format for import, export and the template)
planning.py what a file means: row errors and the plan of organisations and offers
rules.py    the row checks (reading a row into the plan, every problem with row and column)
importer.py reading the file, the dry run and the import, written through `socialmap.services`
exporter.py the region's map and the template in that format
"""

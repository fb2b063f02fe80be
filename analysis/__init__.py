"""What people read out of the warehouse: the report, a release's history, a service's
grades, and evaluation of extraction against labelled releases.

It reads the warehouse and runs the extractors; it knows no Prefect and no HTTP. output
prints query results and makes text from documents and servers safe for a terminal,
Markdown or a spreadsheet; report (with report_grades and templates/) writes the HTML
report; history and grades print what `pressroom history` and `pressroom grades` show;
evaluate, renditions, devset_floor and grades_check score extraction against labelled
releases.
"""

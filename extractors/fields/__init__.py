"""Field helpers for release extraction: dates, references, phones, people, reports,
titles and sentence splitting. Pure functions over strings; no I/O."""

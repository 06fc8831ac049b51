"""Files in ``entries/`` that can't be shown as entries, and sync-tool conflict copies.

Checking never changes a file: each one is read once, decoded, parsed and validated, and
what is wrong is said in plain words with where it is (a line and column, a field, a byte).
Explanations never quote the file's text. Conflict copies are listed here and settled in
`conflicts`; their names are recognised in `sync_names`.

No Textual here, and no pydantic at import time (``journal`` imports this module and must
stay quick to import): the model layer is loaded on first check.

By idea (import from the module itself; this file loads nothing):

- `explain`: `Problem`, and every explanation a person reads;
- `examine`: reading and checking one file (`check_file`);
- `scan`: every file that needs a look (`find_problems`), with a cache of what was found;
- `cache`: that cache, kept between runs;
- `duplicates`: two files holding one reflection;
- `odd_files`: odd files outside ``entries/`` (drafts, practice.toml, the settings file).

Settling a conflict or a duplicate changes files, so it lives apart, in `core.conflicts`;
so does removing stale temp files (`core.housekeeping`).
"""

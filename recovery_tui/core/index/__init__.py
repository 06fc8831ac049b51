"""The history index: every entry's summary and words in a private SQLite file. No Textual.

The TOML files under ``entries/`` stay the only source of truth. The index is derived data in
the user cache folder (one file per journal folder, see `core.paths.index_file_for`):
deleting it loses nothing, and a damaged index or one made by another version of this
package is deleted and built again. `Index.refresh` re-reads only the files whose name, size
or modification time changed since the last refresh, so files edited by hand, by a sync tool
or by another running window show up at the next refresh.

Files are read with tomllib and their fields picked out defensively, without pydantic (a
full validation of 10,000 files would take longer than parsing them). A file that doesn't
parse, or whose main fields (id, dates, company, stage, stings) don't fit an entry, is
recorded as failed and not listed; ``problems.scan.find_problems`` says what is wrong.

Threads: the index opens one SQLite connection per thread (WAL mode, so a query never waits
for a refresh running in a worker). Refreshes are serialised by a lock.

Search snippets mark each match with `MARK_START` (``\\x01``) before and `MARK_END`
(``\\x02``) after it; `marked_spans` turns a snippet into plain text and (start, end) spans.
Those two characters are removed from the indexed text, so they only ever mean a match.

The package, by idea (import from the module itself; this file loads nothing, so that
`place` can be imported without SQLite):

- `store`: `Index`, the class the app opens, made of the parts below;
- `schema`: the tables, their version and the order "newest first";
- `connections`: the index file, made private, and one SQLite connection per thread;
- `refresh`: bringing the index up to date with the files;
- `entry_files`: listing and reading the entry files; `extract` picks out their fields,
  `model_view` as the entry model would;
- `queries`: the history list (filters and sorts); `search`: full-text search;
- `carry_forward`: open actions, follow-ups, people and past wins;
- `summary`: the sums behind Practice, Progress and the prep packet;
- `place`: where the index lives, and a temporary one when the cache folder can't hold it.
"""

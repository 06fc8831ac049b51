"""Sync of the journal folder through the real ``git`` command. No Textual here.

`git` runs it (no terminal prompts, a time limit), `repo` turns it on, `committer` makes every
change a commit off the typing path, `hook` is the one call the writers make, `merge` joins
two versions of a reflection field by field, `engine` syncs, `versions` reads history.
"""

"""Encryption at rest with age files. No Textual here.

An encrypted journal has two files of its own at its root:

- ``encryption.toml``, the marker: it says the journal is encrypted and names the age
  recipient (the public key) every file is encrypted to;
- ``key.age``, the journal's own random age identity (an x25519 secret key, as
  ``age-keygen`` writes it), itself encrypted with the person's passphrase (age's scrypt).

Entries, drafts, the practice file and trashed files are age files encrypted to the
recipient: writing one is fast, and the slow scrypt runs once, at unlock. The identity
itself, printed once when encryption is turned on, is the recovery key. The files stay
standard age files: ``age -d key.age > key.txt`` (asks for the passphrase), then
``age -d -i key.txt entries/NAME.toml`` prints the TOML the app shows.


Modules: `keys` (the marker, key.age, unlock; loads pyrage), `files` (converting a
journal's files), `memory` (where derived data of an encrypted journal lives: in memory).
"""

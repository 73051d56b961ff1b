"""Personnel: the system of record of each ASN (identity, rank, position, unit), its changes,
transfers, retirement, promotion proposals and the career timeline. See README.md."""

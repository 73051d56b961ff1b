"""Jenjang welfare: allowance policies, entitlements that follow the career, statements, claims."""

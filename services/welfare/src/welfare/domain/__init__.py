"""The welfare rules, pure: policies, the employee projection, entitlements, statements, claims."""

"""Which paths handle the Idempotency-Key themselves: exact paths, or folders ending in `/`."""

from jenjang_shared.web.idempotency import exempt_rules, is_exempt


def test_an_exact_entry_exempts_that_path_only():
    assert is_exempt("/v1/claims", ("/v1/claims",))
    assert is_exempt("/v1/claims/", ("/v1/claims",))
    assert not is_exempt("/v1/claims/7f0c/decision", ("/v1/claims",))
    assert not is_exempt("/v1/claimsx", ("/v1/claims",))


def test_a_folder_entry_exempts_what_is_under_it():
    assert is_exempt("/v1/imports/employees", ("/v1/imports/",))
    assert not is_exempt("/v1/import", ("/v1/imports/",))


def test_the_upload_prefix_is_a_folder_and_other_entries_are_exact():
    rules = exempt_rules(("/v1/claims", "/v1/imports"), folders={"/v1/imports"})
    assert rules == ("/v1/claims", "/v1/imports/")
    assert is_exempt("/v1/imports/employees", rules)
    assert not is_exempt("/v1/claims/7f0c/decision", rules)

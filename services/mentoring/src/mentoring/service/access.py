"""Who may do what to the mentoring records, beyond the route's policy: the scope a caller sees
(`Visibility`, applied by the repositories and read models in SQL), the side a caller takes in
a mentorship, and four eyes (nobody decides a mentorship or a designation of their own).

A record outside the caller's scope is "not found" (404, like an unknown one); a record the
caller may see but may not act on this way is `NotYours` (403, saying why).
"""

from __future__ import annotations

from jenjang_shared.access import Principal, Role
from jenjang_shared.errors import NotAllowed
from mentoring.domain.mentorship import FeedbackFrom, Mentorship


class NotYours(NotAllowed):
    """The caller sees the record but may not do this to it: 403 with the reason."""


def acts_for_anyone(caller: Principal) -> bool:
    """Admin (BKD) and internal apps act on any record they reach, for either side."""
    return caller.has(Role.ADMIN, Role.SERVICE)


def side_of(mentorship: Mentorship, nip: str | None) -> FeedbackFrom | None:
    """MENTOR or MENTEE when `nip` is a party of the mentorship, else None."""
    if nip is None:
        return None
    if nip == mentorship.mentor_nip:
        return FeedbackFrom.MENTOR
    if nip == mentorship.mentee_nip:
        return FeedbackFrom.MENTEE
    return None


def not_own(decider_nip: str | None, *, mentor_nip: str, mentee_nip: str, what: str) -> None:
    """Four eyes: the decider is neither the mentor nor the mentee (403 otherwise)."""
    if decider_nip is None:
        return
    if decider_nip == mentee_nip:
        raise NotYours(f"you are the mentee: someone else must {what} (four eyes)")
    if decider_nip == mentor_nip:
        raise NotYours(f"you are the mentor: someone else must {what} (four eyes)")

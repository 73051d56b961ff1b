"""The mentoring service: mentor pool, matching, mentorships and the JP they credit."""

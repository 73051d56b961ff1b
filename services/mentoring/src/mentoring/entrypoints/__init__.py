"""How the world reaches the mentoring service: HTTP routes (`http`) and the event handler table
(`events`). Neither builds an adapter: bootstrap hands them the unit of work."""

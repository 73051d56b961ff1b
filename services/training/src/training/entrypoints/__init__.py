"""training's entrypoints: the HTTP routes (`http`) and the event handler table (`events`)."""

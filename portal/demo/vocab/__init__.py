"""Word lists of the demo data: the city, penalty, permit and list vocabulary, placeholder words."""

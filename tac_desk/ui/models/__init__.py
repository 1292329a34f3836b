"""Qt item models: thin adapters over lists of plain domain data."""

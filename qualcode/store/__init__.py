"""The project store: typed models, database opening and migrations, and repository functions."""

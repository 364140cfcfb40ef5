"""Combine qualcode projects: bring another project's documents, codes and coding into this one."""

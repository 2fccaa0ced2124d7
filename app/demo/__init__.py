"""`aftercare demo`: a realistic, internally consistent data set so the metrics have something
to show. `generate` builds the rows (pure, seeded), `lifecycle` replays one ticket's life with
the services' rules, `seed` writes everything with COPY."""

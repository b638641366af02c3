"""Demo content: a believable public library, the 2021 programme with its
ten councils, and demo logins, all summarised in the product's own words.
`manage.py load_demo` loads it; it is not part of the production site."""

"""What every facilitator screen in the Wagtail admin shares: scoping of the
ModelAdmin screens to the user's programmes (`scoping`), the one object
lookup of the custom screens (`lookup`), row buttons (`buttons`) and the list
of custom screens mounted under /admin/peer-learning/ (`urls`)."""

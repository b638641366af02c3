"""What organisations write: the one-page plan, check-ins between sessions,
the one-page report and feedback on the programme.

- `content`: what a plan and a reflection hold (fields, sections, labels);
- `status`: where each one stands ("not started", draft, submitted, returned);
- `writing`: saving drafts, submitting, returning for changes, with optimistic
  locking and a version history;
- `progress`: the facilitator's view of a cohort's submissions;
- `views`: the facilitator screens (progress, one submission in detail).

The participants write in the portal (programme.portal)."""

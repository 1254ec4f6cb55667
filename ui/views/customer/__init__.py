"""The customer view: header, profile, contacts, consents, timeline, identity verification."""

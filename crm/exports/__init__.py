"""File exports for tools outside the CRM (calendars); identifiers in them are masked."""

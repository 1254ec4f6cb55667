"""Use-case services: one module per area; they own transactions, validate, and return DTOs."""

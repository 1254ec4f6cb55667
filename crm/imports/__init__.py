"""File imports from tools outside the CRM (what sales report back about leads)."""

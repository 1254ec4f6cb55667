"""The sales-leads tab (销售线索): list, detail with suitability checks, conversion reports."""

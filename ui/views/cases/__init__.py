"""Complaint cases (投诉工单): the case board, the detail pane and the close dialog."""

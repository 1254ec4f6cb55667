"""Qt item models: lazy, ID-list based (see STYLE.md "Big lists"), and the custom roles they answer."""
